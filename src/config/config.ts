import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { MILWAUKEE_2020_2021, type PlanSettings } from '../domain';
import { LOG_LEVELS, type LogLevel } from '../observability/log';

/** reap's whole configuration, read once at start. Nothing else reads `process.env`. */
export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** Where the built tab is served from. */
  tabDir: string;
  /** The address people open the tab at, for links in cards and the start line. */
  publicUrl: string;
  /** What an empty store is seeded with (default: the demo city locally, the plan on SharePoint). */
  seed: 'demo' | 'plan' | 'none';
  bot: BotConfig;
  tabAuth: TabAuthConfig;
  /** True when neither a bot identity nor a tab sign-in is configured. */
  localMode: boolean;
  /**
   * The date reap starts its clock on (local mode only): a demo or a training session can look at
   * the 2020–2021 plan as of a day inside it. Unset: the real date.
   */
  today?: string;
  /** The SharePoint store, when a site is configured; SQLite otherwise. */
  sharepoint?: SharePointConfig;
  /** Entra object ids of people who act as Equity Officer. */
  officerObjectIds: string[];
  /** The app role (in the SSO token's `roles`) that makes a person Equity Officer. */
  officerAppRole: string;
  /** An Entra group (in the SSO token's `groups`) whose members act as Equity Officer. */
  officerGroupId?: string;
  /** Requests per identity to `/api/*` (not the bot endpoint): a token bucket. */
  rateLimit: { perMinute: number; burst: number };
  campaign: CampaignConfig;
  plan: PlanSettings;
  /**
   * Azure Storage shared by several instances (the send queue, conversation references, the
   * lease that makes one instance the sender); unset: the local queue, one instance.
   */
  azureStorage?: { connectionString: string };
  /** This instance's name, for the lease: INSTANCE_ID, or the host name and process id. */
  instanceId: string;
  /** Logs and traces. */
  operations: OperationsConfig;
};

/** What operators see: the log level, and Application Insights when configured. */
export type OperationsConfig = {
  logLevel: LogLevel;
  /** Application Insights' connection string; traces are exported there when set. */
  appInsightsConnectionString?: string;
};

/** How reminder campaigns are sent. */
export type CampaignConfig = {
  /** Messages a second across the tenant; Teams allows about 50 per app per tenant. */
  ratePerSecond: number;
  /** Sends in flight at once; also the most a kill can leave unsure, so sent twice. */
  concurrency: number;
  /** How long a confirmation in chat waits on the store before answering from the local inbox. */
  storeWaitMs: number;
  /**
   * Installing the app for people who never opened it (Graph, app permission
   * TeamsAppInstallation.ReadWriteSelfForUser.All): the app's id in the org's catalog.
   */
  installTeamsAppId?: string;
  /** The Bot Connector address of the tenant's region, for conversations reap creates. */
  serviceUrl: string;
  /** Graph and Entra addresses for the installs (the public cloud unless GRAPH_* say otherwise). */
  graphEndpoint: string;
  graphAuthorityHost: string;
};

/** The bot's identity, and where it checks Bot Framework tokens and gets its own. */
export type BotConfig = {
  appId?: string;
  password?: string;
  tenantId?: string;
  /**
   * OpenID metadata of the Bot Framework channel tokens; Microsoft's public cloud when unset.
   * Only for sovereign clouds and tests.
   */
  openIdMetadataUrl?: string;
  /** Entra's sign-in address the bot gets its outbound tokens from (https). */
  authorityHost: string;
};

/** How the tab's Teams SSO tokens are verified. */
export type TabAuthConfig = {
  clientId?: string;
  tenantId?: string;
  /** The tab app's Application ID URI, accepted as `aud` besides the client id. */
  appIdUri?: string;
  /** Entra's sign-in address: issuer `{host}/{tenant}/v2.0`, keys `{host}/{tenant}/discovery/v2.0/keys`. */
  authorityHost: string;
};

/** Where reap's SharePoint lists live and the app-only identity that reaches them. */
export type SharePointConfig = {
  /** The site, e.g. `https://contoso.sharepoint.com/sites/reap`. */
  siteUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  certificate?: { privateKeyPath: string; thumbprint: string };
  /** Graph's base address; tests point it at the emulator. */
  graphEndpoint: string;
  /** Entra's sign-in address; tests point it at the emulator. */
  authorityHost: string;
};

/** Configuration that cannot start the app; one line per problem, each naming the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** https, or http on this machine only (tests' local emulators). */
const isAuthorityUrl = (v: string): boolean =>
  /^https:\/\/[^\s]+$/.test(v) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/[^\s]*)?$/.test(v);
const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const envSchema = z.object({
  PORT: z
    .string()
    .trim()
    .default('3978')
    .refine((v) => /^\d+$/.test(v) && Number(v) <= 65535, {
      message: 'must be a whole number from 0 to 65535',
    }),
  HOST: z.string().trim().min(1, { message: 'must not be empty' }).default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1, { message: 'must not be empty' }).default('./data'),
  TAB_DIR: optional,
  PUBLIC_URL: optional.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
    message: 'must be an http(s) URL such as https://reap.example.gov',
  }),
  REAP_TODAY: optional.refine((v) => v === undefined || z.iso.date().safeParse(v).success, {
    message: 'must be a date (YYYY-MM-DD)',
  }),
  REAP_SEED: z.enum(['demo', 'plan', 'none'], { message: 'must be demo, plan or none' }).optional(),
  BOT_ID: optional.refine((v) => v === undefined || GUID.test(v), {
    message: 'must be the bot app id, a GUID',
  }),
  BOT_PASSWORD: optional,
  BOT_TENANT_ID: optional.refine((v) => v === undefined || GUID.test(v), {
    message: 'must be a tenant id (GUID)',
  }),
  AAD_APP_CLIENT_ID: optional.refine((v) => v === undefined || GUID.test(v), {
    message: 'must be the Entra app client id, a GUID',
  }),
  AAD_APP_TENANT_ID: optional.refine((v) => v === undefined || GUID.test(v), {
    message: 'must be a tenant id (GUID)',
  }),
  EQUITY_OFFICER_OBJECT_IDS: optional.refine(
    (v) => v === undefined || v.split(',').every((id) => GUID.test(id.trim())),
    { message: 'must be a comma-separated list of Entra object ids (GUIDs)' },
  ),
  PLAN_SETTINGS_FILE: optional,
  BOT_OPENID_METADATA_URL: optional.refine((v) => v === undefined || isAuthorityUrl(v), {
    message: 'must be an https URL (http only on 127.0.0.1 or localhost)',
  }),
  BOT_AUTHORITY_HOST: z
    .string()
    .trim()
    .default('https://login.microsoftonline.com')
    .refine((v) => /^https:\/\/[^/\s]+\/?$/.test(v), {
      message: 'must be an https origin such as https://login.microsoftonline.com',
    }),
  AAD_AUTHORITY_HOST: z
    .string()
    .trim()
    .default('https://login.microsoftonline.com')
    .refine((v) => isAuthorityUrl(v) && /^https?:\/\/[^/\s]+\/?$/.test(v), {
      message:
        'must be an https origin such as https://login.microsoftonline.com (http only on 127.0.0.1 or localhost)',
    }),
  AAD_APP_ID_URI: optional.refine((v) => v === undefined || /^api:\/\/\S+$/.test(v), {
    message: 'must be the Application ID URI, e.g. api://reap.example.gov/<client id>',
  }),
  EQUITY_OFFICER_APP_ROLE: z
    .string()
    .trim()
    .default('EquityOfficer')
    .refine((v) => /^[A-Za-z0-9._-]{1,120}$/.test(v), {
      message: 'must be an app role value (letters, digits, . _ -)',
    }),
  EQUITY_OFFICER_GROUP_ID: optional.refine((v) => v === undefined || GUID.test(v), {
    message: 'must be an Entra group object id (GUID)',
  }),
  API_RATE_LIMIT_PER_MINUTE: z
    .string()
    .trim()
    .default('300')
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1, {
      message: 'must be a whole number, 1 or more',
    }),
  API_RATE_LIMIT_BURST: z
    .string()
    .trim()
    .default('60')
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1, {
      message: 'must be a whole number, 1 or more',
    }),
  CAMPAIGN_RATE_PER_SECOND: z
    .string()
    .trim()
    .default('47')
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1, {
      message: 'must be a whole number of messages a second, 1 or more (Teams allows about 50)',
    }),
  CAMPAIGN_CONCURRENCY: z
    .string()
    .trim()
    .default('16')
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1, {
      message: 'must be a whole number, 1 or more',
    }),
  INVOKE_STORE_WAIT_MS: z
    .string()
    .trim()
    .default('1500')
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 0, {
      message: 'must be a whole number of milliseconds',
    }),
  TEAMS_APP_CATALOG_ID: optional.refine((v) => v === undefined || GUID.test(v), {
    message: "must be the app's id in the Teams app catalog (a GUID)",
  }),
  BOT_SERVICE_URL: z
    .string()
    .trim()
    .default('https://smba.trafficmanager.net/amer/')
    .refine((v) => /^https?:\/\/[^\s]+$/.test(v), { message: 'must be an http(s) URL' }),
  SHAREPOINT_SITE_URL: optional.refine(
    (v) => v === undefined || /^https?:\/\/[^/\s]+\/sites\/[^\s]+$/.test(v),
    {
      message:
        'must be a SharePoint site address such as https://contoso.sharepoint.com/sites/reap',
    },
  ),
  GRAPH_TENANT_ID: optional.refine((v) => v === undefined || GUID.test(v), {
    message: 'must be a tenant id (GUID)',
  }),
  GRAPH_CLIENT_ID: optional.refine((v) => v === undefined || GUID.test(v), {
    message: 'must be the Entra app client id (GUID) granted Sites.Selected on the site',
  }),
  GRAPH_CLIENT_SECRET: optional,
  GRAPH_CERTIFICATE_PATH: optional,
  GRAPH_CERTIFICATE_THUMBPRINT: optional.refine(
    (v) => v === undefined || /^[0-9a-f]{40}$/i.test(v),
    {
      message: 'must be the certificate SHA-1 thumbprint, 40 hex digits',
    },
  ),
  GRAPH_ENDPOINT: z
    .string()
    .trim()
    .url({ message: 'must be a URL' })
    .default('https://graph.microsoft.com'),
  GRAPH_AUTHORITY_HOST: z
    .string()
    .trim()
    .url({ message: 'must be a URL' })
    .default('https://login.microsoftonline.com'),
  AZURE_STORAGE_CONNECTION_STRING: optional.refine(
    (v) => v === undefined || isStorageConnectionString(v),
    {
      message:
        'must be a storage account connection string (DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net), its endpoints https (http only on 127.0.0.1 or localhost)',
    },
  ),
  INSTANCE_ID: optional.refine((v) => v === undefined || /^[\x21-\x7e]{1,200}$/.test(v), {
    message: 'must be 1 to 200 printable characters without spaces',
  }),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optional.refine(
    (v) => v === undefined || isAppInsightsConnectionString(v),
    {
      message:
        "must be the Application Insights resource's connection string (InstrumentationKey=<GUID>;IngestionEndpoint=https://...)",
    },
  ),
});

/** An Azure connection string's `Name=value;...` pairs, names in lower case. */
function connectionStringPairs(value: string): Map<string, string> {
  return new Map(
    value
      .split(';')
      .filter((p) => p.trim() !== '')
      .map((p) => {
        const at = p.indexOf('=');
        return [p.slice(0, at).trim().toLowerCase(), at < 0 ? '' : p.slice(at + 1).trim()];
      }),
  );
}

/** `InstrumentationKey=<GUID>;...`, its endpoints https (http only on 127.0.0.1 or localhost). */
function isAppInsightsConnectionString(value: string): boolean {
  const pairs = connectionStringPairs(value);
  if (!GUID.test(pairs.get('instrumentationkey') ?? '')) return false;
  return [...pairs]
    .filter(([k]) => k.endsWith('endpoint'))
    .every(([, v]) => isAuthorityUrl(v.replace(/\/+$/, '')));
}

/** `Name=value;...` with an account and a key or SAS, every endpoint https or on loopback. */
function isStorageConnectionString(value: string): boolean {
  const pairs = connectionStringPairs(value);
  if ([...pairs.keys()].some((k) => k === '')) return false;
  if (pairs.get('usedevelopmentstorage') === 'true') return true;
  if (!pairs.get('accountname') && !pairs.has('blobendpoint')) return false;
  if (!pairs.get('accountkey') && !pairs.get('sharedaccesssignature')) return false;
  const endpoints = [...pairs].filter(([k]) => k.endsWith('endpoint')).map(([, v]) => v);
  if (pairs.get('defaultendpointsprotocol') === 'http' && endpoints.length === 0) return false;
  return endpoints.every((e) => isAuthorityUrl(e));
}

/** Every environment variable reap reads, as named in its schema (infrastructure tests check them). */
export const ENV_VARIABLE_NAMES: readonly string[] = Object.freeze(Object.keys(envSchema.shape));

/** The demo city's Equity Officer (DEMO_PERSONAS.officer), officer by default in local mode. */
export const DEMO_OFFICER_OBJECT_ID = '00000000-0000-4000-8000-000000000001';

const settingsSchema: z.ZodType<PlanSettings> = z.strictObject({
  cityName: z.string().min(1),
  planTitle: z.string().min(1),
  period: z.strictObject({
    start: z.iso.date(),
    end: z.iso.date(),
  }),
  terms: z.strictObject({
    impactStatement: z.string().min(1),
    impactStatementShort: z.string().min(1),
    leadershipTeam: z.string().min(1),
    leadershipTeamShort: z.string().min(1),
    ambassadors: z.string().min(1),
    equityOfficer: z.string().min(1),
    toolkit: z.string().min(1),
  }),
  councilFile: z.strictObject({
    pattern: z.string().refine(
      (p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'must be a regular expression' },
    ),
    example: z.string().min(1),
    description: z.string().min(1),
  }),
  thresholds: z.strictObject({
    leadsPerDepartment: z.int().min(1),
    minSeniorLeads: z.int().min(0),
    existingAnalysesRequired: z.int().min(0),
    partnershipCadenceDays: z.int().min(1),
    suppressionMin: z.int().min(1),
  }),
});

/** Reads a plan settings file over the Milwaukee 2020–2021 defaults (a shallow merge per part). */
function loadPlanSettings(file: string | undefined, problems: string[]): PlanSettings {
  if (!file) return MILWAUKEE_2020_2021;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    problems.push(`PLAN_SETTINGS_FILE: cannot read ${file} as JSON (${(e as Error).message})`);
    return MILWAUKEE_2020_2021;
  }
  const d = MILWAUKEE_2020_2021;
  const merged = {
    ...d,
    ...raw,
    period: { ...d.period, ...(raw.period as object) },
    terms: { ...d.terms, ...(raw.terms as object) },
    councilFile: { ...d.councilFile, ...(raw.councilFile as object) },
    thresholds: { ...d.thresholds, ...(raw.thresholds as object) },
  };
  const parsed = settingsSchema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`PLAN_SETTINGS_FILE: ${issue.path.join('.')} ${issue.message}`);
    }
    return MILWAUKEE_2020_2021;
  }
  if (parsed.data.period.end < parsed.data.period.start) {
    problems.push('PLAN_SETTINGS_FILE: period.end must not be before period.start');
  }
  return parsed.data;
}

/** Checks the data folder can be created and written, so a bad path fails at start, not later. */
function checkDataDir(dir: string, problems: string[]): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK);
  } catch (e) {
    problems.push(
      `DATA_DIR: ${dir} must be a folder reap can create, read and write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
}

/**
 * Validates the environment into a `Config`.
 * @param env the variables to read (defaults to `process.env`, after loading `.env` if present).
 * @throws ConfigError listing every wrong value, one line each, naming the variable.
 */
export function loadConfig(env: Record<string, string | undefined> = readProcessEnv()): Config {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      // A connection string holds a key: never repeat it.
      const got = name.endsWith('CONNECTION_STRING') ? '(not shown)' : (env[name] ?? '');
      problems.push(`${name}: ${issue.message} (got "${got}")`);
    }
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  if (e.BOT_ID && !e.BOT_PASSWORD) {
    problems.push('BOT_PASSWORD: must be set when BOT_ID is set (the bot app client secret)');
  }
  if (e.BOT_ID && !e.BOT_TENANT_ID) {
    problems.push(
      "BOT_TENANT_ID: must be set when BOT_ID is set (the city's tenant id; the bot is single-tenant)",
    );
  }
  if (e.AAD_APP_CLIENT_ID && !e.AAD_APP_TENANT_ID) {
    problems.push(
      "AAD_APP_TENANT_ID: must be set when AAD_APP_CLIENT_ID is set (the city's tenant id)",
    );
  }
  const dataDir = path.resolve(e.DATA_DIR);
  checkDataDir(dataDir, problems);
  const plan = loadPlanSettings(e.PLAN_SETTINGS_FILE, problems);
  const sharepoint = sharePointConfig(e, problems);
  if (e.TEAMS_APP_CATALOG_ID && !(e.BOT_ID && e.BOT_PASSWORD && e.BOT_TENANT_ID)) {
    problems.push(
      'TEAMS_APP_CATALOG_ID: installing the app for people needs the bot identity: set BOT_ID, BOT_PASSWORD and BOT_TENANT_ID',
    );
  }
  const localMode = !e.BOT_ID && !e.AAD_APP_CLIENT_ID;
  if (e.REAP_TODAY && !localMode) {
    problems.push(
      'REAP_TODAY: only in local mode (a demo or training); a server people use runs on the real date',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const port = Number(e.PORT);
  const officerObjectIds = e.EQUITY_OFFICER_OBJECT_IDS
    ? e.EQUITY_OFFICER_OBJECT_IDS.split(',').map((id) => id.trim().toLowerCase())
    : localMode
      ? [DEMO_OFFICER_OBJECT_ID]
      : [];
  return {
    port,
    host: e.HOST,
    dataDir,
    tabDir: path.resolve(e.TAB_DIR ?? path.join(repoRoot(), 'dist', 'tab')),
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST}:${port}`,
    // A tenant's site gets the plan only; the synthetic demo city is for the local store.
    seed: e.REAP_SEED ?? (sharepoint ? 'plan' : 'demo'),
    bot: {
      appId: e.BOT_ID,
      password: e.BOT_PASSWORD,
      tenantId: e.BOT_TENANT_ID?.toLowerCase(),
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
      authorityHost: e.BOT_AUTHORITY_HOST.replace(/\/+$/, ''),
    },
    tabAuth: {
      clientId: e.AAD_APP_CLIENT_ID,
      tenantId: e.AAD_APP_TENANT_ID?.toLowerCase(),
      appIdUri: e.AAD_APP_ID_URI ?? defaultAppIdUri(e.AAD_APP_CLIENT_ID, e.PUBLIC_URL),
      authorityHost: e.AAD_AUTHORITY_HOST.replace(/\/+$/, ''),
    },
    localMode,
    ...(e.REAP_TODAY ? { today: e.REAP_TODAY } : {}),
    officerObjectIds,
    officerAppRole: e.EQUITY_OFFICER_APP_ROLE,
    ...(e.EQUITY_OFFICER_GROUP_ID
      ? { officerGroupId: e.EQUITY_OFFICER_GROUP_ID.toLowerCase() }
      : {}),
    rateLimit: {
      perMinute: Number(e.API_RATE_LIMIT_PER_MINUTE),
      burst: Number(e.API_RATE_LIMIT_BURST),
    },
    campaign: {
      ratePerSecond: Number(e.CAMPAIGN_RATE_PER_SECOND),
      concurrency: Number(e.CAMPAIGN_CONCURRENCY),
      storeWaitMs: Number(e.INVOKE_STORE_WAIT_MS),
      ...(e.TEAMS_APP_CATALOG_ID ? { installTeamsAppId: e.TEAMS_APP_CATALOG_ID } : {}),
      serviceUrl: e.BOT_SERVICE_URL,
      graphEndpoint: e.GRAPH_ENDPOINT.replace(/\/+$/, ''),
      graphAuthorityHost: e.GRAPH_AUTHORITY_HOST.replace(/\/+$/, ''),
    },
    plan,
    ...(sharepoint ? { sharepoint } : {}),
    ...(e.AZURE_STORAGE_CONNECTION_STRING
      ? { azureStorage: { connectionString: e.AZURE_STORAGE_CONNECTION_STRING } }
      : {}),
    instanceId: e.INSTANCE_ID ?? `${os.hostname()}-${process.pid}`,
    operations: {
      logLevel: e.LOG_LEVEL,
      ...(e.APPLICATIONINSIGHTS_CONNECTION_STRING
        ? { appInsightsConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING }
        : {}),
    },
  };
}

/** Where the configured store is, as the start line and the commands name it. */
export function describeStore(config: Config): string {
  return config.sharepoint
    ? `SharePoint lists on ${config.sharepoint.siteUrl}`
    : `SQLite in ${config.dataDir}`;
}

/** `api://{the tab's host}/{client id}`, the Application ID URI the Teams manifest names. */
function defaultAppIdUri(clientId: string | undefined, publicUrl: string | undefined) {
  if (!clientId || !publicUrl) return undefined;
  return `api://${new URL(publicUrl).host}/${clientId}`;
}

/** The SharePoint settings when a site is configured, with every credential it needs. */
function sharePointConfig(
  e: z.infer<typeof envSchema>,
  problems: string[],
): SharePointConfig | undefined {
  if (!e.SHAREPOINT_SITE_URL) return undefined;
  const tenantId = e.GRAPH_TENANT_ID ?? e.AAD_APP_TENANT_ID ?? e.BOT_TENANT_ID;
  if (!tenantId) problems.push('GRAPH_TENANT_ID: must be set when SHAREPOINT_SITE_URL is set');
  if (!e.GRAPH_CLIENT_ID)
    problems.push('GRAPH_CLIENT_ID: must be set when SHAREPOINT_SITE_URL is set');
  const certificate =
    e.GRAPH_CERTIFICATE_PATH && e.GRAPH_CERTIFICATE_THUMBPRINT
      ? { privateKeyPath: e.GRAPH_CERTIFICATE_PATH, thumbprint: e.GRAPH_CERTIFICATE_THUMBPRINT }
      : undefined;
  if (e.GRAPH_CERTIFICATE_PATH && !e.GRAPH_CERTIFICATE_THUMBPRINT) {
    problems.push('GRAPH_CERTIFICATE_THUMBPRINT: must be set with GRAPH_CERTIFICATE_PATH');
  }
  if (certificate && !fs.existsSync(certificate.privateKeyPath)) {
    problems.push(`GRAPH_CERTIFICATE_PATH: ${certificate.privateKeyPath} does not exist`);
  }
  if (!e.GRAPH_CLIENT_SECRET && !certificate) {
    problems.push(
      'GRAPH_CLIENT_SECRET: set it, or GRAPH_CERTIFICATE_PATH and GRAPH_CERTIFICATE_THUMBPRINT, when SHAREPOINT_SITE_URL is set',
    );
  }
  if (!tenantId || !e.GRAPH_CLIENT_ID) return undefined;
  return {
    siteUrl: e.SHAREPOINT_SITE_URL.replace(/\/+$/, ''),
    tenantId,
    clientId: e.GRAPH_CLIENT_ID,
    ...(e.GRAPH_CLIENT_SECRET ? { clientSecret: e.GRAPH_CLIENT_SECRET } : {}),
    ...(certificate ? { certificate } : {}),
    graphEndpoint: e.GRAPH_ENDPOINT.replace(/\/+$/, ''),
    authorityHost: e.GRAPH_AUTHORITY_HOST.replace(/\/+$/, ''),
  };
}

/** The folder holding reap's package.json, whether running from `dist/` or from sources. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) {
    dir = path.dirname(dir);
  }
  return dir;
}

/** `process.env`, with a `.env` file in the working folder loaded first when there is one. */
export function readProcessEnv(): Record<string, string | undefined> {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}
