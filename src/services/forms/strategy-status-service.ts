import {
  ALL_DEPARTMENTS,
  daysBetween,
  previousQuarter,
  quarterBounds,
  quarterOf,
  toIsoDate,
  ValidationError,
  type AuditEntry,
  type IsoDate,
  type Person,
  type Quarter,
  type Strategy,
  type StrategyStatus,
  type StrategyStatusValue,
} from '../../domain';
import type { PlanStore } from '../../store/plan-store';
import type { Clock } from '../clock';

/**
 * The statuses a lead reports, in the order the card offers them: the four the plan's updates
 * use. (The domain also knows `behind`, which earlier records may hold; the card shows it but
 * does not offer it.)
 */
export const REPORTED_STATUSES: readonly StrategyStatusValue[] = [
  'not_started',
  'on_track',
  'at_risk',
  'done',
];

/**
 * Longest note per strategy. The SharePoint column is a note (63,999), but one card carries a
 * note for each of a department's strategies (DOA has 14, about 14 KB of card without notes) and
 * Teams refuses a message over about 28 KB: 14 notes of 300 characters fit even in a script of
 * three bytes a character. A quarterly note is two or three sentences.
 */
export const STATUS_NOTE_MAX = 300;

/**
 * Days into a quarter during which a card rendered in the quarter before may still report it: a
 * lead who opened the form on the last day of March and sends it on April 2nd reports Q1.
 */
export const LATE_REPORT_DAYS = 14;

/** The card input id of one strategy's status. */
export const statusField = (strategyId: string) => `status-${strategyId}`;
/** The card input id of one strategy's note. */
export const noteField = (strategyId: string) => `note-${strategyId}`;

/** Where one strategy stands for the form: its latest report this quarter, or else last quarter's. */
export type StrategyStanding = {
  strategy: Strategy;
  /** This quarter's latest report. */
  current?: StrategyStatus;
  /** Last quarter's latest report, when this quarter has none. */
  previous?: StrategyStatus;
};

/** One strategy's row as the card sent it: empty strings for what the lead left empty. */
export type StatusEntry = { strategyId: string; status: string; note: string };

export type StatusReportInput = {
  /** Made when the card was rendered: each report's id is `<reportId>-<strategyId>`. */
  reportId: string;
  /** The quarter the card was rendered for. */
  quarter: string;
  entries: StatusEntry[];
};

/** What a report did, in strategies: stored now, stored already by a resend, left as they were. */
export type StatusReportOutcome = {
  quarter: Quarter;
  saved: number;
  alreadySaved: number;
  unchanged: number;
};

/**
 * The latest of reports, by when it was made; of reports made at the same instant, the one the
 * store lists last (appended last).
 */
function latest(reports: StrategyStatus[]): StrategyStatus | undefined {
  let found: StrategyStatus | undefined;
  for (const r of reports) {
    if (!found || (r.reportedAt ?? r.reportedOn) >= (found.reportedAt ?? found.reportedOn))
      found = r;
  }
  return found;
}

/** The strategies a department is responsible for (its own, and every department's), in plan order. */
export function strategiesOf(strategies: Strategy[], departmentId: string): Strategy[] {
  return strategies
    .filter(
      (s) =>
        s.responsibleDepartmentIds.includes(departmentId) ||
        s.responsibleDepartmentIds.includes(ALL_DEPARTMENTS),
    )
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

/** The strategies among `strategies` a department has not reported for `quarter`. */
export function unreported(
  strategies: Strategy[],
  reports: StrategyStatus[],
  departmentId: string,
  quarter: Quarter,
): Strategy[] {
  const reported = new Set(
    reports
      .filter((r) => r.departmentId === departmentId && r.quarter === quarter)
      .map((r) => r.strategyId),
  );
  return strategiesOf(strategies, departmentId).filter((s) => !reported.has(s.id));
}

/**
 * A department's quarterly status of each plan strategy it is responsible for. Reports are
 * appended, never edited: the latest of a quarter is the strategy's status, the earlier ones its
 * history. The caller has authorised the actor (`strategy-status.report` on the department).
 */
export class StrategyStatusService {
  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
  ) {}

  /** The quarter a form opened now reports. */
  currentQuarter(): Quarter {
    return quarterOf(toIsoDate(this.clock.now()));
  }

  /** Where each of the department's strategies stands in `quarter`, in plan order. */
  async standings(departmentId: string, quarter: Quarter): Promise<StrategyStanding[]> {
    const [strategies, reports] = await Promise.all([
      this.store.listStrategies(),
      this.store.listStrategyStatuses({ departmentId }),
    ]);
    const before = previousQuarter(quarter);
    return strategiesOf(strategies, departmentId).map((strategy) => {
      const own = reports.filter((r) => r.strategyId === strategy.id);
      const current = latest(own.filter((r) => r.quarter === quarter));
      const previous = current ? undefined : latest(own.filter((r) => r.quarter === before));
      return {
        strategy,
        ...(current ? { current } : {}),
        ...(previous ? { previous } : {}),
      };
    });
  }

  /**
   * Appends the department's report of a quarter: one status per strategy given a status, in one
   * store write with one audit entry. A strategy whose status and note are this quarter's already
   * is left as it is; a resend of the same card finds its reports stored and stores nothing.
   * @throws ValidationError (nothing stored) naming the strategy's field (`status-S1.1`,
   * `note-S1.1`), `quarter` when the card's quarter is closed, or `entries` when no strategy has a
   * status.
   */
  async report(
    actor: Person,
    departmentId: string,
    input: StatusReportInput,
  ): Promise<StatusReportOutcome> {
    const now = this.clock.now();
    const today = toIsoDate(now);
    const quarter = this.acceptedQuarter(input.quarter, today);
    const [strategies, reports] = await Promise.all([
      this.store.listStrategies(),
      this.store.listStrategyStatuses(),
    ]);
    const own = new Map(strategiesOf(strategies, departmentId).map((s) => [s.id, s]));
    const chosen: Array<{ strategy: Strategy; status: StrategyStatusValue; note: string }> = [];
    for (const entry of input.entries) {
      const strategy = own.get(entry.strategyId);
      if (!strategy) {
        throw new ValidationError(
          statusField(entry.strategyId),
          'one-of',
          `${entry.strategyId.slice(0, 20)} is not a strategy your department is responsible for. Type **update** for a new card.`,
        );
      }
      const note = entry.note.trim();
      if (note.length > STATUS_NOTE_MAX) {
        throw new ValidationError(
          noteField(strategy.id),
          'max',
          `Shorten the note to ${STATUS_NOTE_MAX} characters or fewer (it has ${note.length}).`,
        );
      }
      if (entry.status === '') {
        if (note !== '') {
          throw new ValidationError(
            statusField(strategy.id),
            'required',
            'Pick a status for this strategy, or clear its note.',
          );
        }
        continue;
      }
      const status = REPORTED_STATUSES.find((s) => s === entry.status);
      if (!status) {
        throw new ValidationError(
          statusField(strategy.id),
          'one-of',
          'Pick one of the statuses: not started, on track, at risk or done.',
        );
      }
      chosen.push({ strategy, status, note });
    }
    if (chosen.length === 0) {
      throw new ValidationError(
        'entries',
        'required',
        'Pick a status for at least one strategy, then send the report.',
      );
    }

    const byId = new Map(reports.map((r) => [r.id, r]));
    const mine = reports.filter((r) => r.departmentId === departmentId && r.quarter === quarter);
    const toAdd: StrategyStatus[] = [];
    const before: StrategyStatus[] = [];
    let alreadySaved = 0;
    let unchanged = 0;
    for (const { strategy, status, note } of chosen) {
      const id = `${input.reportId}-${strategy.id}`;
      const stored = byId.get(id);
      if (stored) {
        if (stored.departmentId !== departmentId || stored.strategyId !== strategy.id) {
          throw new ValidationError(
            'reportId',
            'department',
            'This card names reports of another department. Type **update** for a new card.',
          );
        }
        alreadySaved += 1;
        continue;
      }
      const current = latest(mine.filter((r) => r.strategyId === strategy.id));
      if (current && current.status === status && current.note === note) {
        unchanged += 1;
        continue;
      }
      if (current) before.push(current);
      toAdd.push({
        id,
        strategyId: strategy.id,
        departmentId,
        quarter,
        status,
        note,
        reportedOn: today,
        reportedBy: actor.id,
        reportedAt: now.toISOString(),
      });
    }
    let saved = 0;
    if (toAdd.length > 0) {
      const audit: AuditEntry = {
        id: `strategy-status.report:${input.reportId}`,
        at: now.toISOString(),
        actorId: actor.id,
        action: 'strategy-status.report',
        recordType: 'strategy-status',
        recordId: input.reportId,
        ...(before.length > 0 ? { before } : {}),
        after: toAdd,
      };
      saved = await this.store.addStrategyStatuses(toAdd, audit);
      // A resend that read before this wrote stored the same ids: those count as already saved.
      alreadySaved += toAdd.length - saved;
    }
    return { quarter, saved, alreadySaved, unchanged };
  }

  /**
   * The quarter a card may report: the current one, or the one before during the first
   * `LATE_REPORT_DAYS` of a quarter.
   * @throws ValidationError (field `quarter`) otherwise.
   */
  private acceptedQuarter(cardQuarter: string, today: IsoDate): Quarter {
    const current = quarterOf(today);
    if (cardQuarter === current) return current;
    const previous = previousQuarter(current);
    if (
      cardQuarter === previous &&
      daysBetween(quarterBounds(current).start, today) < LATE_REPORT_DAYS
    ) {
      return previous;
    }
    throw new ValidationError(
      'quarter',
      'closed',
      `This card was for ${quarterLabel(cardQuarter)}, which is closed, so nothing was saved. The card now shows ${quarterLabel(current)}: check the statuses and send them again.`,
    );
  }
}

/** `2021 Q2`, as people write it; anything that is not a quarter is shown shortened. */
export function quarterLabel(quarter: string): string {
  return /^\d{4}-Q[1-4]$/.test(quarter) ? quarter.replace('-', ' ') : quarter.slice(0, 10);
}

/** The last day of a quarter, by when its report is due. */
export function quarterEnd(quarter: Quarter): IsoDate {
  return quarterBounds(quarter).end;
}
