import '../server/quiet-deprecations';
import fs from 'node:fs';
import path from 'node:path';
import { describeStore, type Config } from '../config/config';
import { commandConfig, readCommandFile } from './command-input';
import { isActive } from '../domain';
import { openStore } from '../server/start';
import { formatLineError } from '../services/attendance-service';
import { systemClock } from '../services/clock';
import {
  DirectoryError,
  EntraDirectory,
  RosterMappingError,
  RosterSync,
  parseRosterMapping,
  ROSTER_CSV_COLUMNS,
  ROSTER_CSV_OPTIONAL_COLUMNS,
  type FullReadReason,
  type NameCount,
  type PersonChange,
  type RosterMapping,
  type RosterPlan,
} from '../services/roster';
import { createGraphClient } from '../store/sharepoint/graph-client';
import { GraphError } from '../store/sharepoint/graph-error';
import type { PlanStore } from '../store/plan-store';
import { commandArgs } from './command-args';

const MAPPING_FILE = 'roster-mapping.json';

const USAGE = `usage: npm run roster:sync -- [--apply] [--mapping FILE] [--csv FILE] [--full]

Brings the roster of the store npm start uses (the same DATA_DIR or SHAREPOINT_SITE_URL) in line
with Entra ID, or with a roster file. Dry run by default: prints what it would change and
changes nothing. People who left are kept with their history, marked inactive.
  --apply          apply the changes (in batches, with a progress bar on stderr)
  --dry-run        print the changes only (the default)
  --mapping FILE   the mapping of departments and tiers (default ./${MAPPING_FILE}; start from
                   roster-mapping.example.json)
  --csv FILE       read a roster file instead of Entra ID: a header row and the columns
                   ${ROSTER_CSV_COLUMNS.join(',')}
                   (optional: ${ROSTER_CSV_OPTIONAL_COLUMNS.join(', ')}); the file is the whole staff
  --full           read the whole directory even when its changes since the last sync would do
  --allow-many-leavers  apply even when more than a tenth of the active staff would leave`;

/** A roster file larger than this is not a city's staff (50,000 rows take about 5 MB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** People listed by name per kind of change; the counts are always complete. */
const LISTED = 10;
/** Leavers above which `--apply` asks for `--allow-many-leavers`: a tenth of the active staff. */
const MANY_LEAVERS_SHARE = 0.1;
/** ...but never fewer than this many: a small roster may lose a few people at once. */
const MANY_LEAVERS_MIN = 10;

const n = (value: number) => value.toLocaleString('en-US');
const say = (line: string) => console.log(`roster: ${line}`);

function fail(message: string): void {
  console.error(`roster: ${message}`);
  process.exitCode = 1;
}

const WHY_FULL: Record<FullReadReason, string> = {
  first: 'the first sync',
  asked: '--full',
  'mapping-changed': 'the mapping changed since the last sync',
  'manager-depth': 'tiers by manager depth need the whole manager chain',
  'delta-expired': 'the last sync is older than the directory keeps changes (7 days)',
};

const FIELD_NAMES: Record<string, string> = {
  displayName: 'name',
  upn: 'user principal name',
  departmentId: 'department',
  jobTitle: 'job title',
  tier: 'tier',
  aadObjectId: 'Entra account',
};

/**
 * A progress bar on stderr: one line redrawn in place on a terminal; on a pipe or a log, a line
 * at every tenth of the way, so CI logs stay short.
 */
function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  let shownTenth = -1;
  return (done: number, total: number) => {
    if (total === 0) return;
    const share = done / total;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(width * share);
      stream.write(
        `\rroster: [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${n(done)} of ${n(total)} people (${Math.floor(share * 100)}%)`,
      );
      if (done === total) stream.write('\n');
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth > shownTenth) {
      shownTenth = tenth;
      stream.write(
        `roster: written ${n(done)} of ${n(total)} people (${Math.floor(share * 100)}%)\n`,
      );
    }
  };
}

function listCounts(title: string, counts: NameCount[], max = 20): void {
  if (counts.length === 0) return;
  say(title);
  for (const c of counts.slice(0, max)) {
    say(`  ${c.name.startsWith('(') ? c.name : `"${c.name}"`}: ${n(c.people)}`);
  }
  if (counts.length > max) say(`  … and ${n(counts.length - max)} more`);
}

function describe(change: PersonChange): string {
  const { before, after } = change;
  const what = change.fields.map(
    (f) => `${FIELD_NAMES[f] ?? f} ${String(before[f])} → ${String(after[f])}`,
  );
  return `${before.id} ${after.displayName}${what.length ? `: ${what.join(', ')}` : ''}`;
}

function listPeople(title: string, lines: string[]): void {
  if (lines.length === 0) return;
  say(`${title}${lines.length > LISTED ? ` (the first ${LISTED})` : ''}:`);
  for (const line of lines.slice(0, LISTED)) say(`  ${line}`);
}

/** The plan, as the admin reads it before applying. */
function report(plan: RosterPlan, mappingFile: string): void {
  say(
    `${n(plan.added.length)} new, ${n(plan.changed.length)} changed, ${n(plan.left.length)} left (to mark inactive), ${n(plan.returned.length)} returned, ${n(plan.unchanged)} unchanged`,
  );
  const fields = new Map<string, number>();
  for (const c of plan.changed) {
    for (const f of c.fields) fields.set(f, (fields.get(f) ?? 0) + 1);
  }
  if (fields.size > 0) {
    say(
      `changed fields: ${[...fields.entries()].map(([f, count]) => `${FIELD_NAMES[f] ?? f} ${n(count)}`).join(', ')}`,
    );
  }
  listPeople(
    'new',
    plan.added.map(
      (p) => `${p.id} ${p.displayName} (${p.departmentId}, ${p.tier}, "${p.jobTitle}")`,
    ),
  );
  listPeople('changed', plan.changed.map(describe));
  listPeople(
    'left',
    plan.left.map((c) => `${c.before.id} ${c.before.displayName} (${c.before.departmentId})`),
  );
  listPeople('returned', plan.returned.map(describe));
  listCounts(
    `departments the mapping does not name; their people are left out (add them to "departments" of ${mappingFile}):`,
    plan.unmappedDepartments,
  );
  listCounts(
    `job titles no tier rule places; their people are left out (add a pattern to "tiers.byJobTitle" or a "default" in ${mappingFile}):`,
    plan.unmappedTitles,
  );
  listCounts(
    "job titles no pattern matched, given the default tier (check none is a manager's):",
    plan.defaultedTitles,
    10,
  );
  if (plan.skipped.length > 0) {
    say(`left out (${n(plan.skipped.length)}):`);
    for (const s of plan.skipped.slice(0, 20)) say(`  ${s.source}: ${s.reason}`);
    if (plan.skipped.length > 20) say(`  … and ${n(plan.skipped.length - 20)} more`);
  }
  if (plan.disabledIgnored > 0) {
    say(
      `${n(plan.disabledIgnored)} disabled account${plan.disabledIgnored === 1 ? '' : 's'} not on the roster ignored`,
    );
  }
}

function readMapping(file: string, departments: Parameters<typeof parseRosterMapping>[1]) {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      fail(
        `no mapping file ${file}: copy roster-mapping.example.json to ${MAPPING_FILE}, name your directory's departments and job titles in it, and run again (or pass --mapping FILE)`,
      );
    } else fail(`cannot read the mapping ${file} as JSON (${code ?? (error as Error).message})`);
    return undefined;
  }
  try {
    return parseRosterMapping(json, departments);
  } catch (error) {
    if (!(error instanceof RosterMappingError)) throw error;
    fail(`the mapping ${file} is not usable:`);
    for (const p of error.problems) console.error(`  ${p}`);
    return undefined;
  }
}

type Args = {
  apply: boolean;
  mapping: string;
  csv?: string;
  full: boolean;
  allowManyLeavers: boolean;
};

/**
 * `npm run roster:sync -- [--apply] [--mapping FILE] [--csv FILE] [--full]`: the roster from
 * Entra ID (User.Read.All) or from a roster file. Exit codes: 0 done (or planned), 1 a problem
 * the lines on stderr name (nothing was written), 2 wrong arguments.
 */
async function main(): Promise<void> {
  const values = commandArgs('roster', USAGE, {
    apply: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    mapping: { type: 'string' },
    csv: { type: 'string' },
    full: { type: 'boolean', default: false },
    'allow-many-leavers': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  });
  if (!values) return;
  if (values.apply && values['dry-run']) {
    console.error(`roster: --apply and --dry-run exclude each other\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (values.csv && values.full) {
    console.error(
      `roster: --full reads the directory; a roster file is always read whole\n\n${USAGE}`,
    );
    process.exitCode = 2;
    return;
  }
  const config = commandConfig(fail);
  if (!config) return;
  const args: Args = {
    apply: values.apply,
    mapping: values.mapping ?? MAPPING_FILE,
    ...(values.csv ? { csv: values.csv } : {}),
    full: values.full,
    allowManyLeavers: values['allow-many-leavers'],
  };
  if (!args.csv && !config.sharepoint) {
    fail(
      'reading Entra ID needs the app\'s Graph identity: set SHAREPOINT_SITE_URL, GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET (or GRAPH_CERTIFICATE_PATH and GRAPH_CERTIFICATE_THUMBPRINT) as "Run against your tenant" in the README says; or import a roster file with --csv FILE',
    );
    return;
  }
  const store = openStore(config);
  try {
    await run(store, config, args);
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    fail(`failed: ${error.message}`);
    if (error instanceof DirectoryError && (error.status === 401 || error.status === 403)) {
      fail(
        'the app registration needs the Microsoft Graph application permission User.Read.All, with admin consent (README, "Roster")',
      );
    } else if (args.apply) {
      fail('what was written stays written; run the same command again to complete it');
    }
  } finally {
    await store.close();
  }
}

async function run(store: PlanStore, config: Config, args: Args): Promise<void> {
  if (await store.isEmpty()) {
    fail('the store is empty: start reap once (npm start) to seed the plan, or check DATA_DIR');
    return;
  }
  const mapping = readMapping(args.mapping, await store.listDepartments());
  if (!mapping) return;
  const where = describeStore(config);
  const from = args.csv
    ? `the roster file ${args.csv}`
    : `Entra ID (tenant ${config.sharepoint?.tenantId})`;
  say(`${from} into ${where}${args.apply ? '' : ' (dry run)'}; mapping ${args.mapping}`);
  const sync = new RosterSync(store, mapping, systemClock);
  const started = Date.now();

  let planned;
  if (args.csv) {
    planned = await planFile(sync, args.csv);
  } else {
    planned = await planDirectory(sync, config, mapping, args.full);
  }
  if (!planned) return;
  const { plan, state } = planned;
  report(plan, args.mapping);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  if (!args.apply) {
    say(
      `dry run (${seconds(Date.now() - started)}): nothing was changed; run again with --apply to apply it`,
    );
    return;
  }
  const active = (await store.listPeople()).filter(isActive).length;
  if (
    !args.allowManyLeavers &&
    plan.left.length > MANY_LEAVERS_MIN &&
    plan.left.length > active * MANY_LEAVERS_SHARE
  ) {
    fail(
      `not applied: ${n(plan.left.length)} of ${n(active)} active people would be marked as left; check the mapping and the ${args.csv ? 'file' : 'directory'}, and pass --allow-many-leavers if that is right`,
    );
    return;
  }
  const applying = Date.now();
  const written = await sync.apply(plan, {
    source: args.csv ? `csv:${path.basename(args.csv)}` : 'entra',
    onProgress: progressBar(),
    ...(state ? { state } : {}),
  });
  say(
    `applied: ${n(plan.added.length)} new, ${n(plan.changed.length)} changed, ${n(plan.left.length)} marked as left, ${n(plan.returned.length)} returned (${n(written)} people written in ${seconds(Date.now() - applying)})`,
  );
}

async function planFile(sync: RosterSync, file: string) {
  const text = readCommandFile(file, MAX_FILE_BYTES, 'a roster file', fail);
  if (text === undefined) return undefined;
  const planned = await sync.planFromCsv(text);
  if (!planned.ok) {
    fail(
      `${file}: ${n(planned.errors.length)} bad row${planned.errors.length === 1 ? '' : 's'} of ${n(planned.rows)}; nothing was applied`,
    );
    for (const error of planned.errors) console.error(formatLineError(error));
    return undefined;
  }
  say(`read ${n(planned.rows)} rows`);
  return { plan: planned.plan, state: undefined };
}

async function planDirectory(
  sync: RosterSync,
  config: Config,
  mapping: RosterMapping,
  full: boolean,
) {
  if (!config.sharepoint) return undefined;
  const directory = new EntraDirectory(
    createGraphClient(config.sharepoint),
    config.sharepoint.graphEndpoint,
  );
  const planned = await sync.planFromDirectory(directory, { full });
  const { read } = planned;
  const requests = `${n(read.requests)} request${read.requests === 1 ? '' : 's'}`;
  if (read.mode === 'full') {
    say(
      `read ${n(read.users)} users in ${requests} (the whole directory: ${WHY_FULL[planned.fullReadReason ?? 'first']})`,
    );
  } else {
    const changes = read.users + read.removed.length;
    say(
      `read ${n(changes)} change${changes === 1 ? '' : 's'} since the last sync in ${requests} (delta)`,
    );
  }
  if (mapping.employeeNumber === undefined) {
    say('the mapping names no employee number property: new people get ids from their object ids');
  }
  return { plan: planned.plan, state: planned.state };
}

main().catch((error: unknown) => {
  console.error('roster: failed:', error);
  process.exitCode = 1;
});
