import type { Attachment } from 'botbuilder';
import { renderCard } from './render-card';
import template from './help.json';

/** The view model of `help.json`: the commands, and what was not understood if anything. */
export type HelpCardModel = {
  hasPreface: boolean;
  /** `I didn't understand "hello".`; empty when the person asked for help. */
  preface: string;
  tabUrl: string;
  /** True for leads, Ambassadors and the Equity Officer: the `attendance` command is theirs. */
  canRecordAttendance: boolean;
  /** True for leads, Ambassadors and the officer: the lead forms are theirs. */
  canUseForms: boolean;
  /** True for the Equity Officer: `review` lists the toolkit analyses to review. */
  canReview: boolean;
};

const MAX_ECHO = 60;

/**
 * @param notUnderstood the text the person sent that is not a command, echoed back shortened.
 * @param options.canRecordAttendance lists `attendance` (for those who may record it);
 * `canUseForms` the lead forms, `canReview` the officer's `review`.
 */
export function helpCardModel(
  tabUrl: string,
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
    tabUrl,
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
