import { isActive, type DepartmentProgress } from '../../src/domain';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import type {
  AnnualReportContent,
  CitywideProgress,
  CompileReportResponse,
  ReportListResponse,
} from '../../src/tab/api/api-types';
import { tempDir } from '../support/temp-dir';
import { htmlProblems, namesIn, readDocx, styleHashSource, visibleText } from './document-checks';

// The annual report of the demo city, compiled over HTTP on the last day of 2021 (the last day of
// the plan): every figure checked against the Progress tab's API and, for a few, against the
// store computed here independently; the Word and HTML files opened and checked.

const TODAY = '2021-12-31';
const clock = { now: () => new Date(`${TODAY}T15:00:00.000Z`) };
const officer = DEMO_PERSONAS.officer.id;
const lead = DEMO_PERSONAS.lead.id; // a Health Department lead
const as = (personId: string) => ({ 'x-reap-local-person': personId });

/** The scorecard the report carries: the tab's, the team's names replaced by counts. */
function withoutNames(d: DepartmentProgress) {
  const { relt, ...rest } = d;
  return {
    ...rest,
    relt: {
      status: relt.status,
      members: relt.leads.length,
      seniorLeaders: relt.leads.filter((l) => l.seniorLeader).length,
    },
  };
}

describe('the annual report (demo city, 31 December 2021)', () => {
  let reap: RunningReap;
  let compiled: CompileReportResponse;
  let names: string[];

  const api = (path: string, init: { method?: string; body?: unknown; personId?: string } = {}) =>
    fetch(`${reap.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...as(init.personId ?? officer),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });

  beforeAll(async () => {
    reap = await startReap({ PORT: '0', DATA_DIR: tempDir(), REAP_SEED: 'demo' }, clock);
    // Outreach is not in the demo city: the Health Department held two events, one in each year.
    await reap.store.addOutreachEvent({
      id: 'o-2020',
      departmentId: 'MHD',
      heldOn: '2020-10-03',
      title: 'Health equity fair',
      peopleReached: 140,
    });
    await reap.store.addOutreachEvent({
      id: 'o-2021',
      departmentId: 'MHD',
      heldOn: '2021-05-20',
      title: 'OAAA service hub open house',
      partners: 'Milwaukee County OAAA',
      peopleReached: 310,
    });
    names = (await reap.store.listPeople()).map((p) => p.displayName);
    const res = await api('/api/reports/2021', { method: 'POST' });
    expect(res.status).toBe(201);
    compiled = (await res.json()) as CompileReportResponse;
  });
  afterAll(async () => {
    await reap?.close();
  });

  it('compiles every scorecard figure exactly as GET /api/progress/citywide shows it', async () => {
    const citywide = (await (await api('/api/progress/citywide')).json()) as CitywideProgress;
    const { report } = compiled;
    expect(report).toMatchObject({
      year: 2021,
      asOf: TODAY,
      yearComplete: false,
      quarter: '2021-Q4',
    });
    expect(report.summary.totals).toEqual(citywide.totals);
    expect(report.departments.map((d) => d.scorecard)).toEqual(
      citywide.departments.map(withoutNames),
    );
    expect(compiled.library).toBeUndefined(); // SQLite: no document library
  });

  it('agrees with the store, counted here without the progress code', async () => {
    const { report } = compiled;
    const store = reap.store;
    const people = (await store.listPeople()).filter(isActive);
    expect(report.summary.totals.employees).toBe(people.length);

    // Anti-racism training, third wave: every employee-tier person, and those who completed it.
    const employees = new Set(people.filter((p) => p.tier === 'employee').map((p) => p.id));
    const completed = (await store.listCompletions({ trainingId: 'anti-racism' })).filter((c) =>
      employees.has(c.personId),
    ).length;
    const wave = report.summary.totals.training.find(
      (t) => t.trainingId === 'anti-racism' && t.tier === 'employee',
    );
    expect(wave).toMatchObject({ required: employees.size, completed });

    for (const d of report.departments) {
      const statements = await store.listImpactStatements({ departmentId: d.departmentId });
      expect(d.scorecard.impactStatements).toBe(statements.length);
      expect(d.impactStatements.map((s) => s.councilFileNumber).sort()).toEqual(
        statements
          .filter((s) => s.guidedOn.startsWith('2021-'))
          .map((s) => s.councilFileNumber)
          .sort(),
      );
      const accepted = (await store.listAnalyses({ departmentId: d.departmentId })).filter(
        (a) => a.status === 'accepted' && a.kind === 'existing',
      );
      expect(d.scorecard.toolkit.existingAnalysed).toBe(accepted.length);
    }
    const all = await store.listImpactStatements();
    expect(report.summary.inYear.impactStatements).toBe(
      all.filter((s) => s.guidedOn.startsWith('2021-')).length,
    );
    // The year's outreach only: 2020's event is in no list and no sum of 2021.
    const mhd = report.departments.find((d) => d.departmentId === 'MHD');
    expect(mhd?.outreach).toEqual([
      {
        heldOn: '2021-05-20',
        title: 'OAAA service hub open house',
        partners: 'Milwaukee County OAAA',
        peopleReached: 310,
      },
    ]);
    expect(report.summary.inYear).toMatchObject({ outreachEvents: 1, peopleReached: 310 });
    // Every analysis listed for the year was worked on in it, and names its resulting change.
    for (const d of report.departments) {
      for (const a of d.analyses) {
        expect(
          [a.startedOn, a.submittedOn ?? '', a.reviewedOn ?? ''].some((x) => x.startsWith('2021')),
        ).toBe(true);
      }
    }
    expect(report.summary.inYear.resultingChanges).toBe(
      report.departments.flatMap((d) => d.analyses).filter((a) => a.resultingChange).length,
    );
  });

  it('keeps the compiled report and serves it again as data', async () => {
    const res = await api('/api/reports/2021');
    expect(res.status).toBe(200);
    expect((await res.json()) as AnnualReportContent).toEqual(compiled.report);
    const list = (await (await api('/api/reports')).json()) as ReportListResponse;
    expect(list.reports).toEqual([
      { year: 2021, compiledAt: compiled.report.compiledAt, asOf: TODAY },
      { year: 2020 },
    ]);
  });

  it('writes a Word document with a heading per section and per department, tables and charts', async () => {
    const res = await api('/api/reports/2021.docx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="reap-annual-report-2021.docx"',
    );
    const docx = readDocx(Buffer.from(await res.arrayBuffer()));
    const styled = (style: string) =>
      docx.paragraphs.filter((p) => p.style === style).map((p) => p.text);
    expect(styled('Title')).toEqual(['City of Milwaukee: annual racial equity report 2021']);
    expect(styled('Heading1')).toEqual([
      'Citywide summary',
      'Departments',
      'Region of Choice: diversity survey and focus groups',
      'Health indicators',
      'About these figures',
    ]);
    const h2 = styled('Heading2');
    for (const d of compiled.report.departments) expect(h2).toContain(d.name);
    expect(h2).toEqual(
      expect.arrayContaining(['Training completion', 'Milestones', 'Focus groups']),
    );
    const h3 = styled('Heading3');
    expect(h3.filter((t) => t === 'Toolkit analyses')).toHaveLength(
      compiled.report.departments.length,
    );
    expect(h3).toContain('Minority Impact Statements guided'); // the plan's term
    // Tables with a header row Word repeats on each page; charts as SVG with a PNG fallback.
    expect((docx.xml.match(/<w:tbl>/g) ?? []).length).toBeGreaterThan(
      compiled.report.departments.length * 3,
    );
    expect(docx.xml).toContain('<w:tblHeader/>');
    const media = docx.files.filter((f) => f.startsWith('word/media/'));
    expect(media.some((f) => f.endsWith('.svg'))).toBe(true);
    expect(media.some((f) => f.endsWith('.png'))).toBe(true);
    expect(docx.xml).toMatch(
      /descr="Share of the people each training wave reaches who completed it, citywide/,
    );
    const png = docx.file(media.find((f) => f.endsWith('.png')) ?? '');
    expect(png?.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    // A figure of the summary table, as the tab shows it.
    const employees = compiled.report.summary.totals.employees.toLocaleString('en-US');
    expect(docx.paragraphs.map((p) => p.text)).toContain(employees);
    expect(namesIn(docx.paragraphs.map((p) => p.text).join('\n'), names)).toEqual([]);
  });

  it('writes an accessible HTML page with the same sections, under its own strict CSP', async () => {
    const res = await api('/api/reports/2021.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(htmlProblems(html)).toEqual([]);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src ${styleHashSource(html)}`);
    expect(csp).toContain('frame-ancestors');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src ${styleHashSource(html).replace(/'/g, '&#39;')}`,
    );
    const h2 = [...html.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual([
      'Contents',
      'Citywide summary',
      'Departments',
      'Region of Choice: diversity survey and focus groups',
      'Health indicators',
      'About these figures',
    ]);
    for (const d of compiled.report.departments) {
      expect(html).toContain(`<h3 id="department-${d.departmentId}">`);
    }
    expect(namesIn(visibleText(html), names)).toEqual([]);
  });

  it('names no member of staff anywhere in the report', () => {
    expect(namesIn(JSON.stringify(compiled.report), names)).toEqual([]);
  });

  it('shows a year that is over as of its last day: records of later days left out', async () => {
    const res = await api('/api/reports/2020', { method: 'POST' });
    expect(res.status).toBe(201);
    const { report } = (await res.json()) as CompileReportResponse;
    expect(report).toMatchObject({
      year: 2020,
      asOf: '2020-12-31',
      yearComplete: true,
      quarter: '2020-Q4',
    });
    const seniors = new Set(
      (await reap.store.listPeople())
        .filter((p) => isActive(p) && p.tier === 'senior_manager')
        .map((p) => p.id),
    );
    const by2020 = (await reap.store.listCompletions({ trainingId: 'racial-equity-101' })).filter(
      (c) => seniors.has(c.personId) && c.completedOn <= '2020-12-31',
    ).length;
    expect(
      report.summary.totals.training.find(
        (t) => t.trainingId === 'racial-equity-101' && t.tier === 'senior_manager',
      ),
    ).toMatchObject({ required: seniors.size, completed: by2020 });
    const statements = (await reap.store.listImpactStatements()).filter(
      (s) => s.guidedOn <= '2020-12-31',
    );
    expect(report.summary.totals.impactStatements).toBe(statements.length);
    expect(report.departments.find((d) => d.departmentId === 'MHD')?.outreach).toEqual([
      { heldOn: '2020-10-03', title: 'Health equity fair', peopleReached: 140 },
    ]);
  });

  it('answers 404 for a year not compiled, 400 for a year not begun or a format it does not make', async () => {
    expect((await api('/api/reports/2019')).status).toBe(404);
    expect((await api('/api/reports/2019.html')).status).toBe(404);
    const future = await api('/api/reports/2022', { method: 'POST' });
    expect(future.status).toBe(400);
    expect(await future.json()).toMatchObject({ field: 'year', rule: 'range' });
    expect((await api('/api/reports/2021.pdf')).status).toBe(400);
    expect((await api('/api/reports/2021', { method: 'POST', body: { year: 2021 } })).status).toBe(
      400,
    );
  });

  it('is for the Equity Officer only', async () => {
    expect((await api('/api/reports/2021', { personId: lead })).status).toBe(403);
    expect((await api('/api/reports/2021.docx', { personId: lead })).status).toBe(403);
    expect((await api('/api/reports/2021', { method: 'POST', personId: lead })).status).toBe(403);
  });

  it('records the compilation in the audit log', async () => {
    const entries = await reap.store.listAudit({ recordType: 'annualReport' });
    expect(entries.map((e) => [e.action, e.recordId, e.actorId])).toEqual([
      ['report.compile', '2020', officer],
      ['report.compile', '2021', officer],
    ]);
  });
});
