import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { seedDemoCity } from '../../src/services/demo/demo-city';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store';
import { tempDir } from '../support/temp-dir';
import { htmlProblems, readDocx } from './document-checks';

// `npm run report` as the built command line, run as a child process against the SQLite file
// `npm start` would open (a demo city), on a day after the plan ended.

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'src', 'cli', 'report.js');

describe('npm run report (the built command line)', () => {
  let dir: string;

  beforeAll(async () => {
    if (!fs.existsSync(cli)) throw new Error('dist is not built: run "npm run build:server"');
    dir = tempDir();
    const store = new SqliteStore(path.join(dir, 'reap.sqlite'));
    await seedDemoCity(store);
    await store.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dir, REAP_TODAY: '2022-01-20' },
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('writes the .docx and .html of the year into the folder, keeps the report, and says what it did', async () => {
    const out = path.join(dir, 'out');
    const r = run('--year', '2021', '--out', out, '--public');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`report: compiling 2021 from SQLite in ${dir}`);
    expect(r.stdout).toContain(
      'report: figures as of December 31, 2021: 21 departments, 6,485 employees',
    );
    expect(r.stdout).toMatch(/report: wrote .*reap-annual-report-2021\.docx \(\d+ KB\)/);
    expect(fs.readdirSync(out).sort()).toEqual([
      'reap-annual-report-2021.docx',
      'reap-annual-report-2021.html',
      'reap-public-summary.csv',
      'reap-public-summary.html',
    ]);
    const docx = readDocx(fs.readFileSync(path.join(out, 'reap-annual-report-2021.docx')));
    expect(docx.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toContain(
      'Citywide summary',
    );
    expect(
      htmlProblems(fs.readFileSync(path.join(out, 'reap-annual-report-2021.html'), 'utf8')),
    ).toEqual([]);
    const store = new SqliteStore(path.join(dir, 'reap.sqlite'));
    try {
      const kept = await store.getAnnualReport(2021);
      expect(kept?.content).toMatchObject({ year: 2021, asOf: '2021-12-31', yearComplete: true });
      expect((await store.listAudit({ recordType: 'annualReport' }))[0]?.actorId).toBe('system');
    } finally {
      await store.close();
    }
  });

  it('refuses a year not begun, and a missing --out, with a message and a non-zero exit', () => {
    const future = run('--year', '2023', '--out', path.join(dir, 'x'));
    expect(future.status).toBe(1);
    expect(future.stderr).toContain('year: must be a year from 2000 to 2022');
    const usage = run('--year', '2021');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--out is required');
  });
});
