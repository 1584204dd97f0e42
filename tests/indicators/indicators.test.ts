import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startReap, type RunningReap } from '../../src/server/start';
import { DEMO_PERSONAS, planSeed } from '../../src/services/demo/demo-city';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import type { IndicatorsResponse } from '../../src/tab/api/api-types';
import { tempDir } from '../support/temp-dir';
import { DEMO_SOURCE } from '../../src/services/demo/demo-accountability';

// Indicator series: a CSV imported all or nothing (each bad row named by its line), over the API
// and from the command line, and read back as trends and gaps between groups.

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'src', 'cli', 'import-indicators.js');
const clock = { now: () => new Date('2021-12-31T15:00:00.000Z') };

const HEADER = 'indicator,group,place,year,value,source';
const IMR = 'Infant mortality per 1,000 live births';
const GOOD = [
  HEADER,
  `"${IMR}",Black,Milwaukee,2018,15.1,"Wisconsin DHS, WISH"`,
  `"${IMR}",Black,Milwaukee,2019,14.2,"Wisconsin DHS, WISH"`,
  `"${IMR}",White,Milwaukee,2018,4.9,"Wisconsin DHS, WISH"`,
  `"${IMR}",White,Milwaukee,2019,4.3,"Wisconsin DHS, WISH"`,
  `"${IMR}",Hispanic,Milwaukee,2019,6.0,"Wisconsin DHS, WISH"`,
  `Uninsured adults (%),Black,Milwaukee,2019,14.8,US Census ACS`,
  `Uninsured adults (%),White,Milwaukee,2019,6.1,US Census ACS`,
].join('\r\n');

/** One row of each mistake, on lines 3 to 10. */
const BAD = [
  HEADER,
  `"${IMR}",Black,Milwaukee,2018,15.1,WISH`,
  `"${IMR}",Black,Milwaukee,twenty,15.1,WISH`,
  `"${IMR}",Black,Milwaukee,1850,15.1,WISH`,
  `"${IMR}",Black,Milwaukee,2019,12%,WISH`,
  `"${IMR}",Black,,2020,15.1,WISH`,
  `"${'x'.repeat(121)}",Black,Milwaukee,2019,15.1,WISH`,
  `"${IMR}",Black,Milwaukee,2018,15.3,WISH`,
  `"${IMR}",Black,Milwaukee,2019.5,15.1,WISH`,
  `"${IMR}",Black,Milwaukee,2019`,
].join('\n');

describe('indicator series over the API', () => {
  let reap: RunningReap;
  const upload = (body: string, init: { type?: string; personId?: string; query?: string } = {}) =>
    fetch(`${reap.url}/api/indicators/import${init.query ?? ''}`, {
      method: 'POST',
      headers: {
        'x-reap-local-person': init.personId ?? DEMO_PERSONAS.officer.id,
        'content-type': init.type ?? 'text/csv',
      },
      body,
    });

  beforeAll(async () => {
    reap = await startReap({ PORT: '0', DATA_DIR: tempDir(), REAP_SEED: 'demo' }, clock);
  });
  /** What imports stored: the demo city comes with series of its own, labelled synthetic. */
  const imported = async () =>
    (await reap.store.listIndicatorPoints()).filter((p) => p.source !== DEMO_SOURCE);
  afterAll(async () => {
    await reap?.close();
  });

  it('refuses a file with bad rows, names every bad line and imports nothing', async () => {
    const res = await upload(BAD);
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      message: string;
      errors: Array<{ line: number; field: string; rule: string; message: string }>;
    };
    expect(body.message).toBe('8 bad rows of 9; nothing was imported.');
    expect(body.errors.map((e) => [e.line, e.field, e.rule])).toEqual([
      [3, 'year', 'whole-number'],
      [4, 'year', 'range'],
      [5, 'value', 'number'],
      [6, 'place', 'required'],
      [7, 'indicator', 'max'],
      [8, 'row', 'unique'],
      [9, 'year', 'whole-number'],
      [10, 'row', 'columns'],
    ]);
    expect(body.errors[2]?.message).toBe('"12%" is not a number (write 12.5, not 12.5%)');
    expect(body.errors[5]?.message).toContain('repeats line 2');
    expect(await imported()).toEqual([]);
  });

  it('checks a dry run without writing, then imports a good file with place and source', async () => {
    const dry = await upload(GOOD, { query: '?dryRun=true' });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ ok: true, dryRun: true, imported: 7 });
    expect(await imported()).toEqual([]);

    const res = await upload(JSON.stringify({ csv: GOOD }), { type: 'application/json' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      ok: true,
      imported: 7,
      replaced: 0,
      indicators: [IMR, 'Uninsured adults (%)'],
    });
    expect(await reap.store.listIndicatorPoints(IMR)).toContainEqual({
      indicator: IMR,
      group: 'Black',
      place: 'Milwaukee',
      year: 2019,
      value: 14.2,
      source: 'Wisconsin DHS, WISH',
    });
    // The same file again replaces the points; it adds none.
    expect(await (await upload(GOOD)).json()).toMatchObject({ imported: 7, replaced: 7 });
    expect(await imported()).toHaveLength(7);
    const audit = await reap.store.listAudit({ recordType: 'indicator' });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      action: 'indicators.import',
      actorId: DEMO_PERSONAS.officer.id,
    });
  });

  it('serves the series by indicator and place, with trends and the gap between groups per year', async () => {
    const res = await fetch(`${reap.url}/api/indicators`, {
      headers: { 'x-reap-local-person': DEMO_PERSONAS.employee.id },
    });
    expect(res.status).toBe(200);
    const { indicators } = (await res.json()) as IndicatorsResponse;
    const names = indicators.map((i) => i.indicator);
    expect(names.filter((n) => !n.endsWith('(demo)'))).toEqual([IMR, 'Uninsured adults (%)']);
    const milwaukee = indicators.find((i) => i.indicator === IMR)?.places[0];
    expect(milwaukee?.sources).toEqual(['Wisconsin DHS, WISH']);
    expect(milwaukee?.series.find((s) => s.group === 'Black')?.trend).toMatchObject({
      direction: 'down',
      change: -0.9,
    });
    expect(milwaukee?.gaps.find((g) => g.year === 2019)).toEqual({
      year: 2019,
      groups: 3,
      highest: { group: 'Black', value: 14.2 },
      lowest: { group: 'White', value: 4.3 },
      gap: 9.9,
      ratio: 3.3,
    });
  });

  it("lets the officer and the Health Department's leads and Ambassadors import, nobody else", async () => {
    const members = await reap.store.listMembers();
    const of = (departmentId: string, role: string) =>
      members.find((m) => m.departmentId === departmentId && m.role === role)?.personId ?? '';
    expect((await upload(GOOD, { personId: DEMO_PERSONAS.lead.id })).status).toBe(201); // MHD lead
    expect((await upload(GOOD, { personId: of('MHD', 'ambassador') })).status).toBe(201);
    expect((await upload(GOOD, { personId: of('MPL', 'lead') })).status).toBe(403);
    expect((await upload(GOOD, { personId: DEMO_PERSONAS.employee.id })).status).toBe(403);
    // The read says so too, so the tab offers the import to exactly these people.
    const canImport = async (personId: string) =>
      (
        (await (
          await fetch(`${reap.url}/api/indicators`, {
            headers: { 'x-reap-local-person': personId },
          })
        ).json()) as IndicatorsResponse
      ).canImport;
    expect(await canImport(DEMO_PERSONAS.officer.id)).toBe(true);
    expect(await canImport(DEMO_PERSONAS.lead.id)).toBe(true);
    expect(await canImport(of('MHD', 'ambassador'))).toBe(true);
    expect(await canImport(of('MPL', 'lead'))).toBe(false);
    expect(await canImport(DEMO_PERSONAS.employee.id)).toBe(false);
  });
});

describe('npm run indicators:import (the built command line)', () => {
  let dir: string;

  beforeAll(() => {
    if (!fs.existsSync(cli)) throw new Error('dist is not built: run "npm run build:server"');
  });
  beforeEach(async () => {
    dir = tempDir();
    const store = new SqliteStore(path.join(dir, 'reap.sqlite'));
    await store.putPlan(planSeed());
    await store.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dir },
      encoding: 'utf8',
      timeout: 60_000,
    });
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const stored = async () => {
    const store = new SqliteStore(path.join(dir, 'reap.sqlite'));
    try {
      return await store.listIndicatorPoints();
    } finally {
      await store.close();
    }
  };

  it('refuses a file with a bad row, names the line, exits 1 and imports nothing', async () => {
    const r = run('--file', file('bad.csv', BAD));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bad.csv: 8 bad rows of 9; nothing was imported');
    expect(r.stderr).toContain('line 3: year: whole-number: "twenty" is not a whole number');
    expect(r.stderr).toContain('line 8: row: unique: repeats line 2');
    expect(await stored()).toEqual([]);
  });

  it('checks a good file with --dry-run, then imports it into the store npm start opens', async () => {
    const good = file('good.csv', GOOD);
    const dry = run('--file', good, '--dry-run');
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('dry run: 7 rows of 2 indicators');
    expect(await stored()).toEqual([]);
    const r = run('--file', good);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`into SQLite in ${dir}`);
    expect(r.stdout).toContain('7 points imported, 0 of them replacing stored ones');
    expect(await stored()).toHaveLength(7);
  });
});
