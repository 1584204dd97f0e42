import {
  Field,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useEffect, useId, useRef } from 'react';
import type { DepartmentWave, UnconfirmedGroup } from '../../api/api-types';
import { peopleText, waveName } from '../../text/campaign-text';
import { TIER_NAMES, formatCount } from '../../text/plan-text';
import { CsvExport } from '../CsvExport/CsvExport';
import { csvFileName } from '../CsvExport/csv-table';
import { useUnconfirmedListStyles } from './UnconfirmedList.styles';
import { unconfirmedCsv, unconfirmedRows } from './unconfirmed-csv';

/** Rows drawn on the page; the CSV has them all. */
export const SHOWN_ROWS = 200;

export type UnconfirmedListProps = {
  departmentId: string;
  departmentName: string;
  /** Who has not confirmed, per wave that has opened (the detail's `people`). */
  groups: UnconfirmedGroup[];
  /** The department's waves, to name each group. */
  waves: DepartmentWave[];
  /** The wave shown, or `all`. */
  waveId: string;
  onWaveChange: (waveId: string) => void;
  /** Changes when the page asks for focus here (a wave's "not confirmed" was pressed). */
  focusRequest?: number;
};

/**
 * The people of a department who have not confirmed a training yet, wave by wave, with their
 * employee numbers, tiers and job titles (shown only to those the server sends names to).
 */
export function UnconfirmedList({
  departmentId,
  departmentName,
  groups,
  waves,
  waveId,
  onWaveChange,
  focusRequest,
}: UnconfirmedListProps) {
  const styles = useUnconfirmedListStyles();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusRequest) heading.current?.focus();
  }, [focusRequest]);

  const chosen = groups.some((g) => g.waveId === waveId) ? waveId : 'all';
  const rows = unconfirmedRows(groups, waves, chosen);
  const total = groups.reduce((n, g) => n + g.people.length, 0);
  const labelOf = (g: UnconfirmedGroup) => {
    const wave = waves.find((w) => w.waveId === g.waveId);
    const name = wave ? `${wave.trainingTitle}, ${waveName(wave).toLowerCase()}` : g.waveId;
    return `${name} (${formatCount(g.people.length)})`;
  };
  const chosenWave = waves.find((w) => w.waveId === chosen);
  return (
    <section className={styles.root} aria-labelledby={headingId} data-testid="unconfirmed">
      <h3 id={headingId} ref={heading} tabIndex={-1} className={styles.title}>
        People not yet confirmed
      </h3>
      <div className={styles.bar}>
        <Field label="Training and wave" className={styles.field}>
          <Select
            value={chosen}
            onChange={(_e, data) => onWaveChange(data.value)}
            data-testid="unconfirmed-wave"
          >
            <option value="all">Every open wave ({formatCount(total)})</option>
            {groups.map((g) => (
              <option key={g.waveId} value={g.waveId}>
                {labelOf(g)}
              </option>
            ))}
          </Select>
        </Field>
        <CsvExport
          what={`the people not yet confirmed in ${departmentName}`}
          fileName={csvFileName(
            'not-confirmed',
            departmentId,
            chosenWave ? chosenWave.waveId : 'all-waves',
          )}
          table={() => unconfirmedCsv(rows)}
          disabled={rows.length === 0}
          data-testid="unconfirmed-csv"
        />
      </div>
      <p className={styles.note} role="status" data-testid="unconfirmed-count">
        {rows.length === 0
          ? groups.length === 0
            ? 'No wave has opened yet, so nobody can have confirmed.'
            : 'Everyone here has confirmed.'
          : rows.length > SHOWN_ROWS
            ? `${peopleText(rows.length)}; the first ${formatCount(SHOWN_ROWS)} are shown, the download has everyone.`
            : `${peopleText(rows.length)}, by name.`}
      </p>
      {rows.length > 0 && (
        // The region scrolls; it takes focus so a keyboard can scroll it too.
        <div
          className={styles.scroll}
          role="region"
          aria-label="People not yet confirmed, list"
          tabIndex={0}
        >
          <Table
            className={styles.table}
            size="small"
            aria-labelledby={headingId}
            data-testid="unconfirmed-table"
          >
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Name</TableHeaderCell>
                <TableHeaderCell scope="col">Employee number</TableHeaderCell>
                <TableHeaderCell scope="col">Tier</TableHeaderCell>
                <TableHeaderCell scope="col">Job title</TableHeaderCell>
                {chosen === 'all' && (
                  <TableHeaderCell scope="col">Training and wave</TableHeaderCell>
                )}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.slice(0, SHOWN_ROWS).map((r) => (
                <TableRow key={`${r.waveId}|${r.employeeNumber}`} data-testid="unconfirmed-row">
                  <TableCell>{r.displayName}</TableCell>
                  <TableCell className={styles.number}>{r.employeeNumber}</TableCell>
                  <TableCell>{TIER_NAMES[r.tier].full}</TableCell>
                  <TableCell>{r.jobTitle}</TableCell>
                  {chosen === 'all' && (
                    <TableCell>
                      {r.wave
                        ? `${r.wave.trainingTitle}, ${waveName(r.wave).toLowerCase()}`
                        : r.waveId}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
