import { SCORECARD_RULES, type Tier } from '../../domain';
import type { SurveyFigure, SurveyResponse } from '../survey/survey-view';
import type { BarChart } from './bar-chart';
import type { AnnualReportContent, ReportDepartment, ReportIndicator } from './report-content';
import {
  ANALYSIS_STATUS_LABEL,
  KIND_LABEL,
  REPORT_LANG,
  RELT_LABEL,
  STANDING_LABEL,
  STATEMENT_STATUS_LABEL,
  TIER_LABEL,
  TIER_SHORT,
  day,
  n,
  percent,
  plural,
  ruleLabel,
} from './report-text';

/**
 * A report as a sequence of blocks, rendered once to Word and once to HTML: both documents have
 * the same sections, headings, tables and charts because they are made from the same blocks.
 */
export type ReportBlock =
  | {
      kind: 'heading';
      /** 1 for a section; the document's title sits above level 1. */
      level: 1 | 2 | 3;
      text: string;
      /** An anchor for the HTML contents and skip link. */
      id?: string;
    }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | {
      kind: 'table';
      caption: string;
      columns: Array<{ label: string; numeric?: boolean }>;
      /** Cells as text; the first cell of each row names the row (a row header). */
      rows: string[][];
    }
  | { kind: 'chart'; id: string; chart: BarChart };

export type ReportDocument = {
  lang: string;
  title: string;
  /** Lines under the title. */
  subtitle: string[];
  /** The level-1 headings with their anchors, for the HTML contents. */
  contents: Array<{ id: string; text: string }>;
  blocks: ReportBlock[];
};

const SUPPRESSED = 'not shown';

/** A survey figure as a cell: `62.5 (n = 41)`, or that it is not shown. */
export function surveyCell(f: SurveyFigure): string {
  if (f.respondents === null) return SUPPRESSED;
  return f.value === null ? `n = ${n(f.respondents)}` : `${f.value} (n = ${n(f.respondents)})`;
}

/** A training wave's line: `Anti-racism in City government: Senior managers`. */
function waveLabel(titles: ReadonlyMap<string, string>, trainingId: string, tier: Tier) {
  return `${titles.get(trainingId) ?? trainingId}: ${TIER_LABEL[tier]}`;
}

/** The same, short enough for a chart's bar. */
function waveBar(titles: ReadonlyMap<string, string>, trainingId: string, tier: Tier) {
  return `${titles.get(trainingId) ?? trainingId}: ${TIER_SHORT[tier]}`;
}

function section(
  blocks: ReportBlock[],
  contents: ReportDocument['contents'],
  id: string,
  text: string,
) {
  blocks.push({ kind: 'heading', level: 1, text, id });
  contents.push({ id, text });
}

/** The survey's blocks (the annual report's section, and the public summary's). */
export function surveyBlocks(survey: SurveyResponse, headingLevel: 2 | 3): ReportBlock[] {
  const blocks: ReportBlock[] = [
    {
      kind: 'paragraph',
      text: `No figure is shown for a group of fewer than ${survey.threshold} people, nor any figure from which such a group's could be worked out (those are "${SUPPRESSED}" as well). Results are given as reported (a share of respondents or a mean score) with the number of respondents.`,
    },
  ];
  if (survey.questions.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No survey results were recorded.' });
  }
  for (const q of survey.questions) {
    blocks.push({ kind: 'heading', level: headingLevel, text: `${q.question} (${q.year})` });
    blocks.push({
      kind: 'table',
      caption: `${q.question}, ${q.year}: citywide, by group`,
      columns: [{ label: 'Group' }, { label: 'Result (respondents)', numeric: true }],
      rows: [
        ...q.citywide.groups.map((g) => [g.group, surveyCell(g)]),
        ['Everyone', surveyCell(q.citywide.total)],
      ],
    });
    if (q.departments.length > 0) {
      blocks.push({
        kind: 'table',
        caption: `${q.question}, ${q.year}: by department and group`,
        columns: [
          { label: 'Department' },
          ...q.groups.map((g) => ({ label: g, numeric: true })),
          { label: 'All groups', numeric: true },
        ],
        rows: q.departments.map((d) => [
          d.name,
          ...q.groups.map((g) => {
            const f = d.groups.find((x) => x.group === g);
            return f ? surveyCell(f) : '–';
          }),
          surveyCell(d.total),
        ]),
      });
    }
  }
  return blocks;
}

function indicatorTable(indicators: readonly ReportIndicator[]): ReportBlock {
  return {
    kind: 'table',
    caption: 'Indicators: the gap between groups in the latest year',
    columns: [
      { label: 'Indicator' },
      { label: 'Place' },
      { label: 'Year', numeric: true },
      { label: 'Highest' },
      { label: 'Lowest' },
      { label: 'Gap', numeric: true },
      { label: 'Ratio', numeric: true },
      { label: 'Source' },
    ],
    rows: indicators.map((i) => [
      i.indicator,
      i.place || '–',
      String(i.latestYear),
      i.latestGap ? `${i.latestGap.highest.group}: ${i.latestGap.highest.value}` : '–',
      i.latestGap ? `${i.latestGap.lowest.group}: ${i.latestGap.lowest.value}` : '–',
      i.latestGap ? String(i.latestGap.gap) : '–',
      i.latestGap?.ratio != null ? `${i.latestGap.ratio}×` : '–',
      i.sources.join('; ') || '–',
    ]),
  };
}

function departmentBlocks(
  d: ReportDepartment,
  report: AnnualReportContent,
  titles: ReadonlyMap<string, string>,
): ReportBlock[] {
  const { terms } = report.plan;
  const s = d.scorecard;
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 2, text: d.name, id: `department-${d.departmentId}` },
    {
      kind: 'heading',
      level: 3,
      text: `${terms.leadershipTeamShort}, vision and ${terms.ambassadors}`,
    },
    {
      kind: 'list',
      items: [
        `${terms.leadershipTeam}: ${RELT_LABEL[s.relt.status]} (${plural(s.relt.members, 'member')}, ${plural(s.relt.seniorLeaders, 'senior leader')}).`,
        d.vision
          ? `Vision statement adopted ${day(d.vision.adoptedOn)}${d.vision.version > 1 ? ` (version ${d.vision.version})` : ''}: “${d.vision.text}”`
          : 'No vision statement adopted yet.',
        `${terms.ambassadors}: ${n(s.ambassadors)} for ${plural(s.headcount, 'staff member')} (${s.ambassadorsPer100} per 100 staff).`,
      ],
    },
    { kind: 'heading', level: 3, text: 'Training' },
    {
      kind: 'chart',
      id: `training-${d.departmentId}`,
      chart: {
        title: `${d.name}: training completion by wave`,
        description: `Share of the people each training wave reaches in ${d.name} who completed it, as of ${day(report.asOf)}.`,
        max: 100,
        bars: s.training.map((t) => ({
          label: waveBar(titles, t.trainingId, t.tier),
          value: t.percent,
          text: percent(t.percent),
        })),
      },
    },
    {
      kind: 'table',
      caption: `${d.name}: training completion per tier and wave`,
      columns: [
        { label: 'Training and tier' },
        { label: 'Due' },
        { label: 'Completed', numeric: true },
        { label: 'Required', numeric: true },
        { label: 'Share', numeric: true },
        { label: 'Past due with people missing' },
      ],
      rows: s.training.map((t) => [
        waveLabel(titles, t.trainingId, t.tier),
        day(t.dueOn),
        n(t.completed),
        n(t.required),
        percent(t.percent),
        t.behind ? 'Yes' : 'No',
      ]),
    },
    { kind: 'heading', level: 3, text: 'Toolkit analyses' },
    {
      kind: 'paragraph',
      text: `In the plan period to ${day(report.asOf)}: ${plural(s.toolkit.newAnalysed, 'new policy or program', 'new policies or programs')} and ${plural(s.toolkit.existingAnalysed, 'existing one')} analysed and accepted; ${n(s.toolkit.awaitingReview)} awaiting review, ${n(s.toolkit.returned)} returned for changes, ${plural(s.toolkit.drafts, 'draft')}. The plan's rule (new policies and at least one existing one analysed) is ${s.toolkit.meetsRule ? 'met' : 'not yet met'}.`,
    },
  ];
  if (d.analyses.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: `No toolkit analysis was worked on in ${report.year}.`,
    });
  } else {
    blocks.push({
      kind: 'table',
      caption: `${d.name}: toolkit analyses worked on in ${report.year}, and the changes they led to`,
      columns: [
        { label: 'Policy or program' },
        { label: 'Kind' },
        { label: 'Status' },
        { label: `${terms.impactStatementShort} file` },
        { label: 'Resulting policy or resource change' },
      ],
      rows: d.analyses.map((a) => [
        a.title,
        KIND_LABEL[a.kind],
        ANALYSIS_STATUS_LABEL[a.status],
        a.councilFileNumber ?? '–',
        a.resultingChange ?? '–',
      ]),
    });
  }
  blocks.push({ kind: 'heading', level: 3, text: `${terms.impactStatement}s guided` });
  blocks.push(
    d.impactStatements.length === 0
      ? { kind: 'paragraph', text: `No ${terms.impactStatement} was guided in ${report.year}.` }
      : {
          kind: 'table',
          caption: `${d.name}: ${terms.impactStatement}s guided in ${report.year}`,
          columns: [
            { label: 'Council file' },
            { label: 'Title' },
            { label: 'Status' },
            { label: 'Guided on' },
          ],
          rows: d.impactStatements.map((m) => [
            m.councilFileNumber,
            m.title,
            STATEMENT_STATUS_LABEL[m.status],
            day(m.guidedOn),
          ]),
        },
  );
  const quarters = d.strategies[0]?.quarters.map((q) => q.quarter) ?? [];
  const texts = new Map(report.strategies.map((x) => [x.id, x.text]));
  blocks.push({ kind: 'heading', level: 3, text: 'Strategies' });
  blocks.push({
    kind: 'paragraph',
    text: `${n(s.strategies.onTrack)} of ${plural(s.strategies.responsible, 'strategy', 'strategies')} the department answers for ${s.strategies.onTrack === 1 ? 'was' : 'were'} on track or done in ${report.quarter} (${percent(s.strategies.percentOnTrack)}).`,
  });
  if (d.strategies.length > 0) {
    blocks.push({
      kind: 'table',
      caption: `${d.name}: status of each strategy by quarter of ${report.year}`,
      columns: [{ label: 'Strategy' }, ...quarters.map((q) => ({ label: q.slice(5) }))],
      rows: d.strategies.map((line) => [
        `${line.strategyId} ${texts.get(line.strategyId) ?? ''}`.trim(),
        ...line.quarters.map((q) => STANDING_LABEL[q.status]),
      ]),
    });
  }
  blocks.push({ kind: 'heading', level: 3, text: 'Partnerships and outreach' });
  const p = s.partnership;
  blocks.push({
    kind: 'paragraph',
    text: `${plural(p.meetings, 'partnership meeting')} in the plan period to ${day(report.asOf)}${p.lastHeldOn ? `, the last on ${day(p.lastHeldOn)}` : ''}; the longest stretch without one was ${plural(p.longestGapDays, 'day')}, so the quarterly cadence was ${p.kept ? 'kept' : 'not kept'}.`,
  });
  if (d.meetings.length > 0) {
    blocks.push({
      kind: 'table',
      caption: `${d.name}: partnership meetings in ${report.year}`,
      columns: [{ label: 'Held on' }, { label: 'Partners' }, { label: 'People', numeric: true }],
      rows: d.meetings.map((m) => [
        day(m.heldOn),
        m.partners,
        m.peopleReached === undefined ? '–' : n(m.peopleReached),
      ]),
    });
  }
  blocks.push(
    d.outreach.length === 0
      ? { kind: 'paragraph', text: `No outreach event was recorded in ${report.year}.` }
      : {
          kind: 'table',
          caption: `${d.name}: outreach events in ${report.year}`,
          columns: [
            { label: 'Held on' },
            { label: 'Event' },
            { label: 'Partners' },
            { label: 'People reached', numeric: true },
          ],
          rows: d.outreach.map((e) => [
            day(e.heldOn),
            e.title,
            e.partners ?? '–',
            n(e.peopleReached),
          ]),
        },
  );
  return blocks;
}

/** The annual report's blocks, from its content. */
export function annualReportDocument(report: AnnualReportContent): ReportDocument {
  const { plan, summary } = report;
  const { terms } = plan;
  const t = summary.totals;
  const titles = new Map(report.trainings.map((x) => [x.id, x.title]));
  const blocks: ReportBlock[] = [];
  const contents: ReportDocument['contents'] = [];

  section(blocks, contents, 'summary', 'Citywide summary');
  blocks.push({
    kind: 'paragraph',
    text: `${plural(t.departments, 'department')} with ${plural(t.employees, 'employee')}. ${n(t.reltFormed)} of ${n(t.departments)} departments have formed their ${terms.leadershipTeam}, ${n(t.visionAdopted)} have adopted a vision statement, and ${n(t.departmentsWithAmbassadors)} have ${terms.ambassadors} (${n(t.ambassadors)} in all, ${t.ambassadorsPer100} per 100 staff). ${n(t.allRulesMet)} ${t.allRulesMet === 1 ? 'department meets' : 'departments meet'} every rule of the plan.`,
  });
  blocks.push({
    kind: 'table',
    caption: `Key figures as of ${day(report.asOf)}`,
    columns: [{ label: 'Measure' }, { label: 'Figure', numeric: true }],
    rows: [
      ['Departments', n(t.departments)],
      ['Employees', n(t.employees)],
      [`Departments with their ${terms.leadershipTeamShort} formed`, n(t.reltFormed)],
      ['Departments with a vision statement', n(t.visionAdopted)],
      [terms.ambassadors, n(t.ambassadors)],
      [
        `${terms.leadershipTeamShort} and managers trained in the toolkit`,
        `${n(t.toolkitTraining.completed)} of ${n(t.toolkitTraining.required)} (${percent(t.toolkitTraining.percent)})`,
      ],
      ['New policies or programs analysed with the toolkit (accepted)', n(t.toolkit.newAnalysed)],
      [
        'Existing policies or programs analysed with the toolkit (accepted)',
        n(t.toolkit.existingAnalysed),
      ],
      ['Toolkit analyses awaiting review', n(t.toolkit.awaitingReview)],
      ['Departments meeting the toolkit rule', n(t.toolkitRuleMet)],
      [`${terms.impactStatement}s guided`, n(t.impactStatements)],
      [
        `Strategies on track or done (${t.strategies.quarter})`,
        `${n(t.strategies.onTrack)} of ${n(t.strategies.responsible)} (${percent(t.strategies.percentOnTrack)})`,
      ],
      ['Partnership meetings', n(t.partnershipMeetings)],
      ['Departments keeping the quarterly partnership cadence', n(t.partnershipCadenceKept)],
    ],
  });
  blocks.push({ kind: 'heading', level: 2, text: 'Training completion' });
  blocks.push({
    kind: 'chart',
    id: 'training-citywide',
    chart: {
      title: 'Training completion citywide by wave',
      description: `Share of the people each training wave reaches who completed it, citywide, as of ${day(report.asOf)}.`,
      max: 100,
      bars: t.training.map((x) => ({
        label: waveBar(titles, x.trainingId, x.tier),
        value: x.percent,
        text: percent(x.percent),
      })),
    },
  });
  blocks.push({
    kind: 'table',
    caption: 'Training completion citywide per tier and wave',
    columns: [
      { label: 'Training and tier' },
      { label: 'Due' },
      { label: 'Completed', numeric: true },
      { label: 'Required', numeric: true },
      { label: 'Share', numeric: true },
    ],
    rows: t.training.map((x) => [
      waveLabel(titles, x.trainingId, x.tier),
      day(x.dueOn),
      n(x.completed),
      n(x.required),
      percent(x.percent),
    ]),
  });
  const y = summary.inYear;
  blocks.push({ kind: 'heading', level: 2, text: `The work of ${report.year}` });
  blocks.push({
    kind: 'table',
    caption: `What departments did in ${report.year}`,
    columns: [{ label: 'Activity' }, { label: 'Count', numeric: true }],
    rows: [
      ['Toolkit analyses started', n(y.analysesStarted)],
      ['Toolkit analyses submitted for review', n(y.analysesSubmitted)],
      ['Analyses of new policies or programs accepted', n(y.analysesAccepted.new)],
      ['Analyses of existing policies or programs accepted', n(y.analysesAccepted.existing)],
      ['Analyses that led to a policy or resource-allocation change', n(y.resultingChanges)],
      [`${terms.impactStatement}s guided`, n(y.impactStatements)],
      ...(['in_progress', 'filed', 'adopted'] as const).map((k) => [
        `… of which ${STATEMENT_STATUS_LABEL[k].toLowerCase()}`,
        n(y.impactStatementsByStatus[k]),
      ]),
      ['Vision statements adopted', n(y.visionsAdopted)],
      ['Training completions', n(y.trainingCompletions)],
      ['Partnership meetings', n(y.partnershipMeetings)],
      ['Outreach events', n(y.outreachEvents)],
      ['People reached by outreach', n(y.peopleReached)],
    ],
  });
  const ruleCounts = SCORECARD_RULES.map((rule) => ({
    rule,
    met: report.departments.filter((d) => !d.scorecard.unmet.includes(rule)).length,
  }));
  blocks.push({ kind: 'heading', level: 2, text: "Departments meeting the plan's rules" });
  blocks.push({
    kind: 'chart',
    id: 'rules-citywide',
    chart: {
      title: "Departments meeting each of the plan's rules",
      description: `How many of the ${t.departments} departments meet each rule of the plan, as of ${day(report.asOf)}.`,
      max: Math.max(t.departments, 1),
      bars: ruleCounts.map((r) => ({
        label: ruleLabel(r.rule, terms),
        value: r.met,
        text: `${n(r.met)} of ${n(t.departments)}`,
      })),
    },
  });
  blocks.push({
    kind: 'table',
    caption: "Departments meeting each of the plan's rules",
    columns: [{ label: 'Rule' }, { label: 'Departments meeting it', numeric: true }],
    rows: ruleCounts.map((r) => [ruleLabel(r.rule, terms), `${n(r.met)} of ${n(t.departments)}`]),
  });
  blocks.push({ kind: 'heading', level: 2, text: 'Milestones' });
  blocks.push({
    kind: 'list',
    items: report.milestones.map(
      (m) => `${m.title}: ${m.doneOn ? `done ${day(m.doneOn)}` : 'not yet done'}.`,
    ),
  });

  section(blocks, contents, 'departments', 'Departments');
  blocks.push({
    kind: 'table',
    caption: `Every department at a glance, as of ${day(report.asOf)}`,
    columns: [
      { label: 'Department' },
      { label: 'Staff', numeric: true },
      { label: terms.leadershipTeamShort },
      { label: 'Vision' },
      { label: terms.ambassadors, numeric: true },
      { label: 'Toolkit training', numeric: true },
      { label: 'Analyses (new / existing)', numeric: true },
      { label: terms.impactStatementShort, numeric: true },
      { label: 'Strategies on track', numeric: true },
      { label: 'Partnership cadence' },
    ],
    rows: report.departments.map((d) => {
      const s = d.scorecard;
      return [
        d.name,
        n(s.headcount),
        RELT_LABEL[s.relt.status],
        s.vision.adopted ? 'Adopted' : 'Not yet',
        n(s.ambassadors),
        percent(s.toolkitTraining.percent),
        `${n(s.toolkit.newAnalysed)} / ${n(s.toolkit.existingAnalysed)}`,
        n(s.impactStatements),
        percent(s.strategies.percentOnTrack),
        s.partnership.kept ? 'Kept' : 'Not kept',
      ];
    }),
  });
  for (const d of report.departments) blocks.push(...departmentBlocks(d, report, titles));

  section(blocks, contents, 'survey', 'Region of Choice: diversity survey and focus groups');
  blocks.push(...surveyBlocks(report.survey, 2));
  const fg = report.survey.focusGroups;
  blocks.push({ kind: 'heading', level: 2, text: 'Focus groups' });
  blocks.push(
    fg.held === 0
      ? { kind: 'paragraph', text: `No focus group was logged in ${report.year}.` }
      : {
          kind: 'table',
          caption: `Focus groups held in ${report.year} (${plural(fg.held, 'focus group')}, ${fg.participants === null ? 'participants not shown' : plural(fg.participants, 'participant')})`,
          columns: [
            { label: 'Held on' },
            { label: 'Topic' },
            { label: 'Participants', numeric: true },
          ],
          rows: fg.list.map((g) => [
            day(g.heldOn),
            g.topic,
            g.participants === null ? SUPPRESSED : n(g.participants),
          ]),
        },
  );

  section(blocks, contents, 'indicators', 'Health indicators');
  blocks.push(
    report.indicators.length === 0
      ? { kind: 'paragraph', text: 'No indicator series has been imported yet.' }
      : indicatorTable(report.indicators),
  );

  section(blocks, contents, 'about', 'About these figures');
  blocks.push({
    kind: 'list',
    items: [
      `Every figure of a scorecard is computed by the same code as reap's Progress tab, from the records as they stood on ${day(report.asOf)}${report.yearComplete ? ', the last day of the year' : ' (the year was still running when the report was compiled)'}. Records dated later are left out; an analysis reviewed later is shown as it stood then.`,
      `Cumulative figures (trainings, accepted analyses, ${terms.impactStatement}s, meetings) count the plan period from ${day(plan.period.start)}; the lists of analyses, statements, meetings and events are those of ${report.year}. Strategy standings are each quarter's latest report.`,
      'Staff figures are today\u2019s roster: the records keep no history of who worked where.',
      'The report names no member of staff: teams are given as counts, and who guided a statement or logged an event is left out.',
      `Survey results are shown only for groups of at least ${report.survey.threshold} people; individual answers are never stored.`,
      `Compiled ${day(report.compiledAt.slice(0, 10))} by reap.`,
    ],
  });

  return {
    lang: REPORT_LANG,
    title: `${plan.cityName}: annual racial equity report ${report.year}`,
    subtitle: [
      plan.planTitle,
      `Figures as of ${day(report.asOf)}${report.yearComplete ? '' : ' (the year is still running)'}.`,
    ],
    contents,
    blocks,
  };
}
