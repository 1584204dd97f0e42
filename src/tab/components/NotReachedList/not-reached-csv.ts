import type { RecipientView } from '../../api/api-types';
import { recipientStatusText } from '../../text/campaign-text';

/** The CSV's header row, in the order of its columns. */
export const NOT_REACHED_CSV_HEADER = [
  'Name',
  'Person ID',
  'Department',
  'Department name',
  'What happened',
  'Details',
  'Confirmed since',
] as const;

/**
 * One CSV field (RFC 4180): always quoted, inner quotes doubled, so commas, quotes and line breaks
 * stay inside it. A value a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return) gets a leading apostrophe, so it opens as text.
 */
export function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The people a campaign did not reach as CSV text: a header row, then one row each, CRLF. */
export function notReachedCsv(
  people: readonly RecipientView[],
  departmentName: (departmentId: string) => string | undefined,
): string {
  const rows = people.map((p) => [
    p.displayName,
    p.personId,
    p.departmentId,
    departmentName(p.departmentId) ?? '',
    recipientStatusText(p.status),
    p.detail ?? '',
    p.confirmed ? 'Yes' : 'No',
  ]);
  return [NOT_REACHED_CSV_HEADER, ...rows]
    .map((row) => row.map(csvField).join(','))
    .join('\r\n')
    .concat('\r\n');
}
