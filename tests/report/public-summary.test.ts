import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { parseCsv } from '../../src/services/csv-parser';
import type { CitywideProgress } from '../../src/tab/api/api-types';
import { tempDir } from '../support/temp-dir';
import { htmlProblems, namesIn, styleHashSource, visibleText } from './document-checks';

// The public summary for the city's website: department-level figures only, the survey only
// suppressed; checked against every display name in the store and against the Progress tab.

const clock = { now: () => new Date('2021-06-15T15:00:00.000Z') };
const officer = DEMO_PERSONAS.officer.id;

describe('the public summary (demo city)', () => {
  let reap: RunningReap;
  let names: string[];
  const get = (path: string, personId: string = officer) =>
    fetch(`${reap.url}${path}`, { headers: { 'x-reap-local-person': personId } });

  beforeAll(async () => {
    reap = await startReap({ PORT: '0', DATA_DIR: tempDir(), REAP_SEED: 'demo' }, clock);
    await reap.store.putSurveyResults([
      {
        id: 's1',
        year: 2021,
        departmentId: 'MHD',
        question: 'I belong here',
        group: 'Black',
        respondents: 60,
        value: 70,
      },
      {
        id: 's2',
        year: 2021,
        departmentId: 'MHD',
        question: 'I belong here',
        group: 'Asian',
        respondents: 3,
        value: 90,
      },
      {
        id: 's3',
        year: 2021,
        departmentId: 'MHD',
        question: 'I belong here',
        group: 'White',
        respondents: 80,
        value: 75,
      },
    ]);
    await reap.store.addFocusGroup({
      id: 'f1',
      heldOn: '2021-04-01',
      topic: 'Promotion',
      participants: 9,
    });
    names = (await reap.store.listPeople()).map((p) => p.displayName);
  });
  afterAll(async () => {
    await reap?.close();
  });

  it('publishes HTML with no person named, the survey suppressed, and the figures of the Progress tab', async () => {
    const res = await get('/api/public-summary.html');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(htmlProblems(html)).toEqual([]);
    expect(res.headers.get('content-security-policy')).toContain(
      `style-src ${styleHashSource(html)}`,
    );
    const text = visibleText(html);
    expect(namesIn(text, names)).toEqual([]);
    expect(namesIn(html, names)).toEqual([]);
    const citywide = (await (await get('/api/progress/citywide')).json()) as CitywideProgress;
    for (const d of citywide.departments) expect(text).toContain(d.name);
    expect(text).toContain(citywide.totals.employees.toLocaleString('en-US'));
    expect(text).toContain('not shown'); // the Asian group of 3, and its complement
    expect(text).not.toMatch(/90 \(n = 3\)/);
    expect(text).not.toContain('Promotion'); // focus groups only as a count
  });

  it('publishes CSV in long form: department-level figures, suppression applied, no names, no formulas', async () => {
    const res = await get('/api/public-summary.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="reap-public-summary.csv"',
    );
    const csv = await res.text();
    expect(namesIn(csv, names)).toEqual([]);
    const [header, ...rows] = parseCsv(csv).map((r) => r.fields);
    expect(header).toEqual(['area', 'department', 'measure', 'value']);
    const citywide = (await (await get('/api/progress/citywide')).json()) as CitywideProgress;
    expect(rows).toContainEqual([
      'progress',
      'Citywide',
      'employees',
      String(citywide.totals.employees),
    ]);
    const mhd = citywide.departments.find((d) => d.departmentId === 'MHD');
    expect(rows).toContainEqual(['progress', mhd?.name, 'staff', String(mhd?.headcount)]);
    expect(rows).toContainEqual(['survey', mhd?.name, '2021: I belong here: Asian', 'not shown']);
    expect(
      rows
        .filter((r) => r[0] === 'survey' && /^\d/.test(r[3] ?? ''))
        .every((r) => !/n = [0-9]\)/.test(r[3] ?? '')),
    ).toBe(true);
    expect(rows.every((r) => r.every((cell) => !/^[=+\-@]/.test(cell)))).toBe(true);
  });

  it('is for the Equity Officer, who publishes it', async () => {
    expect((await get('/api/public-summary.html', DEMO_PERSONAS.lead.id)).status).toBe(403);
    expect((await get('/api/public-summary.csv', DEMO_PERSONAS.employee.id)).status).toBe(403);
  });
});
