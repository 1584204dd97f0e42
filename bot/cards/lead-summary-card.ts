import type { Attachment } from 'botbuilder';
import type { DepartmentStanding } from '../../src/campaigns/campaign-service';
import { waveLabel } from './card-text';
import { renderCard } from './render-card';
import { tabPageLink, type TabAddress } from './tab-links';
import template from './lead-summary.json';

/** The verb of the summary's "Remind them again" button. */
export const NUDGE_DEPARTMENT_VERB = 'nudgeDepartment';

/** At most this many names are listed; the rest are counted. */
const NAMES_SHOWN = 25;

export type LeadSummaryInput = {
  trainingTitle: string;
  waveLabel: string;
  waveId: string;
  departmentId: string;
  departmentName: string;
  /** Everyone in the department the wave reaches. */
  people: number;
  /** Their names, of those who have not confirmed. */
  unconfirmed: string[];
  tabUrl: TabAddress;
  /** Shown after a nudge, e.g. "Reminder sent to 12 people." */
  notice?: { text: string; good: boolean };
};

/** The view model of `lead-summary.json`. */
export type LeadSummaryCardModel = {
  title: string;
  headline: string;
  hasPeople: boolean;
  people: string;
  hasNotice: boolean;
  notice: string;
  noticeColor: string;
  canNudge: boolean;
  waveId: string;
  departmentId: string;
  /** The Progress tab: a Teams deep link once the app's Teams id is known. */
  tabUrl: string;
};

export function leadSummaryCardModel(input: LeadSummaryInput): LeadSummaryCardModel {
  const open = input.unconfirmed.length;
  const shown = input.unconfirmed.slice(0, NAMES_SHOWN).join(', ');
  const more = open > NAMES_SHOWN ? `, and ${open - NAMES_SHOWN} more` : '';
  return {
    title: `${input.trainingTitle}: ${input.departmentName}`,
    headline:
      open === 0
        ? `Everyone in ${input.departmentName} reached by ${input.waveLabel} (${input.people}) has confirmed. Thank you.`
        : `${open} of ${input.people} people in ${input.departmentName} reached by ${input.waveLabel} have not confirmed it yet.`,
    hasPeople: open > 0,
    people: `${shown}${more}`,
    hasNotice: input.notice !== undefined,
    notice: input.notice?.text ?? '',
    noticeColor: input.notice?.good === false ? 'Attention' : 'Good',
    canNudge: open > 0 && input.notice === undefined,
    waveId: input.waveId,
    departmentId: input.departmentId,
    tabUrl: tabPageLink(input.tabUrl, { view: 'citywide' }),
  };
}

/**
 * What a lead gets when a wave's reminder has been sent: who in their department has not
 * confirmed, and a button to remind them again.
 */
export function renderLeadSummaryCard(input: LeadSummaryInput): Attachment {
  return renderCard(template, leadSummaryCardModel(input));
}

/** The summary card's input from a department's standing. */
export function leadSummaryInput(
  standing: DepartmentStanding,
  tabUrl: TabAddress,
  notice?: LeadSummaryInput['notice'],
): LeadSummaryInput {
  return {
    trainingTitle: standing.training.title,
    waveLabel: waveLabel(standing.wave.sequence, standing.wave.tier).toLowerCase(),
    waveId: standing.wave.id,
    departmentId: standing.department.id,
    departmentName: standing.department.name,
    people: standing.people,
    unconfirmed: standing.unconfirmed.map((p) => p.displayName),
    tabUrl,
    ...(notice ? { notice } : {}),
  };
}

/** The template, for schema tests. */
export const leadSummaryTemplate: object = template;
