import type { CitywideProgress } from '../progress-service';
import type { SurveyResponse } from '../survey/survey-view';
import { surveyBlocks, surveyCell, type ReportBlock, type ReportDocument } from './report-document';
import { RELT_LABEL, REPORT_LANG, TIER_LABEL, day, n, percent, plural } from './report-text';

/**
 * The citywide progress for the city's website: department-level figures only (no person is
 * named: the teams are counts, and nothing lists people), the survey only with small-cell
 * suppression, focus groups only as a count. Made from the same figures as the Progress tab.
 */
export type PublicSummaryInput = { progress: CitywideProgress; survey: SurveyResponse };

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const publicSummaryFileName = (extension: 'html' | 'csv') =>
  `reap-public-summary.${extension}`;

const relt = (d: CitywideProgress['departments'][number]) => RELT_LABEL[d.relt.status];

/** The public summary as report blocks (rendered to HTML like the annual report). */
export function publicSummaryDocument({ progress, survey }: PublicSummaryInput): ReportDocument {
  const { plan, totals: t } = progress;
  const { terms } = plan;
  const titles = new Map(progress.trainings.map((x) => [x.id, x.title]));
  const contents = [
    { id: 'citywide', text: 'Citywide' },
    { id: 'departments', text: 'Departments' },
    { id: 'survey', text: 'Diversity survey' },
  ];
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 1, text: 'Citywide', id: 'citywide' },
    {
      kind: 'table',
      caption: `Citywide progress as of ${day(progress.today)}`,
      columns: [{ label: 'Measure' }, { label: 'Figure', numeric: true }],
      rows: [
        ['Departments', n(t.departments)],
        ['Employees', n(t.employees)],
        [`Departments with their ${terms.leadershipTeam} formed`, n(t.reltFormed)],
        ['Departments with a racial equity vision statement', n(t.visionAdopted)],
        [`Racial equity ${terms.ambassadors}`, n(t.ambassadors)],
        ...t.training.map((x) => [
          `${titles.get(x.trainingId) ?? x.trainingId}: ${TIER_LABEL[x.tier]} trained`,
          `${percent(x.percent)} (${n(x.completed)} of ${n(x.required)})`,
        ]),
        [
          'New policies or programs analysed with the racial equity toolkit',
          n(t.toolkit.newAnalysed),
        ],
        [
          'Existing policies or programs analysed with the racial equity toolkit',
          n(t.toolkit.existingAnalysed),
        ],
        [`${terms.impactStatement}s guided`, n(t.impactStatements)],
        [
          `Strategies on track or done (${t.strategies.quarter})`,
          percent(t.strategies.percentOnTrack),
        ],
        ['Partnership meetings held', n(t.partnershipMeetings)],
      ],
    },
    { kind: 'heading', level: 1, text: 'Departments', id: 'departments' },
    {
      kind: 'table',
      caption: `Each department's progress as of ${day(progress.today)}`,
      columns: [
        { label: 'Department' },
        { label: 'Staff', numeric: true },
        { label: terms.leadershipTeamShort },
        { label: 'Vision statement' },
        { label: terms.ambassadors, numeric: true },
        { label: 'Toolkit training', numeric: true },
        { label: 'Analyses (new / existing)', numeric: true },
        { label: terms.impactStatementShort, numeric: true },
        { label: 'Strategies on track', numeric: true },
      ],
      rows: progress.departments.map((d) => [
        d.name,
        n(d.headcount),
        relt(d),
        d.vision.adopted ? 'Adopted' : 'Not yet',
        n(d.ambassadors),
        percent(d.toolkitTraining.percent),
        `${n(d.toolkit.newAnalysed)} / ${n(d.toolkit.existingAnalysed)}`,
        n(d.impactStatements),
        percent(d.strategies.percentOnTrack),
      ]),
    },
    { kind: 'heading', level: 1, text: 'Diversity survey', id: 'survey' },
    ...surveyBlocks(survey, 2),
    {
      kind: 'paragraph',
      text: `Focus groups held: ${n(survey.focusGroups.held)}${survey.focusGroups.held > 0 ? `, with ${survey.focusGroups.participants === null ? 'a number of participants not shown' : plural(survey.focusGroups.participants, 'participant')}` : ''}.`,
    },
  ];
  return {
    lang: REPORT_LANG,
    title: `${plan.cityName}: racial equity progress`,
    subtitle: [plan.planTitle, `Figures as of ${day(progress.today)}.`],
    contents,
    blocks,
  };
}

/** A CSV field, quoted, and never read as a formula by a spreadsheet. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * The public summary as one CSV table in long form (`area,department,measure,value`): one row per
 * figure, so a website or an open-data portal can filter it. Suppressed survey figures read
 * `not shown`.
 */
export function publicSummaryCsv({ progress, survey }: PublicSummaryInput): string {
  const titles = new Map(progress.trainings.map((x) => [x.id, x.title]));
  const { terms } = progress.plan;
  const rows: string[][] = [['area', 'department', 'measure', 'value']];
  const add = (area: string, department: string, measure: string, value: string | number) =>
    rows.push([area, department, measure, String(value)]);
  const t = progress.totals;
  add('progress', 'Citywide', 'as of', progress.today);
  add('progress', 'Citywide', 'departments', t.departments);
  add('progress', 'Citywide', 'employees', t.employees);
  add('progress', 'Citywide', `${terms.leadershipTeamShort} formed (departments)`, t.reltFormed);
  add('progress', 'Citywide', 'vision adopted (departments)', t.visionAdopted);
  add('progress', 'Citywide', terms.ambassadors, t.ambassadors);
  add('progress', 'Citywide', 'toolkit analyses accepted: new', t.toolkit.newAnalysed);
  add('progress', 'Citywide', 'toolkit analyses accepted: existing', t.toolkit.existingAnalysed);
  add('progress', 'Citywide', `${terms.impactStatementShort} guided`, t.impactStatements);
  add('progress', 'Citywide', 'strategies on track (%)', t.strategies.percentOnTrack);
  add('progress', 'Citywide', 'partnership meetings', t.partnershipMeetings);
  for (const x of t.training) {
    add(
      'training',
      'Citywide',
      `${titles.get(x.trainingId) ?? x.trainingId}: ${TIER_LABEL[x.tier]} (%)`,
      x.percent,
    );
  }
  for (const d of progress.departments) {
    add('progress', d.name, 'staff', d.headcount);
    add('progress', d.name, terms.leadershipTeamShort, relt(d));
    add('progress', d.name, 'vision adopted', d.vision.adopted ? 'yes' : 'no');
    add('progress', d.name, terms.ambassadors, d.ambassadors);
    add('progress', d.name, 'toolkit analyses accepted: new', d.toolkit.newAnalysed);
    add('progress', d.name, 'toolkit analyses accepted: existing', d.toolkit.existingAnalysed);
    add('progress', d.name, `${terms.impactStatementShort} guided`, d.impactStatements);
    add('progress', d.name, 'strategies on track (%)', d.strategies.percentOnTrack);
    add('progress', d.name, 'partnership cadence kept', d.partnership.kept ? 'yes' : 'no');
    for (const x of d.training) {
      add(
        'training',
        d.name,
        `${titles.get(x.trainingId) ?? x.trainingId}: ${TIER_LABEL[x.tier]} (%)`,
        x.percent,
      );
    }
  }
  for (const q of survey.questions) {
    const measure = (group: string) => `${q.year}: ${q.question}: ${group}`;
    for (const g of q.citywide.groups) add('survey', 'Citywide', measure(g.group), surveyCell(g));
    add('survey', 'Citywide', measure('everyone'), surveyCell(q.citywide.total));
    for (const d of q.departments) {
      for (const g of d.groups) add('survey', d.name, measure(g.group), surveyCell(g));
      add('survey', d.name, measure('all groups'), surveyCell(d.total));
    }
  }
  add('survey', 'Citywide', 'focus groups held', survey.focusGroups.held);
  return `${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
