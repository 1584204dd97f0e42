import type { ToolkitAnalysis, ToolkitStep } from '../api/api-types';

// How the tab writes a GARE Racial Equity Toolkit analysis: the six steps as the toolkit asks them
// (DESIGN.md; the same words as the lead's card, src/domain/plan/toolkit-steps.ts, restated because
// the tab imports types only).

/** The six steps in order, each with its title and the toolkit's question. */
export const TOOLKIT_STEP_TEXT: ReadonlyArray<{
  step: ToolkitStep;
  title: string;
  question: string;
}> = [
  {
    step: 'proposal',
    title: 'Desired results and outcomes',
    question:
      'What policy, program, practice or budget decision is under consideration, and what results and outcomes are wanted?',
  },
  {
    step: 'data',
    title: 'Data',
    question: 'What does the data say, disaggregated by race? What data is missing?',
  },
  {
    step: 'engagement',
    title: 'Community engagement',
    question:
      'Who in the communities affected was engaged, how, and when? How can engagement widen?',
  },
  {
    step: 'analysis',
    title: 'Analysis and strategies',
    question:
      'Who benefits and who is burdened? Which strategies advance racial equity or mitigate unintended harm?',
  },
  {
    step: 'implementation',
    title: 'Implementation plan',
    question: 'How will it be carried out, by whom, with what resources and timeline?',
  },
  {
    step: 'accountability',
    title: 'Accountability and communication',
    question:
      'How will results be measured, reported back and communicated, and the work improved?',
  },
];

/** Whether the analysed policy or program is new or already in place. */
export const KIND_TEXT: Record<ToolkitAnalysis['kind'], string> = {
  new: 'New policy or program',
  existing: 'Existing policy or program',
};
