import type { Attachment } from 'botbuilder';
import type { Department, PlanSettings, ToolkitAnalysis } from '../../src/domain';
import { formatDay } from './card-text';
import { renderCard } from './render-card';
import { clipToBudget } from './toolkit-review-card';
import template from './toolkit-outcome.json';

/** The view model of `toolkit-outcome.json`: what the department is told of the review. */
export type ToolkitOutcomeCardModel = {
  departmentId: string;
  analysisId: string;
  heading: string;
  title: string;
  /** `Milwaukee Health Department · reviewed by Avery Coleman on Jun 16, 2021`. */
  line: string;
  hasComment: boolean;
  commentStyle: 'good' | 'warning';
  commentLabel: string;
  comment: string;
  next: string;
  buttonTitle: string;
};

/**
 * The outcome card's view model: accepted, or returned with the comment.
 * @param input.analysis the analysis as reviewed (accepted or returned).
 * @param input.reviewerName the officer's display name.
 */
export function toolkitOutcomeCardModel(input: {
  analysis: ToolkitAnalysis;
  department: Department;
  plan: PlanSettings;
  reviewerName: string;
}): ToolkitOutcomeCardModel {
  const { analysis: a, plan } = input;
  const accepted = a.status === 'accepted';
  const [comment = ''] = clipToBudget([a.reviewComment ?? ''], 20_000).clipped;
  return {
    departmentId: a.departmentId,
    analysisId: a.id,
    heading: accepted
      ? `Your ${plan.terms.toolkit} analysis was accepted`
      : `Your ${plan.terms.toolkit} analysis was returned for changes`,
    title: a.title || 'Untitled analysis',
    line: `${input.department.name} · reviewed by ${input.reviewerName}${
      a.reviewedAt ? ` on ${formatDay(a.reviewedAt.slice(0, 10))}` : ''
    }`,
    hasComment: comment !== '',
    commentStyle: accepted ? 'good' : 'warning',
    commentLabel: `The ${plan.terms.equityOfficer}'s comment:`,
    comment,
    next: accepted
      ? "It counts toward your department's toolkit analyses for the plan period."
      : 'Open it, make the changes the comment asks for, and submit it again from step 6.',
    buttonTitle: accepted ? 'View the analysis' : 'Open the analysis',
  };
}

/** The review outcome for the department, bound and ready to queue. */
export function renderToolkitOutcomeCard(model: ToolkitOutcomeCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const toolkitOutcomeTemplate: object = template;
