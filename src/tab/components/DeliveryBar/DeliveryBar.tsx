import { mergeClasses } from '@fluentui/react-components';
import type { RecipientStatus } from '../../api/api-types';
import { DELIVERY_GROUPS, deliveryGroups, deliverySummary } from '../../text/campaign-text';
import { formatCount } from '../../text/plan-text';
import { useDeliveryBarStyles } from './DeliveryBar.styles';

export type DeliveryBarProps = {
  /** How many of the campaign's messages are in each state. */
  counts: Record<RecipientStatus, number>;
  /** How many people the campaign reminds. */
  recipients: number;
  /** Prefix of the legend figures' test ids: `${testIdPrefix}-sent`, … */
  testIdPrefix?: string;
};

/**
 * Where a campaign's reminders stand, as one stacked bar (delivered, still to send, blocked, not
 * installed, no longer reachable, could not send) with a legend giving each figure in words. The
 * bar's text alternative says the same in one sentence, so colour never carries the meaning.
 */
export function DeliveryBar({ counts, recipients, testIdPrefix }: DeliveryBarProps) {
  const styles = useDeliveryBarStyles();
  const groups = deliveryGroups(counts);
  return (
    <div className={styles.root}>
      <div
        className={styles.track}
        role="img"
        aria-label={deliverySummary(groups, recipients)}
        data-testid={testIdPrefix && `${testIdPrefix}-bar`}
      >
        {DELIVERY_GROUPS.filter(({ group }) => groups[group] > 0).map(({ group }) => (
          <div
            key={group}
            className={mergeClasses(styles.segment, styles[group])}
            style={{ flexGrow: groups[group] }}
          />
        ))}
      </div>
      <ul className={styles.legend} aria-label="What happened to the reminders">
        {DELIVERY_GROUPS.map(({ group, label, meaning }) => (
          <li
            key={group}
            className={mergeClasses(styles.item, groups[group] === 0 && styles.none)}
            title={meaning}
          >
            <span className={mergeClasses(styles.swatch, styles[group])} aria-hidden />
            <span>{label}</span>
            <span className={styles.count} data-testid={testIdPrefix && `${testIdPrefix}-${group}`}>
              {formatCount(groups[group])}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
