import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
} from '@fluentui/react-components';
import { ArrowClockwise16Regular, Dismiss16Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { CampaignSummary, CampaignView, Wave, WaveView } from '../../api/api-types';
import { notReachedCount, peopleText, waveName } from '../../text/campaign-text';
import { formatCount, formatPlanDate } from '../../text/plan-text';
import { CampaignList } from '../CampaignList/CampaignList';
import { LoadProblem } from '../LoadProblem/LoadProblem';
import { WaveList } from '../WaveList/WaveList';
import { usePageLayoutStyles } from '../PageLayout/page-layout.styles';
import { useTrainingWavesStyles } from './TrainingWaves.styles';
import { useCampaigns } from './useCampaigns';
import { useWaves } from './useWaves';

export type TrainingWavesProps = {
  api: ApiClient;
};

/** Today in the reader's calendar, `YYYY-MM-DD`. */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function named(wave: Pick<Wave, 'id'>, waves: WaveView[] | undefined): string {
  const known = waves?.find((w) => w.id === wave.id);
  return known ? `${known.trainingTitle}, ${waveName(known).toLowerCase()}` : wave.id;
}

/**
 * The Equity Officer's training waves and reminder campaigns: each training's waves in order, to
 * open (out of order only with a reason) and to remind; then every campaign, newest first, live
 * while it sends, with the people it did not reach.
 */
export function TrainingWaves({ api }: TrainingWavesProps) {
  const styles = useTrainingWavesStyles();
  const layout = usePageLayoutStyles();
  const { state: wavesState, reload: reloadWaves } = useWaves(api);
  const { state: campaignsState, refresh: refreshCampaigns } = useCampaigns(api);
  const [today] = useState(localToday);
  const [notice, setNotice] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const [focusWaveId, setFocusWaveId] = useState<string>();
  const waves = wavesState.waves;
  const campaigns = campaignsState.campaigns;

  // A campaign that finishes changes its wave (no longer sending, more confirmed): read the waves
  // again, and say so to screen readers, which do not follow the moving bar.
  const wasRunning = useRef<Set<string>>(undefined);
  useEffect(() => {
    if (!campaigns) return;
    const before = wasRunning.current;
    wasRunning.current = new Set(campaigns.filter((c) => c.state === 'running').map((c) => c.id));
    const finished = before ? campaigns.filter((c) => c.state === 'done' && before.has(c.id)) : [];
    if (finished.length === 0) return;
    reloadWaves();
    setAnnouncement(finished.map(finishedText).join(' '));
  }, [campaigns, reloadWaves]);

  const onOpened = useCallback(
    (wave: Wave) => {
      setNotice(`${named(wave, waves)} is open, due ${formatPlanDate(wave.dueOn)}.`);
      setFocusWaveId(wave.id);
      reloadWaves();
    },
    [waves, reloadWaves],
  );
  const onStarted = useCallback(
    (campaign: CampaignSummary) => {
      setNotice(
        `Sending reminders for ${named({ id: campaign.waveId }, waves)} to ${peopleText(campaign.recipients)}. Follow it under Reminder campaigns.`,
      );
      reloadWaves();
      refreshCampaigns();
    },
    [waves, reloadWaves, refreshCampaigns],
  );
  const refreshAll = () => {
    reloadWaves();
    refreshCampaigns();
  };
  const refreshing = wavesState.status === 'loading' && waves !== undefined;

  return (
    <section className={layout.root} aria-labelledby="waves-heading" data-testid="training-waves">
      <header className={layout.headerBar}>
        <div>
          <h1 id="waves-heading" className={layout.title}>
            Training waves
          </h1>
          <p className={layout.intro}>
            Each training reaches people in waves: senior managers first, then frontline managers
            and supervisors, then all employees. Open a wave when its people should start, and send
            a reminder in Teams chat to everyone in an open wave who has not confirmed yet.
          </p>
        </div>
        <Button
          icon={refreshing ? <Spinner size="extra-tiny" /> : <ArrowClockwise16Regular />}
          disabled={refreshing}
          onClick={refreshAll}
        >
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </Button>
      </header>

      <div className={styles.announcer} role="status" data-testid="waves-announcer">
        {announcement}
      </div>
      {notice && (
        <MessageBar intent="success" layout="multiline" role="status" data-testid="waves-notice">
          <MessageBarBody>{notice}</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                aria-label="Dismiss"
                icon={<Dismiss16Regular />}
                onClick={() => setNotice(undefined)}
              />
            }
          />
        </MessageBar>
      )}

      <section className={layout.section} aria-labelledby="waves-list-heading">
        <h2 id="waves-list-heading" className={layout.sectionTitle}>
          Waves
        </h2>
        {wavesState.status === 'failed' && (
          <LoadProblem error={wavesState.error} what="training waves" onRetry={reloadWaves} />
        )}
        {waves ? (
          <WaveList
            api={api}
            waves={waves}
            today={today}
            focusWaveId={focusWaveId}
            onOpened={onOpened}
            onStarted={onStarted}
          />
        ) : (
          wavesState.status === 'loading' && (
            <Spinner className={styles.loading} label="Loading the training waves…" />
          )
        )}
      </section>

      <section className={layout.section} aria-labelledby="campaigns-heading">
        <h2 id="campaigns-heading" className={layout.sectionTitle}>
          Reminder campaigns
        </h2>
        <p className={layout.intro}>
          Newest first. While reminders are being sent, the figures here update every few seconds.
        </p>
        {campaignsState.status === 'failed' && (
          <LoadProblem
            error={campaignsState.error}
            what="reminder campaigns"
            onRetry={refreshCampaigns}
          />
        )}
        {campaigns ? (
          <CampaignList api={api} campaigns={campaigns} waves={waves ?? []} />
        ) : (
          campaignsState.status === 'loading' && (
            <Spinner className={styles.loading} label="Loading the reminder campaigns…" />
          )
        )}
      </section>
    </section>
  );
}

function finishedText(campaign: CampaignView): string {
  return `Reminders for ${campaign.trainingTitle} are sent: ${formatCount(campaign.counts.sent)} delivered, ${formatCount(notReachedCount(campaign.counts))} not reached.`;
}
