import { ALL_DEPARTMENTS } from '../plan/milwaukee-2020-2021';
import type { IsoDate, Quarter, Strategy, StrategyStatus, StrategyStatusValue } from '../types';

/** A strategy's standing for a quarter: its latest report's status, or not reported at all. */
export type StrategyStanding = StrategyStatusValue | 'not_reported';

/** Every standing, in the order a chart stacks them (best last). */
export const STRATEGY_STANDINGS: readonly StrategyStanding[] = [
  'not_reported',
  'behind',
  'at_risk',
  'not_started',
  'on_track',
  'done',
];

/** How many strategies stand where; every standing has a count (0 when none). */
export type StrategyCounts = Record<StrategyStanding, number>;

/** One strategy a department is responsible for, and where it stands this quarter. */
export type StrategyLine = {
  strategyId: string;
  status: StrategyStanding;
  /** The day of the latest report this quarter; absent when not reported. */
  reportedOn?: IsoDate;
};

/** A department's strategies for one quarter: the plan's "strategies on track" measure. */
export type StrategyProgress = {
  /** The quarter counted, `YYYY-Qn`: the current one. */
  quarter: Quarter;
  /** Strategies the department is responsible for (its own and every department's). */
  responsible: number;
  counts: StrategyCounts;
  /** `on_track` + `done`: the measure "strategies on track". */
  onTrack: number;
  /** `onTrack` of `responsible`, 0–100 rounded down; 100 when responsible for none. */
  percentOnTrack: number;
  /** Responsible strategies with no report this quarter. */
  notReported: number;
  /** Each responsible strategy, in plan order. */
  strategies: StrategyLine[];
};

/** Counts with every standing at 0. */
export function emptyStrategyCounts(): StrategyCounts {
  return { not_reported: 0, behind: 0, at_risk: 0, not_started: 0, on_track: 0, done: 0 };
}

/** True when the department answers for `strategy` (named, or `*` for every department). */
export function isResponsibleFor(strategy: Strategy, departmentId: string): boolean {
  return (
    strategy.responsibleDepartmentIds.includes(departmentId) ||
    strategy.responsibleDepartmentIds.includes(ALL_DEPARTMENTS)
  );
}

/**
 * The latest of one strategy's reports: by when it was made, and of reports made at the same
 * instant the one listed last (reports are appended, so the last is the newest).
 */
function latestReport(reports: readonly StrategyStatus[]): StrategyStatus | undefined {
  let found: StrategyStatus | undefined;
  for (const r of reports) {
    if (!found || (r.reportedAt ?? r.reportedOn) >= (found.reportedAt ?? found.reportedOn)) {
      found = r;
    }
  }
  return found;
}

/**
 * Where a department's strategies stand in `quarter`: for each strategy it is responsible for, the
 * latest status reported for that quarter (earlier quarters do not count: a status is reported
 * afresh every quarter), counted by status, and the plan's measure "strategies on track" (on track
 * or done).
 * @param statuses reports of any department and quarter; only the department's for `quarter` count.
 */
export function strategyProgress(
  departmentId: string,
  strategies: readonly Strategy[],
  statuses: readonly StrategyStatus[],
  quarter: Quarter,
): StrategyProgress {
  const reports = new Map<string, StrategyStatus[]>();
  for (const s of statuses) {
    if (s.departmentId !== departmentId || s.quarter !== quarter) continue;
    const list = reports.get(s.strategyId);
    if (list) list.push(s);
    else reports.set(s.strategyId, [s]);
  }
  const counts = emptyStrategyCounts();
  const lines: StrategyLine[] = strategies
    .filter((s) => isResponsibleFor(s, departmentId))
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))
    .map((strategy) => {
      const latest = latestReport(reports.get(strategy.id) ?? []);
      const status: StrategyStanding = latest?.status ?? 'not_reported';
      counts[status] += 1;
      return latest
        ? { strategyId: strategy.id, status, reportedOn: latest.reportedOn }
        : { strategyId: strategy.id, status };
    });
  const onTrack = counts.on_track + counts.done;
  return {
    quarter,
    responsible: lines.length,
    counts,
    onTrack,
    percentOnTrack: lines.length === 0 ? 100 : Math.floor((onTrack * 100) / lines.length),
    notReported: counts.not_reported,
    strategies: lines,
  };
}
