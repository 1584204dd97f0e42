import { randomUUID } from 'node:crypto';
import type { Attachment } from 'botbuilder';
import type { Department, Quarter, StrategyStatusValue } from '../../src/domain';
import {
  noteField,
  quarterLabel,
  REPORTED_STATUSES,
  STATUS_NOTE_MAX,
  statusField,
  type StrategyStanding,
} from '../../src/services/forms/strategy-status-service';
import type { ChoiceModel } from './attendance-card';
import { formatDay } from './card-text';
import { renderCard } from './render-card';
import template from './strategy-status.json';

/** How each status reads on the card (`behind` only in earlier reports). */
export const STRATEGY_STATUS_LABELS: Record<StrategyStatusValue, string> = {
  not_started: 'Not started',
  on_track: 'On track',
  at_risk: 'At risk',
  behind: 'Behind',
  done: 'Done',
};

/** One strategy's row: its text, where it stands, and its two inputs. */
export type StrategyRowModel = {
  id: string;
  text: string;
  /** `Reported On track on Jun 2, 2021` or `Last quarter: At risk` or `Not reported yet`. */
  reported: string;
  statusId: string;
  status: string;
  hasStatusError: boolean;
  statusError: string;
  noteId: string;
  note: string;
  hasNoteError: boolean;
  noteError: string;
};

/** The strategies of one heading of the plan (e.g. "Racial Equity Training"). */
export type StrategyAreaModel = { area: string; strategies: StrategyRowModel[] };

/** The view model of `strategy-status.json`: one quarter's report of a department. */
export type StrategyStatusCardModel = {
  departmentId: string;
  departmentName: string;
  quarter: Quarter;
  quarterLabel: string;
  /** Made when the card is rendered: the report's id, so a resend stores nothing new. */
  reportId: string;
  summary: string;
  hasSaved: boolean;
  saved: string;
  hasNotice: boolean;
  notice: string;
  statuses: ChoiceModel[];
  noteMax: number;
  areas: StrategyAreaModel[];
};

/**
 * A stored note as the form shows it: one written elsewhere (the tab) may be longer than the form
 * takes, and a card of 14 long notes would be too large for Teams to send.
 */
function shortened(note: string): string {
  return note.length > STATUS_NOTE_MAX ? `${note.slice(0, STATUS_NOTE_MAX - 1)}…` : note;
}

/** What the lead entered, by card input id (`status-S1.1`, `note-S1.1`). */
export type StrategyStatusValues = Record<string, string>;

/**
 * The form's view model: each strategy prefilled with this quarter's latest report, else last
 * quarter's; `values` (what was entered, on a card coming back with messages) wins over both.
 * @param input.errors messages by card input id.
 */
export function strategyStatusCardModel(input: {
  department: Department;
  quarter: Quarter;
  standings: StrategyStanding[];
  values?: StrategyStatusValues;
  errors?: Record<string, string>;
  notice?: string;
  saved?: string;
  reportId?: string;
}): StrategyStatusCardModel {
  const { department, quarter, standings, values, errors = {} } = input;
  const label = quarterLabel(quarter);
  const areas: StrategyAreaModel[] = [];
  for (const standing of standings) {
    const { strategy } = standing;
    const shown = standing.current ?? standing.previous;
    const offered = (REPORTED_STATUSES as readonly string[]).includes(shown?.status ?? '');
    const statusId = statusField(strategy.id);
    const noteId = noteField(strategy.id);
    const row: StrategyRowModel = {
      id: strategy.id,
      text: strategy.text,
      reported: standing.current
        ? `${label}: ${STRATEGY_STATUS_LABELS[standing.current.status]}, reported ${formatDay(standing.current.reportedOn)}.`
        : standing.previous
          ? `Not reported for ${label} yet; last quarter: ${STRATEGY_STATUS_LABELS[standing.previous.status]}.`
          : `Not reported for ${label} yet.`,
      statusId,
      status: values ? (values[statusId] ?? '') : offered ? (shown?.status ?? '') : '',
      hasStatusError: errors[statusId] !== undefined,
      statusError: errors[statusId] ?? '',
      noteId,
      note: values ? (values[noteId] ?? '') : shortened(shown?.note ?? ''),
      hasNoteError: errors[noteId] !== undefined,
      noteError: errors[noteId] ?? '',
    };
    const area = areas.find((a) => a.area === strategy.area);
    if (area) area.strategies.push(row);
    else areas.push({ area: strategy.area, strategies: [row] });
  }
  const reported = standings.filter((s) => s.current).length;
  return {
    departmentId: department.id,
    departmentName: department.name,
    quarter,
    quarterLabel: label,
    reportId: input.reportId ?? randomUUID(),
    summary:
      `${department.name} · ${reported} of ${standings.length} strategies reported for ${label}. ` +
      'Pick a status for each; a strategy left without one is not reported.',
    hasSaved: input.saved !== undefined,
    saved: input.saved ?? '',
    hasNotice: input.notice !== undefined,
    notice: input.notice ?? '',
    statuses: REPORTED_STATUSES.map((id) => ({ id, title: STRATEGY_STATUS_LABELS[id] })),
    noteMax: STATUS_NOTE_MAX,
    areas,
  };
}

/** The strategy status form, bound and ready to send or to answer an invoke with. */
export function renderStrategyStatusCard(model: StrategyStatusCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const strategyStatusTemplate: object = template;
