import type { DepartmentDetail } from '../../api/api-types';
import { WAVE_STATE_TEXT, waveName } from '../../text/campaign-text';
import { completionText, formatPlanDate } from '../../text/plan-text';
import { RULE_ORDER, STANDING_TEXT, ruleName, ruleStanding } from '../../text/progress-text';
import type { CsvTable } from '../CsvExport/csv-table';

/** The detail's CSV header: one row per rule, wave and strategy, the section saying which. */
export const DEPARTMENT_CSV_HEADER = ['Section', 'Item', 'Standing', 'Value', 'Detail'] as const;

/** A wave's standing in words: its state, or `Complete` once everyone confirmed. */
export function waveStandingText(w: DepartmentDetail['waves'][number]): string {
  if (w.state !== 'not_open' && w.required > 0 && w.completed >= w.required) return 'Complete';
  return WAVE_STATE_TEXT[w.state];
}

/** A department's detail as the page shows it: its rules, its waves, its strategies. */
export function departmentCsv(detail: DepartmentDetail): CsvTable {
  const { department: d, plan } = detail;
  const trainings = [...new Map(detail.waves.map((w) => [w.trainingId, w.trainingTitle]))].map(
    ([id, title]) => ({ id, title }),
  );
  const rows: CsvTable['rows'][number][] = RULE_ORDER.map((rule) => {
    const s = ruleStanding(d, rule, plan.terms, trainings);
    return ['Rule', ruleName(rule, plan.terms).short, s.met ? 'Met' : 'Not met', s.value, s.detail];
  });
  rows.push(['Count', 'Staff', '', d.headcount, '']);
  rows.push(['Count', `${plan.terms.impactStatement}s guided`, '', d.impactStatements, '']);
  for (const w of detail.waves) {
    rows.push([
      'Training wave',
      `${w.trainingTitle}, ${waveName(w).toLowerCase()}`,
      waveStandingText(w),
      completionText(w),
      `opens ${formatPlanDate(w.opensOn)}; due ${formatPlanDate(w.dueOn)}; ${w.notConfirmed} not confirmed`,
    ]);
  }
  for (const s of detail.strategies) {
    rows.push([
      'Strategy',
      `${s.strategyId} ${s.area}`,
      STANDING_TEXT[s.status],
      s.reportedOn ? formatPlanDate(s.reportedOn) : '',
      s.text,
    ]);
  }
  return { header: DEPARTMENT_CSV_HEADER, rows };
}
