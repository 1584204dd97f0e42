import type { Attachment } from 'botbuilder';
import type { Department } from '../../src/domain';
import type { AttendanceOutcome, AttendanceRefusal } from '../../src/services/attendance-service';
import { formatDay } from './card-text';
import { renderCard } from './render-card';
import template from './attendance-result.json';

/** Refused people listed one by one on the card; the rest are counted. */
export const MAX_REFUSALS_LISTED = 50;
/** Names listed as recorded (or already recorded); the rest are counted. */
export const MAX_NAMES_LISTED = 40;

/** The view model of `attendance-result.json`: what one submit of the attendance form did. */
export type AttendanceResultCardModel = {
  /** `Attendance recorded`, or `Nothing new recorded`. */
  heading: string;
  /** `Anti-racism in City government · Jun 10, 2021 · Milwaukee Health Department`. */
  sessionLabel: string;
  /** `30 recorded, 2 already recorded, 1 not recorded`, for the fallback text. */
  countsLabel: string;
  recordedCount: string;
  alreadyCount: string;
  refusedCount: string;
  hasRecorded: boolean;
  recordedNames: string;
  hasAlready: boolean;
  alreadyNames: string;
  hasRefused: boolean;
  /** One fact per refused person: who, and why. */
  refused: Array<{ who: string; reason: string }>;
  hasMoreRefused: boolean;
  moreRefused: string;
  /** What "Record another session" types: `attendance`, or `attendance MPD` for the officer. */
  againCommand: string;
};

const n = (value: number) => value.toLocaleString('en-US');

function names(people: Array<{ displayName: string; id: string }>): string {
  const listed = people.slice(0, MAX_NAMES_LISTED).map((p) => `${p.displayName} (${p.id})`);
  const more = people.length - listed.length;
  return more > 0 ? `${listed.join(', ')} and ${n(more)} more.` : `${listed.join(', ')}.`;
}

/** A refused employee number as typed, shortened and printable: it came from free text. */
function typed(value: string): string {
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 39)}…` : printable;
}

/**
 * The result card's view model.
 * @param input.forOfficer true when the Equity Officer recorded: someone of another department is
 * "not in MPD" rather than "not in your department".
 */
export function attendanceResultCardModel(input: {
  outcome: AttendanceOutcome;
  department: Department;
  forOfficer: boolean;
}): AttendanceResultCardModel {
  const { outcome, department, forOfficer } = input;
  const reason = (r: AttendanceRefusal): string => {
    switch (r.reason) {
      case 'unknown-person':
        return 'unknown employee number';
      case 'other-department':
        return forOfficer ? `not in ${department.name}` : 'not in your department';
      case 'not-required':
        return 'training not required of them';
      case 'not-before-wave':
        return r.waveOpensOn
          ? `date before their wave opened (${formatDay(r.waveOpensOn)})`
          : 'date before their wave opened';
    }
  };
  const listed = outcome.refused.slice(0, MAX_REFUSALS_LISTED);
  const more = outcome.refused.length - listed.length;
  const counts = {
    recorded: outcome.recorded.length,
    already: outcome.alreadyRecorded.length,
    refused: outcome.refused.length,
  };
  return {
    heading: counts.recorded > 0 ? 'Attendance recorded' : 'Nothing new recorded',
    sessionLabel: `${outcome.training.title} · ${formatDay(outcome.completedOn)} · ${department.name}`,
    countsLabel: `${n(counts.recorded)} recorded, ${n(counts.already)} already recorded, ${n(counts.refused)} not recorded`,
    recordedCount: n(counts.recorded),
    alreadyCount: n(counts.already),
    refusedCount: n(counts.refused),
    hasRecorded: counts.recorded > 0,
    recordedNames: names(outcome.recorded),
    hasAlready: counts.already > 0,
    alreadyNames: names(outcome.alreadyRecorded),
    hasRefused: counts.refused > 0,
    refused: listed.map((r) => ({
      who: r.person ? `${r.person.displayName} (${r.person.id})` : typed(r.employeeNumber),
      reason: reason(r),
    })),
    hasMoreRefused: more > 0,
    moreRefused: more > 0 ? `and ${n(more)} more not recorded.` : '',
    againCommand: forOfficer ? `attendance ${department.id}` : 'attendance',
  };
}

export function renderAttendanceResultCard(model: AttendanceResultCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const attendanceResultTemplate: object = template;
