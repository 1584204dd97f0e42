import { Button, Spinner } from '@fluentui/react-components';
import { ArrowRight16Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { CampaignView } from '../../api/api-types';
import { notReachedCount, peopleText } from '../../text/campaign-text';
import { formatCount } from '../../text/plan-text';
import { StatusBadge } from '../StatusBadge/StatusBadge';
import { useCampaignStatusStyles } from './CampaignStatus.styles';

export type CampaignStatusProps = {
  api: ApiClient;
  /** Opens the Training waves page, where campaigns are sent and followed. */
  onOpenWaves: () => void;
};

type Latest =
  { status: 'loading' } | { status: 'loaded'; campaign?: CampaignView } | { status: 'failed' };

/**
 * The latest reminder campaign in one line (the Equity Officer's): which training, sending or
 * done, delivered and not reached, confirmed since; and the way to the Training waves page.
 */
export function CampaignStatus({ api, onOpenWaves }: CampaignStatusProps) {
  const styles = useCampaignStatusStyles();
  const [latest, setLatest] = useState<Latest>({ status: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    api
      .campaigns({ signal: abort.signal })
      .then(({ campaigns }) => {
        const reminders = campaigns
          .filter((c) => c.kind !== 'summary')
          .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
        setLatest({ status: 'loaded', campaign: reminders[0] });
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        console.warn('reap: could not read the reminder campaigns', error);
        setLatest({ status: 'failed' });
      });
    return () => abort.abort();
  }, [api]);

  const c = latest.status === 'loaded' ? latest.campaign : undefined;
  return (
    <div className={styles.root} data-testid="campaign-status">
      <div className={styles.text}>
        {latest.status === 'loading' ? (
          <Spinner size="tiny" label="Reading the latest reminder campaign…" />
        ) : latest.status === 'failed' ? (
          <p className={styles.figures}>The reminder campaigns could not be read just now.</p>
        ) : !c ? (
          <p className={styles.figures}>No reminder campaign has been sent yet.</p>
        ) : (
          <>
            <p className={styles.title}>
              Latest reminder: {c.trainingTitle}
              {c.kind === 'nudge' && c.departmentId ? ` (${c.departmentId})` : ''}
              <StatusBadge status={c.state === 'running' ? 'neutral' : 'met'} size="small">
                {c.state === 'running' ? 'Sending' : 'Sent'}
              </StatusBadge>
            </p>
            <p className={styles.figures} data-testid="campaign-status-figures">
              To {peopleText(c.recipients)}: {formatCount(c.counts.sent)} delivered,{' '}
              {formatCount(notReachedCount(c.counts))} not reached, {formatCount(c.confirmed)}{' '}
              confirmed since.
            </p>
          </>
        )}
      </div>
      <Button
        appearance="secondary"
        icon={<ArrowRight16Regular />}
        iconPosition="after"
        onClick={onOpenWaves}
      >
        Training waves
      </Button>
    </div>
  );
}
