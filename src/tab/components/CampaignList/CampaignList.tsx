import { Badge, Spinner } from '@fluentui/react-components';
import { CheckmarkCircle16Filled } from '@fluentui/react-icons';
import type { ApiClient } from '../../api/api-client';
import type { CampaignView, WaveView } from '../../api/api-types';
import { notReachedCount, peopleText, waveName } from '../../text/campaign-text';
import { formatCount } from '../../text/plan-text';
import { formatInstant } from '../AuditLog/audit-text';
import { DeliveryBar } from '../DeliveryBar/DeliveryBar';
import { NotReachedList } from '../NotReachedList/NotReachedList';
import { useCampaignListStyles } from './CampaignList.styles';

export type CampaignListProps = {
  api: ApiClient;
  /** Newest first. */
  campaigns: CampaignView[];
  /** To name each campaign's wave. */
  waves: WaveView[];
};

/** What a campaign reminded: the training, and its wave (or department, for a nudge). */
function campaignTitle(campaign: CampaignView, wave: WaveView | undefined): string {
  const which = wave ? waveName(wave) : campaign.waveId;
  const scope =
    campaign.kind === 'nudge'
      ? ` (${campaign.departmentId ?? ''} only)`
      : campaign.kind === 'summary'
        ? ' (who has not confirmed, to each department lead)'
        : '';
  return `${campaign.trainingTitle}, ${which}${scope}`;
}

/** Every reminder campaign, newest first, with where its reminders stand. */
export function CampaignList({ api, campaigns, waves }: CampaignListProps) {
  const styles = useCampaignListStyles();
  if (campaigns.length === 0) {
    return (
      <p className={styles.empty} data-testid="no-campaigns">
        No reminders have been sent yet. Open a wave, then send its reminders above.
      </p>
    );
  }
  return (
    <ul className={styles.list} aria-label="Reminder campaigns, newest first">
      {campaigns.map((campaign) => (
        <li key={campaign.id}>
          <CampaignCard
            api={api}
            campaign={campaign}
            wave={waves.find((w) => w.id === campaign.waveId)}
          />
        </li>
      ))}
    </ul>
  );
}

type CampaignCardProps = {
  api: ApiClient;
  campaign: CampaignView;
  wave: WaveView | undefined;
};

function CampaignCard({ api, campaign, wave }: CampaignCardProps) {
  const styles = useCampaignListStyles();
  const headingId = `campaign-${campaign.id}-heading`;
  const running = campaign.state === 'running';
  const fileStem = `${campaign.trainingId}-wave-${wave?.sequence ?? campaign.waveId}-${campaign.startedAt.slice(0, 10)}`;
  return (
    <article
      className={styles.card}
      aria-labelledby={headingId}
      data-testid={`campaign-card-${campaign.id}`}
      data-state={campaign.state}
    >
      <div className={styles.head}>
        <h3 id={headingId} className={styles.title}>
          {campaignTitle(campaign, wave)}
        </h3>
        {running ? (
          <Badge
            appearance="tint"
            shape="rounded"
            color="brand"
            icon={<Spinner size="extra-tiny" />}
            data-testid="campaign-state"
          >
            Sending
          </Badge>
        ) : (
          <Badge
            appearance="tint"
            shape="rounded"
            color="success"
            icon={<CheckmarkCircle16Filled />}
            data-testid="campaign-state"
          >
            Done
          </Badge>
        )}
      </div>
      <dl className={styles.facts}>
        <div className={styles.fact}>
          <dt className={styles.factName}>Reminded</dt>
          <dd className={styles.factValue}>{peopleText(campaign.recipients)}</dd>
        </div>
        {campaign.kind === 'summary' ? null : (
          // A summary goes to leads about their people: whether the leads confirmed says nothing.
          <div className={styles.fact}>
            <dt className={styles.factName}>Confirmed since</dt>
            <dd className={styles.factValue} data-testid="campaign-confirmed">
              {formatCount(campaign.confirmed)} of {formatCount(campaign.recipients)}
            </dd>
          </div>
        )}
        <div className={styles.fact}>
          <dt className={styles.factName}>Started</dt>
          <dd className={styles.factValue}>
            <time dateTime={campaign.startedAt}>{formatInstant(campaign.startedAt)}</time>
          </dd>
        </div>
        <div className={styles.fact}>
          <dt className={styles.factName}>Finished</dt>
          <dd className={styles.factValue}>
            {campaign.finishedAt ? (
              <time dateTime={campaign.finishedAt}>{formatInstant(campaign.finishedAt)}</time>
            ) : (
              'Still sending'
            )}
          </dd>
        </div>
      </dl>
      <DeliveryBar
        counts={campaign.counts}
        recipients={campaign.recipients}
        testIdPrefix="delivery"
      />
      {notReachedCount(campaign.counts) > 0 && (
        <NotReachedList api={api} campaign={campaign} fileStem={fileStem} />
      )}
    </article>
  );
}
