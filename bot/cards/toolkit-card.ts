import type { Attachment } from 'botbuilder';
import {
  TOOLKIT_STEPS,
  type Department,
  type PlanSettings,
  type ToolkitAnalysis,
  type ToolkitStep,
} from '../../src/domain';
import {
  nextToolkitStep,
  previousToolkitStep,
  TOOLKIT_FIELD_LABELS,
  TOOLKIT_STEP_INFO,
  toolkitFieldValue,
  toolkitStepInfo,
  type ToolkitField,
} from '../../src/domain/plan/toolkit-steps';
import { formatDay } from './card-text';
import { renderCard } from './render-card';
import template from './toolkit.json';

/** The `verb` of a step card's buttons (Back, Save draft, Next, Submit for review). */
export const TOOLKIT_STEP_VERB = 'toolkitStep';

/** Longest stretch of the officer's comment a step card repeats; the outcome card has it all. */
const COMMENT_SHOWN_MAX = 1_000;

/** One text answer of the step (a multi-line input). */
export type ToolkitAnswerModel = {
  id: ToolkitField;
  label: string;
  placeholder: string;
  value: string;
  hasError: boolean;
  error: string;
};

/** The view model of `toolkit.json`: one step of one analysis, with that step's fields. */
export type ToolkitCardModel = {
  departmentId: string;
  departmentName: string;
  analysisId: string;
  /** The version the card shows (0 before the analysis is stored): the next save names it. */
  version: number;
  step: ToolkitStep;
  heading: string;
  /** `Milwaukee Health Department · Permit fee schedule · Draft`. */
  summary: string;
  /** `Step 3 of 6 · Community engagement`. */
  stepLine: string;
  question: string;
  /** Which steps are answered so far. */
  progress: string;
  hasConfirmation: boolean;
  confirmation: string;
  hasNotice: boolean;
  notice: string;
  hasReviewComment: boolean;
  reviewLine: string;
  reviewComment: string;
  isProposal: boolean;
  titleLabel: string;
  title: string;
  hasTitleError: boolean;
  titleError: string;
  kindLabel: string;
  kind: string;
  hasKindError: boolean;
  kindError: string;
  councilFileLabel: string;
  councilFilePlaceholder: string;
  councilFileNumber: string;
  hasCouncilFileError: boolean;
  councilFileError: string;
  answers: ToolkitAnswerModel[];
  hasBack: boolean;
  hasNext: boolean;
  hasSubmit: boolean;
};

/** A status as a lead reads it. */
export const TOOLKIT_STATUS_LABELS: Record<ToolkitAnalysis['status'], string> = {
  draft: 'Draft',
  submitted: 'Waiting for review',
  returned: 'Returned for changes',
  accepted: 'Accepted',
};

/** `Step 3 of 6 · Community engagement`. */
export function stepLine(step: ToolkitStep): string {
  const info = toolkitStepInfo(step);
  return `Step ${info.number} of ${TOOLKIT_STEPS.length} · ${info.title}`;
}

/**
 * The step card's view model.
 * @param input.analysis what is stored (absent for a new analysis); `input.values` overrides it
 * with what the lead entered when the card comes back with messages.
 * @param input.reviewerName who returned it, for a returned analysis.
 */
export function toolkitCardModel(input: {
  department: Department;
  plan: PlanSettings;
  analysisId: string;
  analysis?: ToolkitAnalysis;
  step: ToolkitStep;
  /** The version the card names; the stored one's unless the card comes back with messages. */
  version?: number;
  values?: Partial<Record<ToolkitField, string>>;
  errors?: Partial<Record<ToolkitField, string>>;
  notice?: string;
  confirmation?: string;
  reviewerName?: string;
}): ToolkitCardModel {
  const { analysis, step, plan, values = {}, errors = {} } = input;
  const value = (field: ToolkitField) =>
    values[field] ?? (analysis ? toolkitFieldValue(analysis, field) : '');
  const info = toolkitStepInfo(step);
  const answered = TOOLKIT_STEP_INFO.filter(
    (s) => analysis && toolkitFieldValue(analysis, s.step).trim() !== '',
  ).map((s) => s.number);
  const open = TOOLKIT_STEP_INFO.filter((s) => !answered.includes(s.number)).map((s) => s.number);
  const title = analysis?.title ?? '';
  const returned = analysis?.status === 'returned' && analysis.reviewComment !== undefined;
  const comment = analysis?.reviewComment ?? '';
  const answerIds = info.fields.filter(
    (f) => f !== 'title' && f !== 'kind' && f !== 'councilFileNumber',
  );
  const optional = new Set<ToolkitField>(['groupsBenefited', 'groupsBurdened', 'resultingChange']);
  return {
    departmentId: input.department.id,
    departmentName: input.department.name,
    analysisId: input.analysisId,
    version: input.version ?? analysis?.version ?? 0,
    step,
    heading: `${plan.terms.toolkit} analysis`,
    summary: [
      input.department.name,
      ...(title ? [title] : []),
      analysis ? TOOLKIT_STATUS_LABELS[analysis.status] : 'New analysis',
    ].join(' · '),
    stepLine: stepLine(step),
    question: info.question,
    progress:
      answered.length === 0
        ? `No step answered yet. Save a draft at any step and resume it later: type **toolkit**.`
        : `Answered: step${answered.length === 1 ? '' : 's'} ${answered.join(', ')}${
            open.length ? ` · still to answer: ${open.join(', ')}` : ' · ready to submit'
          }.`,
    hasConfirmation: input.confirmation !== undefined,
    confirmation: input.confirmation ?? '',
    hasNotice: input.notice !== undefined,
    notice: input.notice ?? '',
    hasReviewComment: returned,
    reviewLine: returned
      ? `Returned by ${input.reviewerName ?? `the ${plan.terms.equityOfficer}`}${
          analysis?.reviewedAt ? ` on ${formatDay(analysis.reviewedAt.slice(0, 10))}` : ''
        }:`
      : '',
    reviewComment:
      comment.length > COMMENT_SHOWN_MAX ? `${comment.slice(0, COMMENT_SHOWN_MAX - 1)}…` : comment,
    isProposal: step === 'proposal',
    titleLabel: TOOLKIT_FIELD_LABELS.title,
    title: value('title'),
    hasTitleError: errors.title !== undefined,
    titleError: errors.title ?? '',
    kindLabel: TOOLKIT_FIELD_LABELS.kind,
    kind: value('kind'),
    hasKindError: errors.kind !== undefined,
    kindError: errors.kind ?? '',
    councilFileLabel: `Common Council file number of its ${plan.terms.impactStatement}, if there is one`,
    councilFilePlaceholder: `e.g. ${plan.councilFile.example}`,
    councilFileNumber: value('councilFileNumber'),
    hasCouncilFileError: errors.councilFileNumber !== undefined,
    councilFileError: errors.councilFileNumber ?? '',
    answers: answerIds.map((id) => ({
      id,
      label: TOOLKIT_FIELD_LABELS[id],
      placeholder: optional.has(id) ? 'Optional' : 'Your answer',
      value: value(id),
      hasError: errors[id] !== undefined,
      error: errors[id] ?? '',
    })),
    hasBack: previousToolkitStep(step) !== undefined,
    hasNext: nextToolkitStep(step) !== undefined,
    hasSubmit: nextToolkitStep(step) === undefined,
  };
}

/** One step of the toolkit form, bound and ready to send or to answer an invoke with. */
export function renderToolkitCard(model: ToolkitCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const toolkitTemplate: object = template;
