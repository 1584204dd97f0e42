import '../server/quiet-deprecations';
import { commandArgs } from './command-args';
import { describeStore } from '../config/config';
import { commandConfig, readCommandFile } from './command-input';
import { ValidationError } from '../domain';
import { openStore } from '../server/start';
import {
  AttendanceService,
  ATTENDANCE_CSV_COLUMNS,
  formatLineError,
} from '../services/attendance-service';
import { systemClock } from '../services/clock';
import type { PlanStore } from '../store/plan-store';

const USAGE = `usage: npm run attendance:import -- --file PATH --by EMPLOYEE_NUMBER [--dry-run]

Imports the completions of an attendance CSV from the learning system into the store npm start
uses (the same DATA_DIR or SHAREPOINT_SITE_URL). The file has a header row and the columns
${ATTENDANCE_CSV_COLUMNS.join(',')} (training by id or exact title, dates YYYY-MM-DD).
  --file PATH             the CSV file
  --by EMPLOYEE_NUMBER    the person on the roster responsible for the import (named in the audit log)
  --dry-run               check the file and count what would be recorded; write nothing`;

/** Files larger than this are not attendance sheets (20,000 rows take well under 1 MB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Rows above which the import prints progress lines. */
const LARGE_FILE_ROWS = 1_000;

const n = (value: number) => value.toLocaleString('en-US');

function fail(message: string): void {
  console.error(`attendance: ${message}`);
  process.exitCode = 1;
}

/**
 * `npm run attendance:import -- --file PATH --by EMPLOYEE_NUMBER [--dry-run]`: the attendance CSV
 * of the city's learning system, under the same rules as the attendance card. A file with any bad
 * row imports nothing and exits 1 with one line per bad row.
 */
async function main(): Promise<void> {
  const args = commandArgs(
    'attendance',
    USAGE,
    {
      file: { type: 'string' },
      by: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    ['file', 'by'],
  );
  if (!args?.file || !args.by) return;

  const config = commandConfig(fail);
  if (!config) return;
  const text = readCommandFile(args.file, MAX_FILE_BYTES, 'an attendance CSV', fail);
  if (text === undefined) return;

  const where = describeStore(config);
  console.log(`attendance: ${args.file} into ${where}${args['dry-run'] ? ' (dry run)' : ''}`);
  const store = openStore(config);
  try {
    await importFile(store, text, { file: args.file, by: args.by, dryRun: args['dry-run'] });
  } finally {
    await store.close();
  }
}

async function importFile(
  store: PlanStore,
  text: string,
  options: { file: string; by: string; dryRun: boolean },
): Promise<void> {
  if (await store.isEmpty()) {
    fail('the store is empty: start reap once (npm start) to seed it, or check DATA_DIR');
    return;
  }
  const by =
    (await store.getPerson(options.by)) ?? (await store.getPerson(options.by.toUpperCase()));
  if (!by) {
    fail(`--by: ${options.by} is not an employee number on the roster`);
    return;
  }
  const service = new AttendanceService(store, systemClock);
  let report;
  try {
    report = await service.importAttendanceCsv(text, by.id, {
      dryRun: options.dryRun,
      onProgress: ({ phase, done, total }) => {
        if (total < LARGE_FILE_ROWS) return;
        console.log(
          phase === 'validating'
            ? `attendance: checked ${n(done)} of ${n(total)} rows`
            : `attendance: writing ${n(total)} completions`,
        );
      },
    });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    fail(error.message);
    return;
  }
  if (!report.ok) {
    fail(
      `${options.file}: ${n(report.errors.length)} bad row${report.errors.length === 1 ? '' : 's'} of ${n(report.rows)}; nothing was imported`,
    );
    for (const error of report.errors) console.error(formatLineError(error));
    return;
  }
  const { rows, recorded, alreadyRecorded } = report;
  console.log(
    report.dryRun
      ? `attendance: dry run: ${n(rows)} rows: ${n(recorded)} would be recorded, ${n(alreadyRecorded)} already recorded; nothing was written`
      : `attendance: ${n(rows)} rows: ${n(recorded)} recorded, ${n(alreadyRecorded)} already recorded (by ${by.id}, ${by.displayName})`,
  );
}

main().catch((error: unknown) => {
  console.error('attendance: failed:', error);
  process.exitCode = 1;
});
