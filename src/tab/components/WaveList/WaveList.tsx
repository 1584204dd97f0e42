import { Badge, type BadgeProps } from '@fluentui/react-components';
import {
  CalendarClock16Regular,
  CheckmarkCircle16Regular,
  PlayCircle16Regular,
  Warning16Filled,
} from '@fluentui/react-icons';
import { useEffect, useRef, type ReactElement } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { CampaignSummary, Wave, WaveState, WaveView } from '../../api/api-types';
import { WAVE_STATE_TEXT, waveName } from '../../text/campaign-text';
import { formatPlanDate } from '../../text/plan-text';
import { CompletionBar } from '../CompletionBar/CompletionBar';
import { OpenWaveDialog } from '../OpenWaveDialog/OpenWaveDialog';
import { SendRemindersDialog } from '../SendRemindersDialog/SendRemindersDialog';
import { useWaveListStyles } from './WaveList.styles';

export type WaveListProps = {
  api: ApiClient;
  /** Every wave, by training and in order, as `GET /api/waves` gives them. */
  waves: WaveView[];
  /** The day in the reader's calendar, for the bars' colour once everyone confirmed. */
  today: string;
  /** Just opened: once it shows as open, focus goes to its "Send reminders". */
  focusWaveId?: string;
  onOpened: (wave: Wave) => void;
  onStarted: (campaign: CampaignSummary) => void;
};

const STATE_LOOK: Record<WaveState, { color: BadgeProps['color']; icon: ReactElement }> = {
  not_open: { color: 'informative', icon: <CalendarClock16Regular /> },
  open: { color: 'brand', icon: <PlayCircle16Regular /> },
  overdue: { color: 'danger', icon: <Warning16Filled /> },
  closed: { color: 'subtle', icon: <CheckmarkCircle16Regular /> },
};

/** When a wave opens (or opened) and is due, in words. */
function datesText(wave: WaveView): string {
  const opens = formatPlanDate(wave.opensOn);
  const due = formatPlanDate(wave.dueOn);
  if (wave.state === 'not_open') return `Opens ${opens} · due ${due}`;
  if (wave.state === 'open') return `Opened ${opens} · due ${due}`;
  return `Opened ${opens} · was due ${due}`;
}

/** The waves of each training, in order: state, dates, who confirmed, and what can be done. */
export function WaveList({ api, waves, today, focusWaveId, onOpened, onStarted }: WaveListProps) {
  const styles = useWaveListStyles();
  const trainings = new Map<string, WaveView[]>();
  for (const wave of waves)
    trainings.set(wave.trainingId, [...(trainings.get(wave.trainingId) ?? []), wave]);
  if (waves.length === 0) {
    return <p className={styles.dates}>The plan has no training waves.</p>;
  }
  return (
    <div className={styles.trainings}>
      {[...trainings].map(([trainingId, own]) => {
        const headingId = `waves-${trainingId}-heading`;
        return (
          <section
            key={trainingId}
            className={styles.training}
            aria-labelledby={headingId}
            data-testid={`waves-${trainingId}`}
          >
            <h3 id={headingId} className={styles.trainingTitle}>
              {own[0]?.trainingTitle ?? trainingId}
            </h3>
            <ol
              className={styles.waves}
              aria-label={`Waves of ${own[0]?.trainingTitle ?? trainingId}`}
            >
              {own.map((wave) => (
                <WaveRow
                  key={wave.id}
                  api={api}
                  wave={wave}
                  blockedBy={waves.find((w) => w.id === wave.blockedBy)}
                  today={today}
                  focusSend={wave.id === focusWaveId}
                  onOpened={onOpened}
                  onStarted={onStarted}
                />
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}

type WaveRowProps = {
  api: ApiClient;
  wave: WaveView;
  blockedBy: WaveView | undefined;
  today: string;
  focusSend: boolean;
  onOpened: (wave: Wave) => void;
  onStarted: (campaign: CampaignSummary) => void;
};

function WaveRow({ api, wave, blockedBy, today, focusSend, onOpened, onStarted }: WaveRowProps) {
  const styles = useWaveListStyles();
  const sendRef = useRef<HTMLButtonElement>(null);
  const headingId = `wave-${wave.id}-heading`;
  const look = STATE_LOOK[wave.state];
  const canSend = wave.state === 'open' || wave.state === 'overdue';
  // The "Open wave" button that had focus is gone once the wave is open: its next step takes it.
  useEffect(() => {
    if (focusSend && canSend) sendRef.current?.focus();
  }, [focusSend, canSend]);
  return (
    <li className={styles.wave} aria-labelledby={headingId} data-testid={`wave-row-${wave.id}`}>
      <div className={styles.about}>
        <div className={styles.nameLine}>
          <h4 id={headingId} className={styles.name}>
            {waveName(wave)}
          </h4>
          <Badge
            appearance="tint"
            shape="rounded"
            color={look.color}
            icon={look.icon}
            data-testid="wave-state"
          >
            {WAVE_STATE_TEXT[wave.state]}
          </Badge>
        </div>
        <p className={styles.dates} data-testid="wave-dates">
          {datesText(wave)}
        </p>
        {wave.overrideReason && (
          <p className={styles.reason} data-testid="wave-override-reason">
            <span className={styles.reasonLabel}>Opened out of order because: </span>
            {wave.overrideReason}
          </p>
        )}
      </div>
      <div className={styles.progress}>
        <span className={styles.progressLabel}>Confirmed the training</span>
        <CompletionBar
          layout="compact"
          label="Confirmed the training"
          accessibleName={`${wave.trainingTitle}, ${waveName(wave)}: confirmed`}
          figure={{
            completed: wave.confirmed,
            required: wave.people,
            percent: wave.people === 0 ? 100 : Math.floor((wave.confirmed / wave.people) * 100),
            dueOn: wave.dueOn,
          }}
          today={today}
          figureTestId="wave-confirmed"
        />
      </div>
      <div className={styles.actions}>
        {wave.state === 'not_open' ? (
          <OpenWaveDialog api={api} wave={wave} blockedBy={blockedBy} onOpened={onOpened} />
        ) : canSend ? (
          <SendRemindersDialog api={api} wave={wave} onStarted={onStarted} triggerRef={sendRef} />
        ) : null}
      </div>
    </li>
  );
}
