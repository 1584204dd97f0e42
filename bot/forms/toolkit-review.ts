import { MessageFactory, type Attachment, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { NotFound, type Department, type ToolkitAnalysis } from '../../src/domain';
import { decide } from '../../src/domain/authorization';
import { NOTE_MAX, recordId } from '../../src/server/input/limits';
import {
  ToolkitService,
  type ReviewInput,
  type ReviewOutcome,
} from '../../src/services/forms/toolkit-service';
import type { BotDeps } from '../bot-deps';
import { renderNoticeCard } from '../cards/notice-card';
import { formatDay } from '../cards/card-text';
import { renderToolkitOutcomeCard, toolkitOutcomeCardModel } from '../cards/toolkit-outcome-card';
import {
  renderToolkitQueueCard,
  TOOLKIT_REVIEW_OPEN_VERB,
  toolkitQueueCardModel,
} from '../cards/toolkit-queue-card';
import {
  renderToolkitReviewCard,
  TOOLKIT_REVIEW_VERB,
  toolkitReviewCardModel,
  type ToolkitReviewMode,
} from '../cards/toolkit-review-card';
import { isPersonalConversation, refusalText, type Asker } from '../roster';
import { formVerb, messagesFor, type FormScope, type FormVerb } from './form-kit';

/** The toolkit service of the bot's store, clock and plan. */
export function toolkitService(deps: Pick<BotDeps, 'store' | 'clock' | 'plan'>): ToolkitService {
  return new ToolkitService(deps.store, deps.clock, deps.plan);
}

/** Display names of `ids` (people not on the roster keep their id). */
export async function displayNames(
  deps: Pick<BotDeps, 'store'>,
  ids: ReadonlyArray<string | undefined>,
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== undefined))];
  const people = await Promise.all(wanted.map((id) => deps.store.getPerson(id)));
  return new Map(wanted.map((id, i) => [id, people[i]?.displayName ?? id]));
}

/** The whole analysis as a card: for review, read-only, or as the officer's reviewed card. */
export async function toolkitAnalysisCard(
  deps: Pick<BotDeps, 'store' | 'plan'>,
  analysis: ToolkitAnalysis,
  department: Department,
  mode: ToolkitReviewMode,
  options: {
    notice?: string;
    confirmation?: string;
    comment?: string;
    commentError?: string;
    queueButton?: boolean;
  } = {},
): Promise<Attachment> {
  const names = await displayNames(deps, [
    analysis.authorId,
    analysis.submittedBy,
    analysis.reviewedBy,
  ]);
  return renderToolkitReviewCard(
    toolkitReviewCardModel({ analysis, department, plan: deps.plan, names, mode, ...options }),
  );
}

/**
 * Sends the review card of a just-submitted analysis to each Equity Officer, once per submitted
 * version and officer (a retried submit queues nothing more).
 * @returns how many officers it was sent to (0 without notices or without an officer).
 */
export async function sendReviewCards(
  deps: BotDeps,
  analysis: ToolkitAnalysis,
  department: Department,
): Promise<number> {
  if (!deps.notices) return 0;
  const officers = await deps.notices.officers();
  if (officers.length === 0) return 0;
  const card = await toolkitAnalysisCard(deps, analysis, department, 'review');
  const activity = MessageFactory.attachment(card);
  activity.summary = `To review: ${analysis.title} (${department.name})`;
  for (const officer of officers) {
    await deps.notices.send({
      key: `toolkit.review:${analysis.id}:${analysis.version}:${officer.id}`,
      personId: officer.id,
      activity,
    });
  }
  return officers.length;
}

/**
 * Tells the analysis' author, and whoever submitted it if someone else, how the review went: once
 * per reviewed version and person.
 */
export async function sendOutcome(
  deps: BotDeps,
  analysis: ToolkitAnalysis,
  department: Department,
): Promise<void> {
  if (!deps.notices) return;
  const names = await displayNames(deps, [analysis.reviewedBy]);
  const reviewerName = analysis.reviewedBy
    ? (names.get(analysis.reviewedBy) ?? analysis.reviewedBy)
    : `the ${deps.plan.terms.equityOfficer}`;
  const card = renderToolkitOutcomeCard(
    toolkitOutcomeCardModel({ analysis, department, plan: deps.plan, reviewerName }),
  );
  const activity = MessageFactory.attachment(card);
  activity.summary = `${analysis.status === 'accepted' ? 'Accepted' : 'Returned'}: ${analysis.title}`;
  const people = [...new Set([analysis.authorId, analysis.submittedBy ?? analysis.authorId])];
  for (const personId of people) {
    await deps.notices.send({
      key: `toolkit.outcome:${analysis.id}:${analysis.version}:${personId}`,
      personId,
      activity,
    });
  }
}

/**
 * The Equity Officer's review from outside chat (the tab): the same service as the review card,
 * and the lead told the outcome in chat the same way (once per reviewed version).
 */
export async function reviewAnalysis(deps: BotDeps, input: ReviewInput): Promise<ReviewOutcome> {
  const outcome = await toolkitService(deps).review(input);
  if (outcome.kind === 'reviewed') {
    const department = (await deps.store.listDepartments()).find(
      (d) => d.id === outcome.analysis.departmentId,
    );
    if (department) await sendOutcome(deps, outcome.analysis, department);
  }
  return outcome;
}

/** The queue of every department's submitted analyses, each with a Review button. */
async function reviewQueueCard(deps: BotDeps): Promise<Attachment> {
  const [waiting, departments] = await Promise.all([
    toolkitService(deps).waitingForReview(),
    deps.store.listDepartments(),
  ]);
  const names = await displayNames(
    deps,
    waiting.map((a) => a.submittedBy ?? a.authorId),
  );
  return renderToolkitQueueCard(
    toolkitQueueCardModel({ plan: deps.plan, waiting, departments, names }),
  );
}

/**
 * `review`: the Equity Officer's queue of toolkit analyses waiting for review, from every
 * department, in one card whose Review buttons open each analysis in its place. Anyone else is
 * told, politely, who reviews. Only in a 1:1 chat: the queue names departments' drafts.
 */
export async function sendReviewQueue(
  context: TurnContext,
  asker: Asker,
  deps: BotDeps,
): Promise<void> {
  const decision = decide(asker.actor, 'toolkit.review');
  if (!decision.allowed) {
    const member =
      asker.actor.kind === 'person' &&
      (asker.actor.role === 'lead' || asker.actor.role === 'ambassador');
    await context.sendActivity(
      `${refusalText(decision, context.activity)}${
        member && decision.reason === 'role'
          ? " To see your department's analyses, type **toolkit**."
          : ''
      }`,
    );
    return;
  }
  if (!isPersonalConversation(context.activity)) {
    await context.sendActivity(
      'The review queue names every department’s analyses, so I show it only in our 1:1 chat: open a chat with me and type **review**.',
    );
    return;
  }
  const reply = MessageFactory.attachment(await reviewQueueCard(deps));
  reply.summary = 'Toolkit analyses to review';
  await context.sendActivity(reply);
}

const reviewData = z.strictObject({
  departmentId: recordId(),
  analysisId: recordId(),
  version: z.number().int().min(0),
  decision: z.enum(['accept', 'return']),
  comment: z.string().max(NOTE_MAX).optional(),
});

const reviewOpenData = z.strictObject({
  departmentId: recordId(),
  analysisId: recordId(),
});

/** What the officer is told when an analysis the card names is not the department's. */
function notFoundCard(analysisId: string): Attachment {
  return renderNoticeCard({
    title: 'No such analysis',
    text: `There is no toolkit analysis ${analysisId.slice(0, 40)} in this department, so nothing was changed. Type **review** for the queue.`,
  });
}

/** Why a card's analysis is not waiting for its review any more. */
function staleNotice(analysis: ToolkitAnalysis, names: ReadonlyMap<string, string>): string {
  const who = analysis.reviewedBy ? (names.get(analysis.reviewedBy) ?? analysis.reviewedBy) : '';
  const when = analysis.reviewedAt ? ` on ${formatDay(analysis.reviewedAt.slice(0, 10))}` : '';
  switch (analysis.status) {
    case 'submitted':
      return 'The department changed this analysis and submitted it again after this card was sent, so nothing was changed. This is the version waiting for review now.';
    case 'accepted':
      return `This analysis is not waiting for review: ${who || 'the Equity Officer'} accepted it${when}. Nothing was changed.`;
    case 'returned':
      return `This analysis is not waiting for review: ${who || 'the Equity Officer'} returned it${when}. Nothing was changed.`;
    case 'draft':
      return 'This analysis is not waiting for review: the department is still writing it. Nothing was changed.';
  }
}

/** Accept, or Return with a comment: the officer's card turns into the outcome. */
const reviewVerb = formVerb({
  verb: TOOLKIT_REVIEW_VERB,
  data: reviewData,
  action: 'toolkit.review',
  answer: async (scope: FormScope, input) => {
    const { deps, department } = scope;
    const service = toolkitService(deps);
    const comment = input.comment ?? '';
    let outcome;
    try {
      outcome = await service.review({
        actor: scope.person,
        departmentId: department.id,
        analysisId: input.analysisId,
        version: input.version,
        decision: input.decision,
        comment,
      });
    } catch (error) {
      if (error instanceof NotFound) return notFoundCard(input.analysisId);
      const messages = messagesFor(error, ['comment'] as const);
      const analysis = await deps.store.getAnalysis(input.analysisId);
      if (analysis?.departmentId !== department.id) return notFoundCard(input.analysisId);
      return toolkitAnalysisCard(deps, analysis, department, 'review', {
        comment,
        ...(messages.errors?.comment ? { commentError: messages.errors.comment } : {}),
        ...(messages.notice ? { notice: messages.notice } : {}),
      });
    }
    const { analysis } = outcome;
    if (outcome.kind === 'stale') {
      const names = await displayNames(deps, [analysis.reviewedBy]);
      const stillWaiting = analysis.status === 'submitted';
      return toolkitAnalysisCard(deps, analysis, department, stillWaiting ? 'review' : 'view', {
        notice: staleNotice(analysis, names),
        queueButton: !stillWaiting,
      });
    }
    await sendOutcome(deps, analysis, department);
    return toolkitAnalysisCard(deps, analysis, department, 'reviewed', {
      confirmation: `${
        analysis.status === 'accepted' ? 'Accepted' : 'Returned with your comment'
      }. ${department.name} is told in chat.`,
    });
  },
});

/** A queue's Review button: the whole analysis with Accept and Return, in place of the queue. */
const reviewOpenVerb = formVerb({
  verb: TOOLKIT_REVIEW_OPEN_VERB,
  data: reviewOpenData,
  action: 'toolkit.review',
  answer: async (scope: FormScope, input) => {
    const { deps, department } = scope;
    let analysis: ToolkitAnalysis;
    try {
      analysis = await toolkitService(deps).analysisOf(department.id, input.analysisId);
    } catch (error) {
      if (error instanceof NotFound) return notFoundCard(input.analysisId);
      throw error;
    }
    if (analysis.status === 'submitted') {
      return toolkitAnalysisCard(deps, analysis, department, 'review');
    }
    const names = await displayNames(deps, [analysis.reviewedBy]);
    return toolkitAnalysisCard(deps, analysis, department, 'view', {
      notice: staleNotice(analysis, names).replace(' Nothing was changed.', ''),
      queueButton: true,
    });
  },
});

/** The Equity Officer's buttons, registered with the toolkit form. */
export const toolkitReviewVerbs: FormVerb[] = [reviewVerb, reviewOpenVerb];
