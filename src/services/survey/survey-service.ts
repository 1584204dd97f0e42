import { createHash, randomUUID } from 'node:crypto';
import {
  isIsoDate,
  toIsoDate,
  ValidationError,
  type FocusGroup,
  type IsoDate,
  type PlanSettings,
} from '../../domain';
import type { PlanStore } from '../../store/plan-store';
import type { Clock } from '../clock';
import type { CsvLineError } from '../indicators/csv-table';
import { checkSurveyRows, readSurveyCsv, type SurveyRowInput } from './survey-import';
import { suppressedSurvey, type SurveyImportReport, type SurveyResponse } from './survey-view';

export type { SurveyImportReport } from './survey-view';

/** Aggregates typed in for one department (or the city) and one question: one per group. */
export type SurveyEntry = {
  year: number;
  /** Absent for a citywide-only result. */
  departmentId?: string;
  question: string;
  results: Array<{ group: string; respondents: number; value: number }>;
};

/** A focus group to log. */
export type FocusGroupEntry = {
  heldOn: IsoDate;
  topic: string;
  participants: number;
  departmentId?: string;
};

/**
 * The Region of Choice survey and focus groups: aggregates in (a CSV import or an entry per
 * department and question; all or nothing, audited), focus groups logged, and everything out only
 * with small-cell suppression. Individual answers are never taken.
 */
export class SurveyService {
  constructor(
    private readonly store: PlanStore,
    private readonly settings: PlanSettings,
    private readonly clock: Clock,
  ) {}

  /** Imports a survey CSV (`year,department,question,group,respondents,value`). */
  async importCsv(
    text: string,
    actorId: string,
    options: { dryRun?: boolean } = {},
  ): Promise<SurveyImportReport> {
    const read = readSurveyCsv(text);
    if (!read.ok) return read;
    const dryRun = options.dryRun ?? false;
    return this.storeRows(read.rows, actorId, 'survey.import', dryRun, read.errors);
  }

  /** Stores the aggregates typed in for one department and question (the API's entry). */
  async enter(entry: SurveyEntry, actorId: string): Promise<SurveyImportReport> {
    const rows: SurveyRowInput[] = entry.results.map((r, i) => ({
      line: i + 1,
      year: String(entry.year),
      department: entry.departmentId ?? '',
      question: entry.question,
      group: r.group,
      respondents: String(r.respondents),
      value: String(r.value),
    }));
    return this.storeRows(rows, actorId, 'survey.enter', false);
  }

  private async storeRows(
    rows: SurveyRowInput[],
    actorId: string,
    action: string,
    dryRun: boolean,
    refused: CsvLineError[] = [],
  ): Promise<SurveyImportReport> {
    const now = this.clock.now();
    const [departments, stored] = await Promise.all([
      this.store.listDepartments(),
      this.store.listSurveyResults(),
    ]);
    const checked = checkSurveyRows(rows, {
      thisYear: Number(toIsoDate(now).slice(0, 4)),
      departmentIds: new Set(departments.map((d) => d.id)),
      stored,
      refused,
    });
    if (!checked.ok) return checked;
    const { results } = checked;
    const known = new Set(stored.map((r) => r.id));
    const replaced = results.filter((r) => known.has(r.id)).length;
    const years = [...new Set(results.map((r) => r.year))].sort((a, b) => a - b);
    if (!dryRun && results.length > 0) {
      await this.store.putSurveyResults(results);
      await this.store.appendAudit({
        id: randomUUID(),
        at: now.toISOString(),
        actorId,
        action,
        recordType: 'survey',
        recordId: years.join(','),
        // The audit keeps how much was stored, not the figures: they are shown only suppressed.
        after: { aggregates: results.length, replaced, years },
      });
    }
    return { ok: true, dryRun, stored: results.length, replaced, years };
  }

  /**
   * Logs a focus group. The same focus group sent twice (a retried request) is kept once: its id
   * comes from what was logged.
   * @throws ValidationError for a date that is not one, in the future, or an unknown department.
   */
  async logFocusGroup(entry: FocusGroupEntry, actorId: string): Promise<FocusGroup> {
    const now = this.clock.now();
    if (!isIsoDate(entry.heldOn)) {
      throw new ValidationError('heldOn', 'date', 'heldOn: must be a date (YYYY-MM-DD)');
    }
    if (entry.heldOn > toIsoDate(now)) {
      throw new ValidationError(
        'heldOn',
        'not-in-future',
        `heldOn: ${entry.heldOn} is in the future`,
      );
    }
    if (entry.departmentId) {
      const departments = await this.store.listDepartments();
      if (!departments.some((d) => d.id === entry.departmentId)) {
        throw new ValidationError(
          'departmentId',
          'one-of',
          `departmentId: ${entry.departmentId} is not a department of the plan`,
        );
      }
    }
    const id = `focus-${createHash('sha256')
      .update(`${entry.heldOn}\u0000${entry.departmentId ?? ''}\u0000${entry.topic}`)
      .digest('hex')
      .slice(0, 20)}`;
    const group: FocusGroup = {
      id,
      heldOn: entry.heldOn,
      topic: entry.topic,
      participants: entry.participants,
      ...(entry.departmentId ? { departmentId: entry.departmentId } : {}),
      recordedBy: actorId,
      recordedAt: now.toISOString(),
    };
    const before = (await this.store.listFocusGroups()).find((g) => g.id === id);
    if (before) return before;
    await this.store.addFocusGroup(group);
    await this.store.appendAudit({
      id: `focus-group.log:${id}`,
      at: group.recordedAt ?? now.toISOString(),
      actorId,
      action: 'focus-group.log',
      recordType: 'focusGroup',
      recordId: id,
      after: group,
    });
    return group;
  }

  /** Everything the survey and focus groups may show: suppressed (one year's, with `year`). */
  async suppressed(year?: number): Promise<SurveyResponse> {
    const [results, groups, departments] = await Promise.all([
      this.store.listSurveyResults(),
      this.store.listFocusGroups(),
      this.store.listDepartments(),
    ]);
    return suppressedSurvey(
      results,
      groups,
      departments,
      this.settings.thresholds.suppressionMin,
      year,
    );
  }
}
