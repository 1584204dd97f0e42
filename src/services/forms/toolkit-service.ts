import {
  Conflict,
  councilFileNumberRule,
  isCouncilFileNumber,
  NotFound,
  ValidationError,
  type AuditEntry,
  type Person,
  type PlanSettings,
  type ToolkitAnalysis,
  type ToolkitStep,
} from '../../domain';
import {
  firstUnanswered,
  nextToolkitStep,
  OPTIONAL_TOOLKIT_FIELDS,
  previousToolkitStep,
  TOOLKIT_ANSWER_MAX,
  TOOLKIT_STEP_BYTES_MAX,
  toolkitFieldValue,
  toolkitStepInfo,
  type ToolkitField,
} from '../../domain/plan/toolkit-steps';
import { NOTE_MAX, TEXT_MAX } from '../../server/input/limits';
import type { PlanStore } from '../../store/plan-store';
import type { Clock } from '../clock';

/** The audit log's `recordType` of a toolkit analysis. */
export const TOOLKIT_RECORD_TYPE = 'toolkit-analysis';

/** The audit actions of someone writing the analysis (the review's accept and return are not). */
const SAVE_ACTIONS = new Set(['toolkit.create', 'toolkit.save', 'toolkit.submit']);

/** The buttons of a step's card: each saves the step's answers, then goes where it says. */
export const TOOLKIT_MOVES = ['back', 'save', 'next', 'submit'] as const;
export type ToolkitMove = (typeof TOOLKIT_MOVES)[number];

/** What a step's card sent, by field; only the fields of the step pressed are read. */
export type ToolkitAnswers = Partial<Record<ToolkitField, string>>;

export type SaveStepInput = {
  /** The verified person pressing (never from card data). */
  actor: Person;
  /** The department the dispatcher authorised; the analysis must be its. */
  departmentId: string;
  /** The card's analysis id: a new one (generated when its first card was rendered) creates it. */
  analysisId: string;
  /** The version the card was rendered from; 0 for an analysis not stored yet. */
  version: number;
  step: ToolkitStep;
  move: ToolkitMove;
  answers: ToolkitAnswers;
};

/**
 * What a press of a step's button did. `written` is false when nothing was stored by this call:
 * the same press was stored already (Teams retrying), or nothing changed.
 */
export type SaveStepOutcome =
  /** The step saved; the draft is left at `analysis.step`, where the card goes next. */
  | { kind: 'saved'; analysis: ToolkitAnalysis; written: boolean }
  /** Submitted for review. */
  | { kind: 'submitted'; analysis: ToolkitAnalysis; written: boolean }
  /**
   * Submit with an earlier step unanswered: this step's answers were saved and the draft left at
   * the step to answer; `error` names its field.
   */
  | { kind: 'incomplete'; analysis: ToolkitAnalysis; written: boolean; error: ValidationError }
  /** Someone saved since the card was rendered: nothing stored; the analysis as it is now. */
  | { kind: 'conflict'; analysis: ToolkitAnalysis }
  /** Submitted or accepted: not editable, nothing stored. */
  | { kind: 'locked'; analysis: ToolkitAnalysis };

export type ReviewDecision = 'accept' | 'return';

export type ReviewInput = {
  /** The verified Equity Officer. */
  actor: Person;
  departmentId: string;
  analysisId: string;
  /** The version the review card showed. */
  version: number;
  decision: ReviewDecision;
  /** Required to return it; optional to accept. */
  comment: string;
};

export type ReviewOutcome =
  | { kind: 'reviewed'; analysis: ToolkitAnalysis; written: boolean }
  /** Not waiting for this review any more (reviewed already, or changed and resubmitted). */
  | { kind: 'stale'; analysis: ToolkitAnalysis };

const EDITABLE = new Set<ToolkitAnalysis['status']>(['draft', 'returned']);

/**
 * GARE Racial Equity Toolkit analyses: a department's drafts saved step by step, submitted, and
 * reviewed by the Equity Officer. Every write names the version it read (optimistic concurrency)
 * and carries its audit entry, whose deterministic id keeps a retried press from logging twice;
 * a retried press (Teams resends an invoke it got no answer to) finds its write stored and
 * answers as it did, without writing again.
 */
export class ToolkitService {
  constructor(
    private readonly store: PlanStore,
    private readonly clock: Clock,
    private readonly plan: PlanSettings,
  ) {}

  /** The department's analyses still being written (draft or returned), last saved first. */
  async openAnalyses(departmentId: string): Promise<ToolkitAnalysis[]> {
    const all = await this.store.listAnalyses({ departmentId });
    return all
      .filter((a) => EDITABLE.has(a.status))
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }

  /** Analyses waiting for review (of one department, or all), submitted longest ago first. */
  async waitingForReview(departmentId?: string): Promise<ToolkitAnalysis[]> {
    const all = await this.store.listAnalyses({
      status: 'submitted',
      ...(departmentId ? { departmentId } : {}),
    });
    const at = (a: ToolkitAnalysis) => a.submittedAt ?? a.updatedAt;
    return all.sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : a.id < b.id ? -1 : 1));
  }

  /**
   * The analysis `id` of `departmentId`.
   * @throws NotFound when there is none, or it is another department's (a card naming someone
   * else's analysis learns nothing about it).
   */
  async analysisOf(departmentId: string, id: string): Promise<ToolkitAnalysis> {
    const analysis = await this.store.getAnalysis(id);
    if (!analysis || analysis.departmentId !== departmentId) {
      throw new NotFound('toolkit analysis', id);
    }
    return analysis;
  }

  /**
   * Who saved the analysis last (from its audit history: a save, not the officer's review), or its
   * author when none is logged.
   */
  async lastSavedBy(analysis: ToolkitAnalysis): Promise<string> {
    const history = await this.store.listAudit({
      recordType: TOOLKIT_RECORD_TYPE,
      recordId: analysis.id,
      limit: 50,
    });
    const saved = history.find((e) => SAVE_ACTIONS.has(e.action));
    return saved?.actorId ?? analysis.authorId;
  }

  /**
   * Saves the answers of one step (and only that step's), then moves the draft where the button
   * says; `submit` also sends it for review once every step is answered.
   * @throws ValidationError naming the card field that is wrong; nothing is stored.
   * @throws NotFound when the analysis is another department's, or the card is not of a new one.
   */
  async saveStep(input: SaveStepInput): Promise<SaveStepOutcome> {
    const answers = this.cleanAnswers(input.step, input.answers);
    checkMove(input.step, input.move);
    const stored = await this.store.getAnalysis(input.analysisId);
    if (stored && stored.departmentId !== input.departmentId) {
      throw new NotFound('toolkit analysis', input.analysisId);
    }
    if (!stored) {
      // Only the first step's card of a new analysis (version 0) creates one.
      if (input.version !== 0 || input.step !== 'proposal') {
        throw new NotFound('toolkit analysis', input.analysisId);
      }
      return this.create(input, answers);
    }
    const already = this.storedPress(stored, input, answers);
    if (already) return already;
    if (!EDITABLE.has(stored.status)) return { kind: 'locked', analysis: stored };
    if (stored.version !== input.version) return { kind: 'conflict', analysis: stored };

    const applied = applyAnswers(stored, input.step, answers);
    checkStepsColumn(applied, input.step);
    const plan = planMove(applied, input.step, input.move);
    if (!plan.submit && plan.target === stored.step && sameFields(stored, applied, input.step)) {
      return outcomeOf(stored, plan, false);
    }
    const now = this.clock.now().toISOString();
    const next: ToolkitAnalysis = {
      ...applied,
      step: plan.target,
      updatedAt: now,
      ...(plan.submit
        ? { status: 'submitted', submittedBy: input.actor.id, submittedAt: now }
        : {}),
    };
    const verb = plan.submit ? 'submit' : 'save';
    const audit: AuditEntry = {
      id: `toolkit.${verb}:${stored.id}:${stored.version + 1}`,
      at: now,
      actorId: input.actor.id,
      action: `toolkit.${verb}`,
      recordType: TOOLKIT_RECORD_TYPE,
      recordId: stored.id,
      before: stored,
      after: { ...next, version: stored.version + 1 },
    };
    try {
      const saved = await this.store.updateAnalysis(next, audit);
      return outcomeOf(saved, plan, true);
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      return this.afterConflict(input, answers);
    }
  }

  /**
   * Accepts a submitted analysis, or returns it to the department with a comment.
   * @throws ValidationError (`comment`) when a return has no comment.
   * @throws NotFound when the analysis is not the department's.
   */
  async review(input: ReviewInput): Promise<ReviewOutcome> {
    const comment = input.comment.trim();
    if (input.decision === 'return' && comment === '') {
      throw new ValidationError(
        'comment',
        'required',
        'Say what to change before you return it: the lead sees your comment.',
      );
    }
    if (comment.length > TOOLKIT_ANSWER_MAX) {
      throw new ValidationError(
        'comment',
        'max',
        `Shorten the comment to at most ${n(TOOLKIT_ANSWER_MAX)} characters (it has ${n(comment.length)}).`,
      );
    }
    const stored = await this.analysisOf(input.departmentId, input.analysisId);
    const status = input.decision === 'accept' ? 'accepted' : 'returned';
    const isThisReview = (a: ToolkitAnalysis) =>
      a.version === input.version + 1 &&
      a.status === status &&
      a.reviewedBy === input.actor.id &&
      (a.reviewComment ?? '') === comment;
    if (isThisReview(stored)) return { kind: 'reviewed', analysis: stored, written: false };
    if (stored.status !== 'submitted' || stored.version !== input.version) {
      return { kind: 'stale', analysis: stored };
    }
    const now = this.clock.now().toISOString();
    const { reviewComment: _previous, ...rest } = stored;
    const next: ToolkitAnalysis = {
      ...rest,
      status,
      ...(comment ? { reviewComment: comment } : {}),
      reviewedBy: input.actor.id,
      reviewedAt: now,
      updatedAt: now,
    };
    const verb = input.decision === 'accept' ? 'accept' : 'return';
    try {
      const saved = await this.store.updateAnalysis(next, {
        id: `toolkit.${verb}:${stored.id}:${stored.version + 1}`,
        at: now,
        actorId: input.actor.id,
        action: `toolkit.${verb}`,
        recordType: TOOLKIT_RECORD_TYPE,
        recordId: stored.id,
        before: stored,
        after: { ...next, version: stored.version + 1 },
      });
      return { kind: 'reviewed', analysis: saved, written: true };
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      const now2 = await this.analysisOf(input.departmentId, input.analysisId);
      return isThisReview(now2)
        ? { kind: 'reviewed', analysis: now2, written: false }
        : { kind: 'stale', analysis: now2 };
    }
  }

  private async create(input: SaveStepInput, answers: ToolkitAnswers): Promise<SaveStepOutcome> {
    const now = this.clock.now().toISOString();
    const blank: ToolkitAnalysis = {
      id: input.analysisId,
      departmentId: input.departmentId,
      title: '',
      kind: 'new',
      steps: {},
      status: 'draft',
      step: 'proposal',
      authorId: input.actor.id,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const applied = applyAnswers(blank, input.step, answers);
    checkStepsColumn(applied, input.step);
    const plan = planMove(applied, input.step, input.move);
    const analysis: ToolkitAnalysis = { ...applied, step: plan.target };
    try {
      const created = await this.store.createAnalysis(analysis, {
        id: `toolkit.create:${analysis.id}`,
        at: now,
        actorId: input.actor.id,
        action: 'toolkit.create',
        recordType: TOOLKIT_RECORD_TYPE,
        recordId: analysis.id,
        after: analysis,
      });
      return outcomeOf(created, plan, true);
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      return this.afterConflict(input, answers);
    }
  }

  /** The store refused a write as stale: this very press stored meanwhile, or someone else's. */
  private async afterConflict(
    input: SaveStepInput,
    answers: ToolkitAnswers,
  ): Promise<SaveStepOutcome> {
    const stored = await this.analysisOf(input.departmentId, input.analysisId);
    return this.storedPress(stored, input, answers) ?? { kind: 'conflict', analysis: stored };
  }

  /**
   * The outcome of this press when `stored` is its result already: the version right after the
   * card's, holding the step's answers as sent, left where the button goes.
   */
  private storedPress(
    stored: ToolkitAnalysis,
    input: SaveStepInput,
    answers: ToolkitAnswers,
  ): SaveStepOutcome | undefined {
    if (stored.version !== input.version + 1) return undefined;
    const applied = applyAnswers(stored, input.step, answers);
    if (!sameFields(stored, applied, input.step)) return undefined;
    const plan = planMove(applied, input.step, input.move);
    if (stored.step !== plan.target) return undefined;
    if (plan.submit) {
      return stored.status === 'submitted' && stored.submittedBy === input.actor.id
        ? outcomeOf(stored, plan, false)
        : undefined;
    }
    return EDITABLE.has(stored.status) ? outcomeOf(stored, plan, false) : undefined;
  }

  /**
   * The step's answers, trimmed and checked against their columns.
   * @throws ValidationError naming the first wrong field.
   */
  private cleanAnswers(step: ToolkitStep, answers: ToolkitAnswers): ToolkitAnswers {
    const clean: ToolkitAnswers = {};
    for (const field of toolkitStepInfo(step).fields) {
      const value = (answers[field] ?? '').trim();
      clean[field] = this.checkField(field, value);
    }
    const bytes = Object.values(clean).reduce((sum, v) => sum + Buffer.byteLength(v ?? ''), 0);
    if (bytes > TOOLKIT_STEP_BYTES_MAX) {
      const size = (f: ToolkitField) => Buffer.byteLength(clean[f] ?? '');
      const longest = toolkitStepInfo(step).fields.reduce((a, b) => (size(b) > size(a) ? b : a));
      throw new ValidationError(
        longest,
        'card-size',
        "Together this step's answers are too long for one Teams card (28 KB): shorten this one.",
      );
    }
    return clean;
  }

  private checkField(field: ToolkitField, value: string): string {
    switch (field) {
      case 'title':
        if (value === '') {
          throw new ValidationError(
            field,
            'required',
            'Name the policy, program, practice or budget decision you are analysing.',
          );
        }
        if (value.length > TEXT_MAX) {
          throw new ValidationError(
            field,
            'max',
            `Shorten the name to at most ${TEXT_MAX} characters (it has ${n(value.length)}); say more in the answer below.`,
          );
        }
        if (/[\r\n]/.test(value)) {
          throw new ValidationError(field, 'one-line', 'Keep the name on one line.');
        }
        return value;
      case 'kind':
        if (value !== 'new' && value !== 'existing') {
          throw new ValidationError(
            field,
            'one-of',
            'Say whether the policy or program is new or existing.',
          );
        }
        return value;
      case 'councilFileNumber':
        if (value !== '' && !isCouncilFileNumber(value, this.plan)) {
          throw new ValidationError(
            field,
            'format',
            `${councilFileNumberRule(this.plan)} Leave it empty when there is no ${this.plan.terms.impactStatement}.`,
          );
        }
        return value;
      default:
        if (value.length > TOOLKIT_ANSWER_MAX) {
          throw new ValidationError(
            field,
            'max',
            `Shorten this answer to at most ${n(TOOLKIT_ANSWER_MAX)} characters (it has ${n(value.length)}) so the step fits on a Teams card.`,
          );
        }
        return value;
    }
  }
}

/** Where a press goes, and whether it submits. */
type MovePlan = {
  target: ToolkitStep;
  submit: boolean;
  /** Submit with an unanswered step elsewhere: the field to answer. */
  missing?: ValidationError;
};

/** Back from the first step, Next from the last, Submit before it: not buttons a card has. */
function checkMove(step: ToolkitStep, move: ToolkitMove): void {
  const ok =
    move === 'save' ||
    (move === 'back' && previousToolkitStep(step) !== undefined) ||
    (move === 'next' && nextToolkitStep(step) !== undefined) ||
    (move === 'submit' && nextToolkitStep(step) === undefined);
  if (!ok) throw new ValidationError('move', 'one-of', `this card has no ${move} button`);
}

/**
 * Where the draft is left after `move` from `step`. A submit with the pressed step unanswered is
 * refused beside its field (nothing stored); with another step unanswered, it goes to that step.
 */
function planMove(analysis: ToolkitAnalysis, step: ToolkitStep, move: ToolkitMove): MovePlan {
  if (move === 'back') return { target: previousToolkitStep(step) ?? step, submit: false };
  if (move === 'next') return { target: nextToolkitStep(step) ?? step, submit: false };
  if (move === 'save') return { target: step, submit: false };
  const own = toolkitStepInfo(step).fields.find(
    (f) => !OPTIONAL_TOOLKIT_FIELDS.includes(f) && toolkitFieldValue(analysis, f).trim() === '',
  );
  if (own) throw new ValidationError(own, 'required', 'Answer this before you submit.');
  const missing = firstUnanswered(analysis);
  if (!missing) return { target: step, submit: true };
  const info = toolkitStepInfo(missing.step);
  return {
    target: missing.step,
    submit: false,
    missing: new ValidationError(
      missing.field,
      'required',
      `Answer step ${info.number} (${info.title}) before you submit: ${info.question}`,
    ),
  };
}

function outcomeOf(analysis: ToolkitAnalysis, plan: MovePlan, written: boolean): SaveStepOutcome {
  if (plan.submit) return { kind: 'submitted', analysis, written };
  if (plan.missing) return { kind: 'incomplete', analysis, written, error: plan.missing };
  return { kind: 'saved', analysis, written };
}

/** `analysis` with the step's answers in place; empty optional answers are left out. */
function applyAnswers(
  analysis: ToolkitAnalysis,
  step: ToolkitStep,
  answers: ToolkitAnswers,
): ToolkitAnalysis {
  const next: ToolkitAnalysis = { ...analysis, steps: { ...analysis.steps } };
  for (const field of toolkitStepInfo(step).fields) {
    const value = answers[field] ?? '';
    switch (field) {
      case 'title':
        next.title = value;
        break;
      case 'kind':
        next.kind = value === 'existing' ? 'existing' : 'new';
        break;
      case 'councilFileNumber':
      case 'groupsBenefited':
      case 'groupsBurdened':
      case 'resultingChange':
        if (value === '') delete next[field];
        else next[field] = value;
        break;
      default:
        if (value === '') delete next.steps[field];
        else next.steps[field] = value;
    }
  }
  return next;
}

/** True when `a` and `b` hold the same answers for `step`. */
function sameFields(a: ToolkitAnalysis, b: ToolkitAnalysis, step: ToolkitStep): boolean {
  return toolkitStepInfo(step).fields.every(
    (f) => toolkitFieldValue(a, f) === toolkitFieldValue(b, f),
  );
}

/** The six step texts share one SharePoint note column (as JSON): together they must fit in it. */
function checkStepsColumn(analysis: ToolkitAnalysis, step: ToolkitStep): void {
  const size = JSON.stringify(analysis.steps).length;
  if (size <= NOTE_MAX) return;
  const field = toolkitStepInfo(step).fields.find(
    (f) => !OPTIONAL_TOOLKIT_FIELDS.includes(f) && f !== 'title' && f !== 'kind',
  );
  throw new ValidationError(
    field ?? step,
    'max',
    `The six steps together must fit in ${n(NOTE_MAX)} characters (SharePoint's limit); shorten this answer by ${n(size - NOTE_MAX)}.`,
  );
}

const n = (value: number) => value.toLocaleString('en-US');
