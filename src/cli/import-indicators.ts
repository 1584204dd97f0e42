import '../server/quiet-deprecations';
import { commandArgs } from './command-args';
import { describeStore } from '../config/config';
import { commandConfig, readCommandFile } from './command-input';
import { openStore } from '../server/start';
import { clockStartingOn, systemClock } from '../services/clock';
import { formatLineError } from '../services/indicators/csv-table';
import {
  INDICATOR_CSV_COLUMNS,
  IndicatorService,
  MAX_INDICATOR_ROWS,
} from '../services/indicators/indicator-service';

const USAGE = `usage: npm run indicators:import -- --file PATH [--dry-run] [--by EMPLOYEE_NUMBER]

Imports an indicator series (e.g. the Health Department's rates by race and ethnicity) into the
store npm start uses (the same DATA_DIR or SHAREPOINT_SITE_URL). The file has a header row and the
columns ${INDICATOR_CSV_COLUMNS.join(',')} (year a whole number, value a plain number such as 14.2).
A file with any bad row imports nothing. A point already stored for the same indicator, group,
place and year is replaced.
  --file PATH             the CSV file (at most ${MAX_INDICATOR_ROWS.toLocaleString('en-US')} rows)
  --dry-run               check the file and count what would be imported; write nothing
  --by EMPLOYEE_NUMBER    the person responsible for the import, for the audit log (default: system)`;

/** Larger than any indicator file (100,000 rows take about 10 MB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

const n = (value: number) => value.toLocaleString('en-US');

function fail(message: string): void {
  console.error(`indicators: ${message}`);
  process.exitCode = 1;
}

/** `npm run indicators:import -- --file PATH [--dry-run]`: all or nothing, each bad row named. */
async function main(): Promise<void> {
  const args = commandArgs(
    'indicators',
    USAGE,
    {
      file: { type: 'string' },
      by: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    ['file'],
  );
  if (!args?.file) return;
  const config = commandConfig(fail);
  if (!config) return;
  const text = readCommandFile(args.file, MAX_FILE_BYTES, 'an indicator CSV', fail);
  if (text === undefined) return;
  const where = describeStore(config);
  const dryRun = args['dry-run'];
  console.log(`indicators: ${args.file} into ${where}${dryRun ? ' (dry run)' : ''}`);
  const clock = config.today ? clockStartingOn(config.today) : systemClock;
  const store = openStore(config);
  try {
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
    const report = await new IndicatorService(store, clock).importCsv(text, actorId, { dryRun });
    if (!report.ok) {
      fail(
        `${args.file}: ${n(report.errors.length)} bad row${report.errors.length === 1 ? '' : 's'} of ${n(report.rows)}; nothing was imported`,
      );
      for (const error of report.errors) console.error(formatLineError(error));
      return;
    }
    const what = `${n(report.rows)} rows of ${report.indicators.length === 1 ? '1 indicator' : `${n(report.indicators.length)} indicators`} (${report.indicators.join('; ')})`;
    console.log(
      dryRun
        ? `indicators: dry run: ${what}: ${n(report.imported)} points would be imported, ${n(report.replaced)} of them replacing stored ones; nothing was written`
        : `indicators: ${what}: ${n(report.imported)} points imported, ${n(report.replaced)} of them replacing stored ones`,
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error('indicators: failed:', error);
  process.exitCode = 1;
});
