import '../server/quiet-deprecations';
import { commandArgs } from './command-args';
import fs from 'node:fs';
import path from 'node:path';
import { describeStore } from '../config/config';
import { commandConfig } from './command-input';
import { ValidationError } from '../domain';
import { openStore } from '../server/start';
import { clockStartingOn, systemClock } from '../services/clock';
import { ProgressService } from '../services/progress-service';
import { AnnualReportService, reportFileName } from '../services/report/annual-report-service';
import {
  publicSummaryCsv,
  publicSummaryDocument,
  publicSummaryFileName,
} from '../services/report/public-summary';
import { renderReportHtml } from '../services/report/report-html';
import { reportLibraryFor } from '../services/report/report-library';
import { day, n } from '../services/report/report-text';
import { SurveyService } from '../services/survey/survey-service';

const USAGE = `usage: npm run report -- --year YEAR --out DIR [--public] [--by EMPLOYEE_NUMBER]

Compiles the annual report of YEAR from the store npm start uses (the same DATA_DIR or
SHAREPOINT_SITE_URL), keeps it there (and, on SharePoint, saves the Word file to the site's
documents), and writes reap-annual-report-YEAR.docx and .html into DIR.
  --year YEAR             the year, e.g. 2021 (figures as of its last day, or today while it runs)
  --out DIR               the folder to write to (created when missing)
  --public                also write the public summary (reap-public-summary.html and .csv)
  --by EMPLOYEE_NUMBER    the person compiling, for the audit log (default: system)`;

function fail(message: string): void {
  console.error(`report: ${message}`);
  process.exitCode = 1;
}

const kb = (bytes: number) => `${n(Math.max(1, Math.round(bytes / 1024)))} KB`;

/** `npm run report -- --year 2021 --out DIR [--public]`. */
async function main(): Promise<void> {
  const args = commandArgs(
    'report',
    USAGE,
    {
      year: { type: 'string' },
      out: { type: 'string' },
      public: { type: 'boolean', default: false },
      by: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    ['year', 'out'],
  );
  if (!args?.year || !args.out) return;
  if (!/^\d{4}$/.test(args.year)) {
    console.error(`report: --year: ${args.year} is not a year (e.g. 2021)\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const config = commandConfig(fail);
  if (!config) return;
  const clock = config.today ? clockStartingOn(config.today) : systemClock;
  const year = Number(args.year);
  const out = path.resolve(args.out);
  const where = describeStore(config);
  const store = openStore(config);
  try {
    if (await store.isEmpty()) {
      fail('the store is empty: start reap once (npm start) to seed it, or check DATA_DIR');
      return;
    }
    let actorId = 'system';
    if (args.by) {
      const person =
        (await store.getPerson(args.by)) ?? (await store.getPerson(args.by.toUpperCase()));
      if (!person) {
        fail(`--by: ${args.by} is not an employee number on the roster`);
        return;
      }
      actorId = person.id;
    }
    const reports = new AnnualReportService(store, config.plan, clock, reportLibraryFor(store));
    console.log(`report: compiling ${year} from ${where}`);
    let compiled;
    try {
      compiled = await reports.compile(year, actorId);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      fail(error.message);
      return;
    }
    const { report, library } = compiled;
    const t = report.summary.totals;
    console.log(
      `report: figures as of ${day(report.asOf)}${report.yearComplete ? '' : ' (the year is still running)'}: ${n(t.departments)} departments, ${n(t.employees)} employees`,
    );
    console.log(
      `report: ${n(t.reltFormed)} ${report.plan.terms.leadershipTeamShort} formed, ${n(t.visionAdopted)} visions adopted, ${n(t.toolkit.newAnalysed + t.toolkit.existingAnalysed)} toolkit analyses accepted (${n(t.toolkit.existingAnalysed)} of existing policies), ${n(t.impactStatements)} ${report.plan.terms.impactStatementShort} guided, ${n(t.toolkitTraining.percent)}% of ${report.plan.terms.leadershipTeamShort} and managers trained in the toolkit`,
    );
    if (library?.saved) {
      console.log(`report: saved to the site's documents: ${library.webUrl ?? library.fileName}`);
    } else if (library) {
      fail(`saving to the site's documents failed (${library.message})`);
    }
    fs.mkdirSync(out, { recursive: true });
    const write = (name: string, bytes: Buffer | string) => {
      const file = path.join(out, name);
      fs.writeFileSync(file, bytes);
      console.log(`report: wrote ${file} (${kb(Buffer.byteLength(bytes))})`);
    };
    write(reportFileName(year, 'docx'), await reports.docx(report));
    write(reportFileName(year, 'html'), reports.html(report));
    if (args.public) {
      const input = {
        progress: await new ProgressService(store, config.plan, clock).citywide(),
        survey: await new SurveyService(store, config.plan, clock).suppressed(),
      };
      write(publicSummaryFileName('html'), renderReportHtml(publicSummaryDocument(input)));
      write(publicSummaryFileName('csv'), publicSummaryCsv(input));
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error('report: failed:', error);
  process.exitCode = 1;
});
