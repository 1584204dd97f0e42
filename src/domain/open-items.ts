import type { PlanSettings } from './plan/settings';
import type { DepartmentProgress } from './progress';
import {
  TOOLKIT_STEPS,
  type IsoDate,
  type Quarter,
  type Strategy,
  type Tier,
  type ToolkitAnalysis,
  type ToolkitStep,
  type Training,
} from './types';

/** What each open item asks of a lead, and the words they type to the bot to act on it. */
type ItemBase = {
  /** One short sentence saying what is open. */
  text: string;
  /** What to type to the bot to act on it (e.g. `toolkit`, `log meeting`). */
  command: string;
};

/** An open item of a department: something its leads and Ambassadors have left to do. */
export type OpenItem =
  | (ItemBase & { kind: 'relt'; command: 'team'; problems: string[] })
  | (ItemBase & { kind: 'vision'; command: 'vision' })
  | (ItemBase & {
      kind: 'toolkit';
      command: 'toolkit';
      analysisId: string;
      title: string;
      status: 'draft' | 'returned';
      /** The step the analysis was saved at: where the card resumes. */
      step: ToolkitStep;
      /** The officer's comment on a returned analysis. */
      reviewComment?: string;
    })
  | (ItemBase & {
      kind: 'strategies';
      command: 'update';
      quarter: Quarter;
      count: number;
      strategies: Array<Pick<Strategy, 'id' | 'area' | 'text'>>;
    })
  | (ItemBase & {
      kind: 'partnership';
      command: 'log meeting';
      lastHeldOn?: IsoDate;
      dueBy: IsoDate;
    })
  | (ItemBase & {
      kind: 'training';
      command: 'attendance';
      trainingId: string;
      waveId: string;
      tier: Tier;
      dueOn: IsoDate;
      required: number;
      completed: number;
      notConfirmed: number;
    });

export type OpenItemKind = OpenItem['kind'];

const TIER_WORDS: Record<Tier, string> = {
  senior_manager: 'senior managers',
  frontline_manager: 'frontline managers and supervisors',
  employee: 'all employees',
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * A department's open items, most structural first: its leadership team, vision, toolkit analyses
 * in draft or returned, strategies not reported this quarter, an overdue partnership meeting,
 * training waves past due with people missing. Each says what is open and the bot command that
 * acts on it.
 * @param analyses the department's analyses (any status; only drafts and returned ones are open).
 */
export function openItems(input: {
  progress: DepartmentProgress;
  analyses: readonly ToolkitAnalysis[];
  strategies: readonly Pick<Strategy, 'id' | 'area' | 'text'>[];
  trainings: readonly Pick<Training, 'id' | 'title'>[];
  settings: PlanSettings;
}): OpenItem[] {
  const { progress, settings } = input;
  const { terms } = settings;
  const items: OpenItem[] = [];
  if (progress.relt.status !== 'formed') {
    items.push({
      kind: 'relt',
      command: 'team',
      problems: progress.relt.problems,
      text: `The ${terms.leadershipTeamShort} is not formed: ${progress.relt.problems.join(' ')}`,
    });
  }
  if (!progress.vision.adopted) {
    items.push({ kind: 'vision', command: 'vision', text: 'No vision statement adopted yet.' });
  }
  const open = input.analyses
    .filter((a) => a.departmentId === progress.departmentId)
    .filter(
      (a): a is ToolkitAnalysis & { status: 'draft' | 'returned' } =>
        a.status === 'draft' || a.status === 'returned',
    )
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  for (const a of open) {
    const at = TOOLKIT_STEPS.indexOf(a.step) + 1;
    items.push({
      kind: 'toolkit',
      command: 'toolkit',
      analysisId: a.id,
      title: a.title,
      status: a.status,
      step: a.step,
      ...(a.reviewComment ? { reviewComment: a.reviewComment } : {}),
      text:
        a.status === 'returned'
          ? `"${a.title}" was returned by the ${terms.equityOfficer}${a.reviewComment ? `: ${a.reviewComment}` : '.'}`
          : `"${a.title}" is a draft, saved at step ${at} of ${TOOLKIT_STEPS.length}.`,
    });
  }
  const { strategies: standing } = progress;
  if (standing.notReported > 0) {
    const byId = new Map(input.strategies.map((s) => [s.id, s]));
    const missing = standing.strategies
      .filter((l) => l.status === 'not_reported')
      .map((l) => byId.get(l.strategyId))
      .filter((s) => s !== undefined)
      .map(({ id, area, text }) => ({ id, area, text }));
    items.push({
      kind: 'strategies',
      command: 'update',
      quarter: standing.quarter,
      count: standing.notReported,
      strategies: missing,
      text: `${plural(standing.notReported, 'strategy', 'strategies')} not reported for ${standing.quarter}.`,
    });
  }
  if (progress.partnership.overdue) {
    const { lastHeldOn, dueBy } = progress.partnership;
    items.push({
      kind: 'partnership',
      command: 'log meeting',
      ...(lastHeldOn ? { lastHeldOn } : {}),
      dueBy,
      text: `A partnership meeting was due by ${dueBy}${lastHeldOn ? ` (the last was on ${lastHeldOn})` : ''}.`,
    });
  }
  const titles = new Map(input.trainings.map((t) => [t.id, t.title]));
  for (const row of progress.training.filter((t) => t.behind)) {
    const notConfirmed = row.required - row.completed;
    items.push({
      kind: 'training',
      command: 'attendance',
      trainingId: row.trainingId,
      waveId: row.waveId,
      tier: row.tier,
      dueOn: row.dueOn,
      required: row.required,
      completed: row.completed,
      notConfirmed,
      text: `${titles.get(row.trainingId) ?? row.trainingId}, ${TIER_WORDS[row.tier]}: ${notConfirmed} of ${row.required} not confirmed; it was due ${row.dueOn}.`,
    });
  }
  return items;
}
