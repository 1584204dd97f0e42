import { randomUUID } from 'node:crypto';
import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import { NotFound, TOOLKIT_STEPS, type ToolkitAnalysis, type ToolkitStep } from '../../src/domain';
import { toolkitStepInfo, type ToolkitField } from '../../src/domain/plan/toolkit-steps';
import { NOTE_MAX, recordId } from '../../src/server/input/limits';
import {
  TOOLKIT_MOVES,
  type SaveStepOutcome,
  type ToolkitAnswers,
} from '../../src/services/forms/toolkit-service';
import { renderNoticeCard } from '../cards/notice-card';
import { renderToolkitCard, TOOLKIT_STEP_VERB, toolkitCardModel } from '../cards/toolkit-card';
import {
  renderToolkitListCard,
  TOOLKIT_OPEN_VERB,
  toolkitListCardModel,
} from '../cards/toolkit-list-card';
import { formatDay } from '../cards/card-text';
import {
  formVerb,
  messagesFor,
  nothingSavedNotice,
  type FormDefinition,
  type FormScope,
} from './form-kit';
import {
  displayNames,
  sendReviewCards,
  toolkitAnalysisCard,
  toolkitReviewVerbs,
  toolkitService,
} from './toolkit-review';

const answer = () => z.string().max(NOTE_MAX).optional();

/**
 * A step card's button: which analysis (its id, generated when a new one's first card was
 * rendered), the version the card shows, the step and the button, with the step's inputs. Who
 * presses comes from the activity; an unknown field is refused.
 */
const stepData = z.strictObject({
  departmentId: recordId(),
  analysisId: recordId(),
  version: z.number().int().min(0),
  step: z.enum(TOOLKIT_STEPS),
  move: z.enum(TOOLKIT_MOVES),
  title: answer(),
  kind: answer(),
  councilFileNumber: answer(),
  proposal: answer(),
  data: answer(),
  engagement: answer(),
  groupsBenefited: answer(),
  groupsBurdened: answer(),
  analysis: answer(),
  implementation: answer(),
  accountability: answer(),
  resultingChange: answer(),
});
type StepData = z.output<typeof stepData>;

/** Resume (an analysis where it was left) or Start a new analysis (no `analysisId`). */
const openData = z.strictObject({
  departmentId: recordId(),
  analysisId: z.union([z.literal(''), recordId()]).optional(),
});

/** The answers a step card sent, by field. */
function answersOf(input: StepData): ToolkitAnswers {
  const answers: ToolkitAnswers = {};
  for (const field of toolkitStepInfo(input.step).fields) {
    const value = input[field];
    if (value !== undefined) answers[field] = value;
  }
  return answers;
}

/** A step of an analysis as a card; a new analysis' first step gets its id now. */
async function stepCard(
  scope: Pick<FormScope, 'deps' | 'department'>,
  options: {
    analysis?: ToolkitAnalysis;
    analysisId?: string;
    step?: ToolkitStep;
    version?: number;
    values?: ToolkitAnswers;
    errors?: Partial<Record<ToolkitField, string>>;
    notice?: string;
    confirmation?: string;
  } = {},
): Promise<Attachment> {
  const { analysis } = options;
  const names = await displayNames(scope.deps, [analysis?.reviewedBy]);
  const reviewerName = analysis?.reviewedBy ? names.get(analysis.reviewedBy) : undefined;
  return renderToolkitCard(
    toolkitCardModel({
      department: scope.department,
      plan: scope.deps.plan,
      analysisId: options.analysisId ?? analysis?.id ?? randomUUID(),
      step: options.step ?? analysis?.step ?? 'proposal',
      ...(analysis ? { analysis } : {}),
      ...(options.version !== undefined ? { version: options.version } : {}),
      ...(options.values ? { values: options.values } : {}),
      ...(options.errors ? { errors: options.errors } : {}),
      ...(options.notice ? { notice: options.notice } : {}),
      ...(options.confirmation ? { confirmation: options.confirmation } : {}),
      ...(reviewerName ? { reviewerName } : {}),
    }),
  );
}

/** An analysis opened from a list, an outcome or an old card: editable where it was left. */
async function analysisCard(
  scope: Pick<FormScope, 'deps' | 'department'>,
  analysis: ToolkitAnalysis,
  notice?: string,
): Promise<Attachment> {
  const { deps, department } = scope;
  const officer = deps.plan.terms.equityOfficer;
  switch (analysis.status) {
    case 'draft':
    case 'returned':
      return stepCard(scope, { analysis, ...(notice ? { notice } : {}) });
    case 'submitted':
      return toolkitAnalysisCard(deps, analysis, department, 'view', {
        notice:
          notice ??
          `This analysis is waiting for the ${officer}'s review, so it cannot be changed now. If it is returned, you can change it and submit it again.`,
      });
    case 'accepted':
      return toolkitAnalysisCard(deps, analysis, department, 'view', {
        ...(notice ? { notice } : {}),
      });
  }
}

/** No such analysis in the department (or another department's): nothing changed. */
function notFoundCard(analysisId: string): Attachment {
  return renderNoticeCard({
    title: 'No such analysis',
    text: `There is no toolkit analysis ${analysisId.slice(0, 40)} in your department, so nothing was saved. Type **toolkit** for your department's analyses.`,
  });
}

/** `toolkit`: the department's analyses still being written, or a new one's first step. */
async function openToolkit(scope: FormScope): Promise<Attachment> {
  const { deps, department } = scope;
  const service = toolkitService(deps);
  const [open, waiting] = await Promise.all([
    service.openAnalyses(department.id),
    service.waitingForReview(department.id),
  ]);
  if (open.length === 0) return stepCard(scope);
  const lastSavedBy = new Map(
    await Promise.all(open.map(async (a) => [a.id, await service.lastSavedBy(a)] as const)),
  );
  const names = await displayNames(deps, [
    ...lastSavedBy.values(),
    ...open.map((a) => a.reviewedBy),
  ]);
  return renderToolkitListCard(
    toolkitListCardModel({
      department,
      plan: deps.plan,
      open,
      lastSavedBy,
      names,
      waiting: waiting.length,
    }),
  );
}

/** What a lead is told after a press that stored (or had stored) the step. */
function savedConfirmation(input: StepData): string {
  const info = toolkitStepInfo(input.step);
  return input.move === 'save'
    ? 'Draft saved. Resume it any time, from any device: type **toolkit**.'
    : `Step ${info.number} (${info.title}) saved.`;
}

/** The card answering a press, from what the service did. */
async function answerOutcome(
  scope: FormScope,
  input: StepData,
  outcome: SaveStepOutcome,
): Promise<Attachment> {
  const { deps, department } = scope;
  const { analysis } = outcome;
  switch (outcome.kind) {
    case 'saved':
      return stepCard(scope, { analysis, confirmation: savedConfirmation(input) });
    case 'incomplete': {
      const messages = messagesFor(outcome.error, toolkitStepInfo(analysis.step).fields);
      const info = toolkitStepInfo(analysis.step);
      return stepCard(scope, {
        analysis,
        ...(messages.errors ? { errors: messages.errors } : {}),
        notice: `Not submitted yet: step ${info.number} (${info.title}) is not answered. Your answers are saved; answer this step, then submit from step 6.`,
      });
    }
    case 'submitted': {
      const officers = await sendReviewCards(deps, analysis, department);
      const officer = `the ${deps.plan.terms.equityOfficer}`;
      return toolkitAnalysisCard(deps, analysis, department, 'view', {
        confirmation: `Submitted for review${
          analysis.submittedAt ? ` on ${formatDay(analysis.submittedAt.slice(0, 10))}` : ''
        }. ${
          officers > 0
            ? `${officer.charAt(0).toUpperCase()}${officer.slice(1)} is sent a review card`
            : `It is in ${officer}'s review queue`
        }; you will be told the outcome here in chat.`,
      });
    }
    case 'conflict': {
      const service = toolkitService(deps);
      const by = await service.lastSavedBy(analysis);
      const names = await displayNames(deps, [by]);
      return analysisCard(
        scope,
        { ...analysis, step: input.step },
        `${names.get(by) ?? by} saved this analysis after this card was opened, so what you entered here was not saved. This is the analysis as it is now: enter your change again and save.`,
      );
    }
    case 'locked':
      return analysisCard(
        scope,
        analysis,
        analysis.status === 'accepted'
          ? 'This analysis was accepted and is read-only, so nothing was saved.'
          : `This analysis is waiting for the ${deps.plan.terms.equityOfficer}'s review, so nothing was saved. If it is returned, you can change it and submit it again.`,
      );
  }
}

/** Back, Save draft, Next, Submit for review: each saves the step's answers first. */
const stepVerb = formVerb({
  verb: TOOLKIT_STEP_VERB,
  data: stepData,
  action: 'toolkit.save',
  answer: async (scope: FormScope, input) => {
    const { deps, department } = scope;
    const service = toolkitService(deps);
    const answers = answersOf(input);
    try {
      const outcome = await service.saveStep({
        actor: scope.person,
        departmentId: department.id,
        analysisId: input.analysisId,
        version: input.version,
        step: input.step,
        move: input.move,
        answers,
      });
      return await answerOutcome(scope, input, outcome);
    } catch (error) {
      if (error instanceof NotFound) return notFoundCard(input.analysisId);
      const messages = messagesFor(error, toolkitStepInfo(input.step).fields);
      const stored = await deps.store.getAnalysis(input.analysisId);
      return stepCard(scope, {
        ...(stored?.departmentId === department.id ? { analysis: stored } : {}),
        analysisId: input.analysisId,
        step: input.step,
        version: input.version,
        values: answers,
        ...(messages.errors ? { errors: messages.errors } : {}),
        notice: nothingSavedNotice(messages.notice, 'answer'),
      });
    }
  },
});

/** Resume an analysis where it was left, or start a new one. */
const openVerb = formVerb({
  verb: TOOLKIT_OPEN_VERB,
  data: openData,
  action: 'toolkit.save',
  answer: async (scope: FormScope, input) => {
    if (!input.analysisId) return stepCard(scope);
    try {
      const analysis = await toolkitService(scope.deps).analysisOf(
        scope.department.id,
        input.analysisId,
      );
      return await analysisCard(scope, analysis);
    } catch (error) {
      if (error instanceof NotFound) return notFoundCard(input.analysisId);
      throw error;
    }
  },
});

/**
 * The GARE Racial Equity Toolkit analysis: the toolkit's six steps as one card each, saved as a
 * draft at any step and resumed from any device, submitted for the Equity Officer's review.
 */
export const toolkitForm: FormDefinition = {
  name: 'toolkit',
  command: 'toolkit',
  title: 'GARE toolkit analysis',
  description:
    'Analyse a policy, program or budget decision with the six steps of the Racial Equity Toolkit; save a draft at any step and submit it for review.',
  action: 'toolkit.save',
  open: openToolkit,
  verbs: [stepVerb, openVerb, ...toolkitReviewVerbs],
};
