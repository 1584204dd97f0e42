import type { RecipientStatus, Tier, WaveState } from '../api/api-types';
import { TIER_NAMES, formatCount } from './plan-text';

// How the tab writes training waves and reminder campaigns, in words a city officer uses.

/** A wave by its place and tier: `Wave 2: Frontline managers and supervisors`. */
export function waveName(wave: { sequence: number; tier: Tier }): string {
  return `Wave ${wave.sequence}: ${TIER_NAMES[wave.tier].full}`;
}

/** A wave's state, for its badge. */
export const WAVE_STATE_TEXT: Record<WaveState, string> = {
  not_open: 'Not open yet',
  open: 'Open',
  overdue: 'Past due',
  closed: 'Closed',
};

/**
 * What became of the reminders, grouped as the delivery bar shows them: queued and sending are
 * one group, since both mean "not sent yet".
 */
export type DeliveryGroup = 'sent' | 'waiting' | 'blocked' | 'not_installed' | 'gone' | 'failed';

/** The groups in the bar's order, each with its legend label and what it means. */
export const DELIVERY_GROUPS: ReadonlyArray<{
  group: DeliveryGroup;
  label: string;
  meaning: string;
}> = [
  { group: 'sent', label: 'Delivered', meaning: 'The reminder reached their Teams chat.' },
  { group: 'waiting', label: 'Still to send', meaning: 'Waiting its turn, or being sent now.' },
  {
    group: 'blocked',
    label: 'Blocked reap',
    meaning: 'They blocked reap in Teams, or reap is turned off for them.',
  },
  {
    group: 'not_installed',
    label: 'reap not installed',
    meaning: 'reap is not installed for them in Teams, so it cannot start a chat.',
  },
  {
    group: 'gone',
    label: 'No longer reachable',
    meaning: 'They left the directory, or their chat with reap is gone.',
  },
  { group: 'failed', label: 'Could not send', meaning: 'Teams kept refusing the message.' },
];

/** A campaign's counts, grouped for the delivery bar. */
export function deliveryGroups(
  counts: Record<RecipientStatus, number>,
): Record<DeliveryGroup, number> {
  return {
    sent: counts.sent,
    waiting: counts.queued + counts.sending,
    blocked: counts.blocked,
    not_installed: counts.not_installed,
    gone: counts.gone,
    failed: counts.failed,
  };
}

/** The statuses of people a campaign did not reach, in the order the list shows them. */
export const NOT_REACHED_STATUSES = [
  'blocked',
  'not_installed',
  'gone',
  'failed',
] as const satisfies readonly RecipientStatus[];

/** How many people a campaign did not reach (so far). */
export function notReachedCount(counts: Record<RecipientStatus, number>): number {
  return NOT_REACHED_STATUSES.reduce((n, status) => n + counts[status], 0);
}

const STATUS_TEXT: Record<RecipientStatus, string> = {
  queued: 'Still to send',
  sending: 'Being sent',
  sent: 'Delivered',
  blocked: 'Blocked reap',
  not_installed: 'reap not installed',
  gone: 'No longer reachable',
  failed: 'Could not send',
};

/** What happened to one person's reminder, in words. */
export function recipientStatusText(status: RecipientStatus): string {
  return STATUS_TEXT[status];
}

/** The delivery figures in one sentence, for the bar's text alternative. */
export function deliverySummary(groups: Record<DeliveryGroup, number>, recipients: number): string {
  const parts = DELIVERY_GROUPS.filter(({ group }) => groups[group] > 0).map(
    ({ group, label }) =>
      `${label.charAt(0).toLowerCase()}${label.slice(1)} ${formatCount(groups[group])}`,
  );
  const people = peopleText(recipients);
  return parts.length === 0
    ? `Reminders to ${people}: none yet.`
    : `Reminders to ${people}: ${parts.join(', ')}.`;
}

/** `1 person` or `812 people`. */
export function peopleText(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'person' : 'people'}`;
}
