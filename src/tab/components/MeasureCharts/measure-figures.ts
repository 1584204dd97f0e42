import type { CitywideProgress, DepartmentProgress, Tier } from '../../api/api-types';
import { TIER_NAMES, formatCount, formatPlanDate } from '../../text/plan-text';
import { RULE_ORDER, STANDING_ORDER, STANDING_TEXT, ruleName } from '../../text/progress-text';
import type { CsvTable } from '../CsvExport/csv-table';

// The figures each chart draws, computed once so the picture, its summary and its table agree.

/** Departments meeting each rule: `met` of `of`. */
export function rulesMet(data: CitywideProgress): Array<{ rule: string; met: number; of: number }> {
  const n = data.departments.length;
  return RULE_ORDER.map((rule) => ({
    rule: ruleName(rule, data.plan.terms).short,
    met: data.departments.filter((d: DepartmentProgress) => !d.unmet.includes(rule)).length,
    of: n,
  }));
}

export function rulesMetFigures(rows: ReturnType<typeof rulesMet>): CsvTable {
  return {
    header: ['Rule', 'Departments meeting it', 'Departments'],
    rows: rows.map((r) => [r.rule, r.met, r.of]),
  };
}

export function rulesMetSummary(rows: ReturnType<typeof rulesMet>): string {
  const sorted = [...rows].sort((a, b) => b.met - a.met);
  const best = sorted[0];
  const worst = sorted[sorted.length - 1];
  if (!best || !worst) return 'No rules to show.';
  return `Most met: ${best.rule.toLowerCase()}, by ${formatCount(best.met)} of ${formatCount(best.of)} departments. Least met: ${worst.rule.toLowerCase()}, by ${formatCount(worst.met)}.`;
}

/** One training's tiers citywide: confirmed and not, against each wave's due date. */
export type TierBar = {
  tier: Tier;
  dueOn: string;
  completed: number;
  required: number;
  percent: number;
  pastDue: boolean;
};

export function trainingBars(data: CitywideProgress, trainingId: string): TierBar[] {
  return data.totals.training
    .filter((t) => t.trainingId === trainingId && t.required > 0)
    .map((t) => ({
      tier: t.tier,
      dueOn: t.dueOn,
      completed: t.completed,
      required: t.required,
      percent: t.percent,
      pastDue: data.today > t.dueOn && t.completed < t.required,
    }));
}

export function trainingFigures(bars: TierBar[]): CsvTable {
  return {
    header: ['Tier', 'Due', 'Confirmed', 'Required', 'Confirmed %', 'Standing'],
    rows: bars.map((b) => [
      TIER_NAMES[b.tier].full,
      formatPlanDate(b.dueOn),
      b.completed,
      b.required,
      b.percent,
      b.completed >= b.required ? 'Complete' : b.pastDue ? 'Past due' : 'Open',
    ]),
  };
}

export function trainingSummary(title: string, bars: TierBar[]): string {
  if (bars.length === 0) return `Nobody is required to take ${title}.`;
  return `${title}: ${bars
    .map(
      (b) =>
        `${TIER_NAMES[b.tier].full.toLowerCase()} ${b.percent}% confirmed${
          b.pastDue
            ? `, past its due date ${formatPlanDate(b.dueOn)}`
            : `, due ${formatPlanDate(b.dueOn)}`
        }`,
    )
    .join('; ')}.`;
}

/** Toolkit analyses citywide by where they stand. */
export function toolkitSlices(data: CitywideProgress): Array<{ label: string; value: number }> {
  const t = data.totals.toolkit;
  return [
    { label: 'Accepted, new', value: t.newAnalysed },
    { label: 'Accepted, existing', value: t.existingAnalysed },
    { label: 'Awaiting review', value: t.awaitingReview },
    { label: 'Returned', value: t.returned },
    { label: 'Drafts', value: t.drafts },
  ];
}

/** Strategies this quarter by standing. */
export function strategySlices(data: CitywideProgress): Array<{ label: string; value: number }> {
  return [...STANDING_ORDER].reverse().map((s) => ({
    label: STANDING_TEXT[s],
    value: data.totals.strategies.counts[s],
  }));
}

export function sliceFigures(
  label: string,
  slices: Array<{ label: string; value: number }>,
): CsvTable {
  return { header: [label, 'Count'], rows: slices.map((s) => [s.label, s.value]) };
}

export function sliceSummary(
  what: string,
  slices: Array<{ label: string; value: number }>,
): string {
  const total = slices.reduce((n, s) => n + s.value, 0);
  const parts = slices
    .filter((s) => s.value > 0)
    .map((s) => `${s.label.toLowerCase()} ${formatCount(s.value)}`);
  return `${formatCount(total)} ${what}${parts.length ? `: ${parts.join(', ')}` : ''}.`;
}
