import type { DepartmentWave, UnconfirmedGroup, UnconfirmedPerson } from '../../api/api-types';
import { waveName } from '../../text/campaign-text';
import { TIER_NAMES, formatPlanDate } from '../../text/plan-text';
import type { CsvTable } from '../CsvExport/csv-table';

/** One person not confirmed, with the wave that asks it of them. */
export type UnconfirmedRow = UnconfirmedPerson & {
  wave: DepartmentWave | undefined;
  waveId: string;
};

export const UNCONFIRMED_CSV_HEADER = [
  'Name',
  'Employee number',
  'Tier',
  'Job title',
  'Training',
  'Wave',
  'Due on',
] as const;

/** The people of the chosen waves (all when `waveId` is `all`), wave by wave, by name. */
export function unconfirmedRows(
  groups: readonly UnconfirmedGroup[],
  waves: readonly DepartmentWave[],
  waveId: string,
): UnconfirmedRow[] {
  return groups
    .filter((g) => waveId === 'all' || g.waveId === waveId)
    .flatMap((g) => {
      const wave = waves.find((w) => w.waveId === g.waveId);
      return g.people.map((p) => ({ ...p, wave, waveId: g.waveId }));
    });
}

/** The rows as CSV: everyone chosen, not only the rows drawn. */
export function unconfirmedCsv(rows: readonly UnconfirmedRow[]): CsvTable {
  return {
    header: UNCONFIRMED_CSV_HEADER,
    rows: rows.map((r) => [
      r.displayName,
      r.employeeNumber,
      TIER_NAMES[r.tier].full,
      r.jobTitle,
      r.wave?.trainingTitle ?? '',
      r.wave ? waveName(r.wave) : r.waveId,
      r.wave ? formatPlanDate(r.wave.dueOn) : '',
    ]),
  };
}
