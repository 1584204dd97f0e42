import type { Attachment } from 'botbuilder';
import type { Department, PlanSettings, ToolkitAnalysis } from '../../src/domain';
import {
  TOOLKIT_FIELD_LABELS,
  TOOLKIT_STEP_INFO,
  toolkitFieldValue,
  type ToolkitField,
} from '../../src/domain/plan/toolkit-steps';
import { formatDay } from './card-text';
import { renderCard } from './render-card';
import { TOOLKIT_STATUS_LABELS } from './toolkit-card';
import template from './toolkit-review.json';

/** The `verb` of the review card's Accept and Return buttons. */
export const TOOLKIT_REVIEW_VERB = 'toolkitReview';

/**
 * UTF-8 bytes the analysis' texts may take on the card. Teams refuses a card over about 28 KB; an
 * analysis may hold more (six answers of 6,000 characters), so the longest answers are shortened
 * first until the rest fits, and the card says so.
 */
export const REVIEW_TEXT_BYTES = 15_000;

/** UTF-8 bytes of a comment the card echoes back when it returns with a message. */
const COMMENT_ECHO_BYTES = 6_000;

/**
 * `review`: the Equity Officer's card, with the comment and Accept / Return. `view`: the analysis
 * read-only (waiting for review, accepted). `reviewed`: the officer's card once reviewed.
 */
export type ToolkitReviewMode = 'review' | 'view' | 'reviewed';

export type ToolkitReviewAnswer = {
  hasLabel: boolean;
  label: string;
  text: string;
  isEmpty: boolean;
};

export type ToolkitReviewSection = {
  heading: string;
  question: string;
  answers: ToolkitReviewAnswer[];
};

/** The view model of `toolkit-review.json`: a whole analysis, all six steps. */
export type ToolkitReviewCardModel = {
  departmentId: string;
  departmentName: string;
  analysisId: string;
  version: number;
  heading: string;
  title: string;
  hasConfirmation: boolean;
  confirmation: string;
  hasNotice: boolean;
  notice: string;
  hasOutcome: boolean;
  outcomeStyle: 'good' | 'warning';
  outcome: string;
  hasOutcomeComment: boolean;
  outcomeComment: string;
  facts: Array<{ title: string; value: string }>;
  sections: ToolkitReviewSection[];
  hasClipped: boolean;
  clipped: string;
  canReview: boolean;
  comment: string;
  hasCommentError: boolean;
  commentError: string;
  hasQueueButton: boolean;
};

/**
 * The review card's view model: the whole analysis, its long texts shortened to fit.
 * @param input.names display names by person id (author, submitter, reviewer).
 * @param input.comment what the officer typed, when the card comes back with `commentError`.
 * @param input.mode `review` shows Accept and Return only while the analysis is submitted.
 */
export function toolkitReviewCardModel(input: {
  analysis: ToolkitAnalysis;
  department: Department;
  plan: PlanSettings;
  names: ReadonlyMap<string, string>;
  mode: ToolkitReviewMode;
  notice?: string;
  confirmation?: string;
  comment?: string;
  commentError?: string;
  /** Offer the officer the review queue (a button typing `review`); default: once reviewed. */
  queueButton?: boolean;
}): ToolkitReviewCardModel {
  const { analysis: a, department, plan, mode } = input;
  const name = (id: string | undefined) => (id ? (input.names.get(id) ?? id) : 'someone');
  const on = (instant: string | undefined) =>
    instant ? ` on ${formatDay(instant.slice(0, 10))}` : '';
  const canReview = mode === 'review' && a.status === 'submitted';
  const reviewed = a.status === 'accepted' || a.status === 'returned';
  const showOutcome = reviewed && (mode === 'reviewed' || mode === 'view');

  // Every long text of the card, shortened together so the card fits.
  const fields = TOOLKIT_STEP_INFO.flatMap((s) =>
    s.fields.filter((f) => f !== 'title' && f !== 'kind' && f !== 'councilFileNumber'),
  );
  const texts = [...fields.map((f) => toolkitFieldValue(a, f)), a.reviewComment ?? ''];
  const { clipped, shortened } = clipToBudget(texts, REVIEW_TEXT_BYTES);
  const textOf = new Map<ToolkitField, string>(fields.map((f, i) => [f, clipped[i] ?? '']));
  const reviewComment = clipped[fields.length] ?? '';

  const answer = (field: ToolkitField, labelled: boolean): ToolkitReviewAnswer => {
    const text = textOf.get(field) ?? '';
    return {
      hasLabel: labelled,
      label: labelled ? TOOLKIT_FIELD_LABELS[field] : '',
      text: text === '' ? 'Not answered.' : text,
      isEmpty: text === '',
    };
  };
  const facts = [
    { title: 'Department', value: department.name },
    {
      title: 'Policy or program',
      value: a.kind === 'existing' ? 'Existing' : 'New',
    },
    {
      title: `${plan.terms.impactStatementShort} Council file`,
      value: a.councilFileNumber ?? 'None',
    },
    { title: 'Started by', value: `${name(a.authorId)}${on(a.createdAt)}` },
    ...(a.submittedAt
      ? [
          {
            title: 'Submitted',
            value: `by ${name(a.submittedBy ?? a.authorId)}${on(a.submittedAt)}`,
          },
        ]
      : []),
    { title: 'Status', value: TOOLKIT_STATUS_LABELS[a.status] },
  ];
  const echo = clipBytes(input.comment ?? '', COMMENT_ECHO_BYTES);
  return {
    departmentId: department.id,
    departmentName: department.name,
    analysisId: a.id,
    version: a.version,
    heading: `${plan.terms.toolkit} analysis · ${TOOLKIT_STATUS_LABELS[a.status]}`,
    title: a.title || 'Untitled analysis',
    hasConfirmation: input.confirmation !== undefined,
    confirmation: input.confirmation ?? '',
    hasNotice: input.notice !== undefined,
    notice: input.notice ?? '',
    hasOutcome: showOutcome,
    outcomeStyle: a.status === 'accepted' ? 'good' : 'warning',
    outcome: showOutcome
      ? `${a.status === 'accepted' ? 'Accepted' : 'Returned for changes'} by ${
          mode === 'reviewed' ? 'you' : name(a.reviewedBy)
        }${on(a.reviewedAt)}${reviewComment ? ':' : '.'}`
      : '',
    hasOutcomeComment: showOutcome && reviewComment !== '',
    outcomeComment: showOutcome ? reviewComment : '',
    facts,
    sections: TOOLKIT_STEP_INFO.map((s) => {
      const shown = s.fields.filter(
        (f) => f !== 'title' && f !== 'kind' && f !== 'councilFileNumber',
      );
      return {
        heading: `Step ${s.number} · ${s.title}`,
        question: s.question,
        answers: shown.map((f) => answer(f, shown.length > 1)),
      };
    }),
    hasClipped: shortened > 0,
    clipped:
      shortened > 0
        ? `${shortened} long ${shortened === 1 ? 'answer is' : 'answers are'} shortened (…) to fit a Teams card.`
        : '',
    canReview,
    comment: echo.text,
    hasCommentError: input.commentError !== undefined,
    commentError: input.commentError ?? '',
    hasQueueButton: input.queueButton ?? mode === 'reviewed',
  };
}

/**
 * Shortens the longest of `texts` to one length until together they take at most `budget` UTF-8
 * bytes (so every text keeps as much as any longer one); shortened ones end with `…`.
 */
export function clipToBudget(
  texts: readonly string[],
  budget: number,
): { clipped: string[]; shortened: number } {
  const sizes = texts.map((t) => Buffer.byteLength(t));
  if (sizes.reduce((s, b) => s + b, 0) <= budget) return { clipped: [...texts], shortened: 0 };
  // The largest cap c with sum(min(size, c)) <= budget: the shorter texts stay whole.
  const sorted = [...sizes].sort((x, y) => x - y);
  let left = budget;
  let cap = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const size = sorted[i] ?? 0;
    const share = Math.floor(left / (sorted.length - i));
    if (size > share) {
      cap = share;
      break;
    }
    left -= size;
  }
  let shortened = 0;
  const clipped = texts.map((t, i) => {
    if ((sizes[i] ?? 0) <= cap) return t;
    shortened += 1;
    return clipBytes(t, Math.max(cap - 3, 0)).text + '…';
  });
  return { clipped, shortened };
}

/** `text` cut to at most `max` UTF-8 bytes, on a character boundary. */
function clipBytes(text: string, max: number): { text: string; cut: boolean } {
  if (Buffer.byteLength(text) <= max) return { text, cut: false };
  let bytes = 0;
  let out = '';
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > max) break;
    bytes += size;
    out += ch;
  }
  return { text: out, cut: true };
}

/** The whole analysis, bound and ready to send or to answer an invoke with. */
export function renderToolkitReviewCard(model: ToolkitReviewCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const toolkitReviewTemplate: object = template;
