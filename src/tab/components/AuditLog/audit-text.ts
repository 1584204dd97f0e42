import type { AuditEntryView } from '../../api/api-types';

/** What each audited action is, in words; later issues add theirs here. */
const ACTION_LABELS: Record<string, string> = {
  'completion.create': 'Confirmed a training',
  'wave.open': 'Opened a training wave',
  'campaign.start': 'Sent training reminders',
};

/** An action in words, or its name when it has no label yet. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

const instant = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** When, in the reader's time zone: `Apr 15, 2021, 10:00 AM`. */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : instant.format(date);
}

function summarize(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .filter(([key, v]) => !['id', 'recordedAt', 'version'].includes(key) && v !== undefined)
    .slice(0, 6)
    .map(([key, v]) => `${key}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** The change an entry records, in one line: what it became, and what it was when it had a before. */
export function changeText(entry: Pick<AuditEntryView, 'before' | 'after'>): string {
  const after = summarize(entry.after);
  const before = summarize(entry.before);
  if (before && after) return `${before} → ${after}`;
  return after || (before ? `removed: ${before}` : '');
}
