import type { Attachment } from 'botbuilder';
import { renderCard } from './render-card';
import { tabPageLink, type TabAddress } from './tab-links';
import template from './help.json';

/** The view model of `help.json`: the commands, and what was not understood if anything. */
export type HelpCardModel = {
  hasPreface: boolean;
  /** `I didn't understand "hello".`; empty when the person asked for help. */
  preface: string;
  /** The Progress tab: a Teams deep link once the app's Teams id is known. */
  tabUrl: string;
  /** `Open the Progress tab`, or `Open My plan` for those the Progress tab would refuse. */
  tabTitle: string;
  /** Where the person's part of the plan is shown. */
  tabText: string;
  /** True for leads, Ambassadors and the Equity Officer: the `attendance` command is theirs. */
  canRecordAttendance: boolean;
  /** True for leads, Ambassadors and the officer: the lead forms are theirs. */
  canUseForms: boolean;
  /** True for the Equity Officer: `review` lists the toolkit analyses to review. */
  canReview: boolean;
};

const MAX_ECHO = 60;

const PROGRESS_TEXT =
  "Every department's progress on the plan is in the **Progress** tab; yours is also in your department channel's tab.";
const MY_PLAN_TEXT =
  "Your trainings are in the **My plan** tab; your department's progress is in its channel's tab.";

/**
 * @param notUnderstood the text the person sent that is not a command, echoed back shortened.
 * @param options.canRecordAttendance lists `attendance` (for those who may record it);
 * `canUseForms` the lead forms, `canReview` the officer's `review`.
 */
export function helpCardModel(
  tabUrl: TabAddress,
  notUnderstood?: string,
  options: { canRecordAttendance?: boolean; canUseForms?: boolean; canReview?: boolean } = {},
): HelpCardModel {
  const echo =
    notUnderstood && notUnderstood.length > MAX_ECHO
      ? `${notUnderstood.slice(0, MAX_ECHO - 1)}…`
      : notUnderstood;
  return {
    hasPreface: echo !== undefined && echo !== '',
    preface: echo ? `I didn't understand "${echo}".` : '',
    // The Progress tab for those who may see it (the officer, leads, Ambassadors); My plan for all.
    tabUrl: tabPageLink(tabUrl, { view: options.canUseForms ? 'citywide' : 'my-plan' }),
    tabTitle: options.canUseForms ? 'Open the Progress tab' : 'Open My plan',
    tabText: options.canUseForms ? PROGRESS_TEXT : MY_PLAN_TEXT,
    canRecordAttendance: options.canRecordAttendance ?? false,
    canUseForms: options.canUseForms ?? false,
    canReview: options.canReview ?? false,
  };
}

export function renderHelpCard(model: HelpCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const helpTemplate: object = template;
