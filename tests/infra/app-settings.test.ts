import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENV_VARIABLE_NAMES, loadConfig } from '../../src/config/config';
import { appSettings, readBicep, stringLiteral, type AppSetting } from './bicep-reader';

const root = path.resolve(__dirname, '../..');
const bicep = readBicep(fs.readFileSync(path.join(root, 'infra/azure.bicep'), 'utf8'));
const settings: AppSetting[] = appSettings(bicep.code);
const settingNames = settings.map((s) => s.name);
const read = new Set(ENV_VARIABLE_NAMES);

/** Variables reap reads that Azure leaves unset, and why the default is right there. */
const NOT_SET_IN_AZURE: Record<string, string> = {
  PORT: 'App Service sets PORT in the Node.js container and sends requests to that port',
  TAB_DIR: 'the default, dist/tab of the deployed tree, is where App Service builds the tab',
  REAP_TODAY: 'local mode only; a server people use runs on the real date',
  BOT_OPENID_METADATA_URL:
    "Bot Framework's public cloud is the default; sovereign clouds and tests only",
  BOT_AUTHORITY_HOST: 'the public cloud is the default; national clouds and tests only',
  AAD_AUTHORITY_HOST: 'the public cloud is the default; national clouds and tests only',
  GRAPH_ENDPOINT: 'the public cloud is the default; national clouds and tests only',
  GRAPH_AUTHORITY_HOST: 'the public cloud is the default; national clouds and tests only',
  GRAPH_CERTIFICATE_PATH:
    'Azure gives the Graph app its client secret from Key Vault; a PEM key file is for other hosts',
  GRAPH_CERTIFICATE_THUMBPRINT: 'goes with GRAPH_CERTIFICATE_PATH',
  API_RATE_LIMIT_PER_MINUTE: 'tuned default (README, Configuration); an app setting overrides it',
  API_RATE_LIMIT_BURST: 'tuned default (README, Configuration); an app setting overrides it',
  CAMPAIGN_RATE_PER_SECOND: "tuned to Teams' limit per app and tenant; an app setting overrides it",
  CAMPAIGN_CONCURRENCY: 'tuned default (README, Configuration); an app setting overrides it',
  INVOKE_STORE_WAIT_MS: "tuned under Teams' 15 s invoke timeout; an app setting overrides it",
  INSTANCE_ID:
    "the lease owner's name defaults to the host name and process id, unique per App Service instance",
};

/** App settings reap does not read: App Service, its build or an SDK reads them. */
const READ_BY_PLATFORM: Record<string, string> = {
  SCM_DO_BUILD_DURING_DEPLOYMENT:
    'App Service builds the deployed sources (npm install, npm run build) on Linux',
  WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'keeps /home, where DATA_DIR is, persistent',
};

/** Settings for a part of reap being written now; each moves out of here once config.ts reads it. */
const AWAITING_READER: Record<string, string> = {};

/** Stand-ins for what the deployment computes, to start reap's configuration on the settings. */
const DEPLOYED_VALUES: Record<string, string> = {
  PUBLIC_URL: 'https://reapdev-abc123.azurewebsites.net',
  PLAN_SETTINGS_FILE: '',
  BOT_ID: '22222222-2222-4222-8222-222222222222',
  BOT_PASSWORD: 'secret resolved from Key Vault',
  BOT_TENANT_ID: '44444444-4444-4444-8444-444444444444',
  BOT_SERVICE_URL: 'https://smba.trafficmanager.net/amer/',
  AAD_APP_CLIENT_ID: '33333333-3333-4333-8333-333333333333',
  AAD_APP_TENANT_ID: '44444444-4444-4444-8444-444444444444',
  AAD_APP_ID_URI: 'api://reapdev-abc123.azurewebsites.net/33333333-3333-4333-8333-333333333333',
  EQUITY_OFFICER_APP_ROLE: 'EquityOfficer',
  EQUITY_OFFICER_GROUP_ID: '',
  EQUITY_OFFICER_OBJECT_IDS: '',
  TEAMS_APP_CATALOG_ID: '',
  SHAREPOINT_SITE_URL: 'https://contoso.sharepoint.com/sites/reap',
  GRAPH_TENANT_ID: '44444444-4444-4444-8444-444444444444',
  GRAPH_CLIENT_ID: '22222222-2222-4222-8222-222222222222',
  GRAPH_CLIENT_SECRET: 'secret resolved from Key Vault',
  AZURE_STORAGE_CONNECTION_STRING:
    'DefaultEndpointsProtocol=https;AccountName=reapdev;AccountKey=a2V5;EndpointSuffix=core.windows.net',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
};

const setting = (name: string): string => {
  const found = settings.find((s) => s.name === name);
  if (!found) throw new Error(`no app setting ${name}`);
  return found.value;
};

describe('the web app settings of infra/azure.bicep', () => {
  it('are found in the Bicep file, each once', () => {
    expect(settings.length).toBeGreaterThan(10);
    expect(settingNames.filter((n, i) => settingNames.indexOf(n) !== i)).toEqual([]);
  });

  it('set every environment variable reap reads, unless a reason says why not', () => {
    const missing = ENV_VARIABLE_NAMES.filter(
      (name) => !settingNames.includes(name) && !(name in NOT_SET_IN_AZURE),
    );
    expect(missing).toEqual([]);
  });

  it('set nothing that nobody reads: each is read by reap, or by App Service or an SDK', () => {
    const orphaned = settingNames.filter(
      (name) => !read.has(name) && !(name in READ_BY_PLATFORM) && !(name in AWAITING_READER),
    );
    expect(orphaned).toEqual([]);
  });

  it('keep their lists of exceptions true, each with its reason', () => {
    for (const [name, reason] of Object.entries(NOT_SET_IN_AZURE)) {
      expect({ name, readByReap: read.has(name), setInAzure: settingNames.includes(name) }).toEqual(
        { name, readByReap: true, setInAzure: false },
      );
      expect(reason.length).toBeGreaterThan(10);
    }
    for (const [name, reason] of Object.entries(READ_BY_PLATFORM)) {
      expect({ name, readByReap: read.has(name), set: settingNames.includes(name) }).toEqual({
        name,
        readByReap: false,
        set: true,
      });
      expect(reason.length).toBeGreaterThan(10);
    }
    for (const [name, reason] of Object.entries(AWAITING_READER)) {
      // Once config.ts reads it, move it out of AWAITING_READER: it is then simply read.
      expect({ name, readByReap: read.has(name), set: settingNames.includes(name) }).toEqual({
        name,
        readByReap: false,
        set: true,
      });
      expect(reason.length).toBeGreaterThan(10);
    }
  });

  it('take every secret from Key Vault by reference, never as a plain value', () => {
    for (const name of ['BOT_PASSWORD', 'GRAPH_CLIENT_SECRET', 'AZURE_STORAGE_CONNECTION_STRING']) {
      expect(setting(name)).toMatch(
        /^'@Microsoft\.KeyVault\(SecretUri=\$\{keyVault\.properties\.vaultUri\}secrets\/\$\{\w+\}\)'$/,
      );
    }
    const secureParams = bicep.params.filter((p) => p.secure).map((p) => p.name);
    expect(secureParams.sort()).toEqual(['botAadAppClientSecret', 'graphClientSecret']);
    for (const { name, value } of settings) {
      for (const secret of secureParams) {
        expect({ name, usesSecretParameter: new RegExp(`\\b${secret}\\b`).test(value) }).toEqual({
          name,
          usesSecretParameter: false,
        });
      }
    }
  });

  it('listen on every interface behind App Service, keep data under /home and seed only the plan', () => {
    expect(stringLiteral(setting('HOST'))).toBe('0.0.0.0');
    expect(stringLiteral(setting('DATA_DIR'))).toMatch(/^\/home\/(?!site\/wwwroot)/);
    expect(stringLiteral(setting('REAP_SEED'))).toBe('plan');
    expect(setting('PUBLIC_URL')).toBe('publicUrl');
    expect(bicep.code).toMatch(/^var publicUrl = 'https:\/\/\$\{publicHost\}'$/m);
    expect(setting('AAD_APP_ID_URI')).toBe("'api://${publicHost}/${aadAppClientId}'");
    expect(setting('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe(
      'appInsights.properties.ConnectionString',
    );
  });

  it('make a configuration reap starts with, outside local mode, on SharePoint', () => {
    const env: Record<string, string> = {};
    const unknown: string[] = [];
    for (const { name, value } of settings) {
      const literal = stringLiteral(value);
      if (literal !== undefined) env[name] = literal;
      else if (name in DEPLOYED_VALUES) env[name] = DEPLOYED_VALUES[name] ?? '';
      else unknown.push(name);
    }
    expect(unknown).toEqual([]); // each computed setting needs a stand-in above
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reap-appsettings-'));
    try {
      const config = loadConfig({ ...env, PORT: '8080', DATA_DIR: dataDir });
      expect(config.localMode).toBe(false);
      expect(config.host).toBe('0.0.0.0');
      expect(config.seed).toBe('plan');
      expect(config.publicUrl).toBe(DEPLOYED_VALUES.PUBLIC_URL);
      expect(config.tabAuth.appIdUri).toBe(DEPLOYED_VALUES.AAD_APP_ID_URI);
      expect(config.sharepoint?.clientSecret).toBe('secret resolved from Key Vault');
      expect(config.officerGroupId).toBeUndefined();
      expect(config.campaign.installTeamsAppId).toBeUndefined();
      // Traces go to the deployment's Application Insights through reap's own exporter.
      expect(config.operations).toEqual({
        logLevel: 'info',
        appInsightsConnectionString: DEPLOYED_VALUES.APPLICATIONINSIGHTS_CONNECTION_STRING,
      });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
