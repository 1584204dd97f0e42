import { TOOLKIT_STEPS, type ToolkitAnalysis, type ToolkitStep } from '../types';

/**
 * The answers a toolkit analysis holds, by the name every layer uses (the card's input ids, the
 * service's fields): the step texts by their step, and the fields beside them.
 */
export type ToolkitField =
  | 'title'
  | 'kind'
  | 'councilFileNumber'
  | ToolkitStep
  | 'groupsBenefited'
  | 'groupsBurdened'
  | 'resultingChange';

/** One step of the GARE Racial Equity Toolkit (GARE, 2016), as the card and the tab show it. */
export type ToolkitStepInfo = {
  step: ToolkitStep;
  /** 1 to 6. */
  number: number;
  title: string;
  /** The toolkit's own question that leads the step. */
  question: string;
  /** The fields the step's card asks for, in order; the step's own text is one of them. */
  fields: readonly ToolkitField[];
};

/** The six steps, in order, with their questions (DESIGN.md, "The GARE Racial Equity Toolkit form"). */
export const TOOLKIT_STEP_INFO: readonly ToolkitStepInfo[] = [
  {
    step: 'proposal',
    number: 1,
    title: 'Desired results and outcomes',
    question:
      'What policy, program, practice or budget decision is under consideration, and what results and outcomes are wanted?',
    fields: ['title', 'kind', 'councilFileNumber', 'proposal'],
  },
  {
    step: 'data',
    number: 2,
    title: 'Data',
    question: 'What does the data say, disaggregated by race? What data is missing?',
    fields: ['data'],
  },
  {
    step: 'engagement',
    number: 3,
    title: 'Community engagement',
    question:
      'Who in the communities affected was engaged, how, and when? How can engagement widen?',
    fields: ['engagement'],
  },
  {
    step: 'analysis',
    number: 4,
    title: 'Analysis and strategies',
    question:
      'Who benefits and who is burdened? Which strategies advance racial equity or mitigate unintended harm?',
    fields: ['groupsBenefited', 'groupsBurdened', 'analysis'],
  },
  {
    step: 'implementation',
    number: 5,
    title: 'Implementation plan',
    question: 'How will it be carried out, by whom, with what resources and timeline?',
    fields: ['implementation'],
  },
  {
    step: 'accountability',
    number: 6,
    title: 'Accountability and communication',
    question:
      'How will results be measured, reported back and communicated, and the work improved?',
    fields: ['accountability', 'resultingChange'],
  },
];

/** A step's title, question, number and fields. */
export function toolkitStepInfo(step: ToolkitStep): ToolkitStepInfo {
  const info = TOOLKIT_STEP_INFO.find((s) => s.step === step);
  if (!info) throw new Error(`not a toolkit step: ${String(step)}`);
  return info;
}

/** The step after `step`, or undefined after the last. */
export function nextToolkitStep(step: ToolkitStep): ToolkitStep | undefined {
  return TOOLKIT_STEPS[TOOLKIT_STEPS.indexOf(step) + 1];
}

/** The step before `step`, or undefined before the first. */
export function previousToolkitStep(step: ToolkitStep): ToolkitStep | undefined {
  const at = TOOLKIT_STEPS.indexOf(step);
  return at > 0 ? TOOLKIT_STEPS[at - 1] : undefined;
}

/** Fields a draft may leave empty even when submitted. */
export const OPTIONAL_TOOLKIT_FIELDS: readonly ToolkitField[] = [
  'councilFileNumber',
  'groupsBenefited',
  'groupsBurdened',
  'resultingChange',
];

/**
 * Longest answer of one field, in characters. The SharePoint note column would hold 63,999, but
 * a step's card carries its answers, and Teams refuses a card over about 28 KB: three answers of
 * step 4 at this length still fit.
 */
export const TOOLKIT_ANSWER_MAX = 6_000;

/**
 * Most UTF-8 bytes the answers of one step may take together, so the step's card stays under
 * Teams' 28 KB limit whatever the script (a character outside Latin takes 2–4 bytes).
 */
export const TOOLKIT_STEP_BYTES_MAX = 18_000;

/** A field's value as stored in an analysis (`''` when absent). */
export function toolkitFieldValue(analysis: ToolkitAnalysis, field: ToolkitField): string {
  switch (field) {
    case 'title':
      return analysis.title;
    case 'kind':
      return analysis.kind;
    case 'councilFileNumber':
      return analysis.councilFileNumber ?? '';
    case 'groupsBenefited':
      return analysis.groupsBenefited ?? '';
    case 'groupsBurdened':
      return analysis.groupsBurdened ?? '';
    case 'resultingChange':
      return analysis.resultingChange ?? '';
    default:
      return analysis.steps[field] ?? '';
  }
}

/**
 * The first step whose required answer is empty, and that field: an analysis is submitted only
 * with a title, a kind and every step answered.
 */
export function firstUnanswered(
  analysis: ToolkitAnalysis,
): { step: ToolkitStep; field: ToolkitField } | undefined {
  for (const info of TOOLKIT_STEP_INFO) {
    for (const field of info.fields) {
      if (OPTIONAL_TOOLKIT_FIELDS.includes(field)) continue;
      if (toolkitFieldValue(analysis, field).trim() === '') return { step: info.step, field };
    }
  }
  return undefined;
}

/** How each field is labelled on a card or a page. */
export const TOOLKIT_FIELD_LABELS: Record<ToolkitField, string> = {
  title: 'Policy, program, practice or budget decision',
  kind: 'New or existing',
  councilFileNumber: 'Common Council file number of its impact statement',
  proposal: 'The proposal, and the results and outcomes wanted',
  data: 'What the data says, and what is missing',
  engagement: 'Who was engaged, how and when; how engagement can widen',
  groupsBenefited: 'Groups who benefit',
  groupsBurdened: 'Groups who are burdened',
  analysis: 'Strategies that advance racial equity or mitigate unintended harm',
  implementation: 'How, by whom, with what resources and timeline',
  accountability: 'How results will be measured, reported back and communicated',
  resultingChange: 'The resulting policy or resource-allocation change, once decided',
};
