import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import {
  appSettings,
  propertyValues,
  readBicep,
  resource,
  stringLiteral,
  stripComments,
} from './bicep-reader';

const root = path.resolve(__dirname, '../..');
const readText = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
const bicep = readBicep(readText('infra/azure.bicep'));
const parametersFile = JSON.parse(readText('infra/azure.parameters.json')) as {
  parameters: Record<string, { value: string }>;
};
const devEnv = parseEnv(readText('env/.env.dev'));
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The one value of `key` in a body, as written. */
function only(body: string, key: string): string {
  const values = propertyValues(body, key);
  expect({ key, count: values.length }).toEqual({ key, count: 1 });
  return values[0] ?? '';
}

/** azure.bicepparam's `param X = ...readEnvironmentVariable('VAR'[, default])`, by parameter. */
function bicepParamVariables(): Record<string, { variable: string; hasDefault: boolean }> {
  const code = stripComments(readText('infra/azure.bicepparam'));
  expect(code).toMatch(/^using '\.\/azure\.bicep'$/m);
  const out: Record<string, { variable: string; hasDefault: boolean }> = {};
  for (const m of code.matchAll(/^param\s+(\w+)\s*=\s*(.+)$/gm)) {
    const call = /readEnvironmentVariable\('(\w+)'(\s*,[^)]*)?\)/.exec(m[2] ?? '');
    if (!call) throw new Error(`azure.bicepparam: ${m[1]} is not read from a variable`);
    out[m[1] ?? ''] = { variable: call[1] ?? '', hasDefault: call[2] !== undefined };
  }
  return out;
}

describe('infra/azure.bicep', () => {
  it('runs reap on a Linux App Service plan, Node 20 LTS, from the built server', () => {
    const plan = resource(bicep, 'plan');
    expect(plan.type).toMatch(/^Microsoft\.Web\/serverfarms@/);
    expect(only(plan.body, 'kind')).toBe("'linux'");
    expect(only(plan.body, 'reserved')).toBe('true');

    const web = resource(bicep, 'webApp');
    expect(web.type).toMatch(/^Microsoft\.Web\/sites@/);
    expect(only(web.body, 'kind')).toBe("'app,linux'");
    expect(only(web.body, 'serverFarmId')).toBe('plan.id');
    expect(only(web.body, 'linuxFxVersion')).toBe("'NODE|20-lts'");
    expect(only(web.body, 'httpsOnly')).toBe('true');
    expect(only(web.body, 'alwaysOn')).toBe('true');
    expect(only(web.body, 'ftpsState')).toBe("'Disabled'");

    // The start command runs what `npm run build` emits for src/server/main.ts.
    const start = stringLiteral(only(web.body, 'appCommandLine')) ?? '';
    expect(start).toBe('node dist/src/server/main.js');
    expect(fs.existsSync(path.join(root, 'src/server/main.ts'))).toBe(true);
    const pkg = JSON.parse(readText('package.json')) as {
      engines: { node: string };
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.build).toContain('build:server');
    expect(pkg.engines.node).toMatch(/^>=20\.\d+ <21$/);

    const health = stringLiteral(only(web.body, 'healthCheckPath'));
    expect(health).toBe('/healthz');
    expect(readText('src/server/app.ts')).toContain(`'${health}'`);
  });

  it('gives the web app a system-assigned managed identity that reads Key Vault secrets', () => {
    const web = resource(bicep, 'webApp');
    expect(only(web.body, 'type')).toBe("'SystemAssigned'");
    expect(only(web.body, 'keyVaultReferenceIdentity')).toBe("'SystemAssigned'");

    const vault = resource(bicep, 'keyVault');
    expect(vault.type).toMatch(/^Microsoft\.KeyVault\/vaults@/);
    expect(only(vault.body, 'enableRbacAuthorization')).toBe('true');

    const grant = resource(bicep, 'webAppSecretsUser');
    expect(grant.type).toMatch(/^Microsoft\.Authorization\/roleAssignments@/);
    expect(only(grant.body, 'scope')).toBe('keyVault');
    expect(only(grant.body, 'principalId')).toBe('webApp.identity.principalId');
    expect(only(grant.body, 'roleDefinitionId')).toContain('keyVaultSecretsUserRoleId');
    // Key Vault Secrets User, a built-in role.
    expect(bicep.code).toContain(
      "var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'",
    );

    for (const symbol of [
      'botPasswordSecret',
      'graphClientSecretSecret',
      'storageConnectionSecret',
    ]) {
      const secret = resource(bicep, symbol);
      expect(secret.type).toMatch(/^Microsoft\.KeyVault\/vaults\/secrets@/);
      expect(only(secret.body, 'parent')).toBe('keyVault');
    }
    // Each secret a setting references is one the template writes.
    const written = ['bot-password', 'graph-client-secret', 'storage-connection-string'];
    for (const name of ['botPasswordSecretName', 'storageSecretName']) {
      const value = new RegExp(`^var ${name} = '([^']+)'$`, 'm').exec(bicep.code)?.[1];
      expect(written).toContain(value);
    }
    expect(bicep.code).toMatch(
      /^var graphSecretName = graphSecretGiven \? 'graph-client-secret' : botPasswordSecretName$/m,
    );
  });

  it('registers a single-tenant Azure Bot with the Teams channel, messaging reap at /api/messages', () => {
    const bot = resource(bicep, 'bot');
    expect(bot.type).toMatch(/^Microsoft\.BotService\/botServices@/);
    expect(only(bot.body, 'kind')).toBe("'azurebot'");
    expect(only(bot.body, 'location')).toBe("'global'");
    expect(only(bot.body, 'msaAppType')).toBe("'SingleTenant'");
    expect(only(bot.body, 'msaAppId')).toBe('botAadAppClientId');
    expect(only(bot.body, 'msaAppTenantId')).toBe('tenantId');
    expect(only(bot.body, 'endpoint')).toBe("'${publicUrl}/api/messages'");
    expect(readText('src/server/app.ts')).toContain("'/api/messages'");

    const channel = resource(bicep, 'teamsChannel');
    expect(channel.type).toMatch(/^Microsoft\.BotService\/botServices\/channels@/);
    expect(only(channel.body, 'parent')).toBe('bot');
    expect(only(channel.body, 'channelName')).toBe("'MsTeamsChannel'");
    expect(only(channel.body, 'isEnabled')).toBe('true');
  });

  it('sends telemetry to Application Insights backed by a Log Analytics workspace', () => {
    expect(resource(bicep, 'logs').type).toMatch(/^Microsoft\.OperationalInsights\/workspaces@/);
    const insights = resource(bicep, 'appInsights');
    expect(insights.type).toMatch(/^Microsoft\.Insights\/components@/);
    expect(only(insights.body, 'WorkspaceResourceId')).toBe('logs.id');
  });

  it('has a private Storage account with queues, tables and a lease container for the scale-out', () => {
    const storage = resource(bicep, 'storage');
    expect(storage.type).toMatch(/^Microsoft\.Storage\/storageAccounts@/);
    expect(only(storage.body, 'kind')).toBe("'StorageV2'");
    expect(only(storage.body, 'allowBlobPublicAccess')).toBe('false');
    expect(only(storage.body, 'minimumTlsVersion')).toBe("'TLS1_2'");
    expect(resource(bicep, 'queueService').type).toMatch(/\/queueServices@/);
    expect(resource(bicep, 'tableService').type).toMatch(/\/tableServices@/);
    const lease = resource(bicep, 'leaseContainer');
    expect(lease.type).toMatch(/\/blobServices\/containers@/);
    expect(only(lease.body, 'publicAccess')).toBe("'None'");
  });

  it('keeps one instance while the send queue is local to an instance', () => {
    expect(only(resource(bicep, 'plan').body, 'capacity')).toBe('1');
  });

  it('writes the outputs the toolkit and the app package need, each declared in env/.env.dev', () => {
    const outputs = bicep.outputs.map((o) => o.name);
    expect(outputs).toEqual(
      expect.arrayContaining(['BOT_AZURE_APP_SERVICE_RESOURCE_ID', 'TAB_ENDPOINT', 'TAB_DOMAIN']),
    );
    for (const name of outputs) expect(Object.keys(devEnv)).toContain(name);
    expect(bicep.outputs.find((o) => o.name === 'TAB_DOMAIN')?.value).toBe('publicHost');
    expect(bicep.outputs.find((o) => o.name === 'TAB_ENDPOINT')?.value).toBe('publicUrl');
  });
});

describe('the parameters of infra/azure.bicep', () => {
  const declared = new Map(bicep.params.map((p) => [p.name, p]));
  const given = parametersFile.parameters;

  it('are given by azure.parameters.json from environment variables, every required one among them', () => {
    for (const [name, { value }] of Object.entries(given)) {
      expect({ name, declared: declared.has(name) }).toEqual({ name, declared: true });
      expect({ name, fromVariable: PLACEHOLDER.test(value) }).toEqual({ name, fromVariable: true });
      PLACEHOLDER.lastIndex = 0;
    }
    const required = bicep.params.filter((p) => p.defaultValue === undefined).map((p) => p.name);
    for (const name of required) expect(Object.keys(given)).toContain(name);
  });

  it('take secrets only from SECRET_ variables, which the toolkit keeps in env/.env.<env>.user', () => {
    for (const param of bicep.params) {
      const value = given[param.name]?.value;
      if (value === undefined) continue;
      const variables = [...value.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
      for (const variable of variables) {
        expect({ param: param.name, secretVariable: variable.startsWith('SECRET_') }).toEqual({
          param: param.name,
          secretVariable: param.secure,
        });
      }
    }
  });

  it('name variables that env/.env.dev declares (secrets aside, which it must not hold)', () => {
    const variables = new Set(
      Object.values(given).flatMap(({ value }) =>
        [...value.matchAll(PLACEHOLDER)].map((m) => m[1]),
      ),
    );
    for (const variable of variables) {
      if (variable === undefined) continue;
      expect({ variable, inDevEnv: variable in devEnv }).toEqual({
        variable,
        inDevEnv: !variable.startsWith('SECRET_'),
      });
    }
  });

  it('read as empty when the toolkit passes an unset optional value as its own placeholder', () => {
    expect(bicep.code).toContain("var unsetMark = '\\${{'");
    for (const name of Object.keys(given)) {
      const param = declared.get(name);
      if (param?.defaultValue === undefined || param.type !== 'string') continue;
      expect({ name, normalised: bicep.code.includes(`startsWith(${name}, unsetMark)`) }).toEqual({
        name,
        normalised: true,
      });
    }
  });

  it('are read from the same variables by azure.bicepparam, for the Azure CLI', () => {
    const fromCli = bicepParamVariables();
    expect(Object.keys(fromCli).sort()).toEqual(Object.keys(given).sort());
    for (const [name, { variable, hasDefault }] of Object.entries(fromCli)) {
      expect(given[name]?.value).toContain(`\${{${variable}}}`);
      // Required from the CLI exactly when the template has no default; APP_NAME_SUFFIX may be
      // empty (the resources are then named reap-...).
      expect({ name, hasDefault }).toEqual({
        name,
        hasDefault: declared.get(name)?.defaultValue !== undefined || name === 'resourceBaseName',
      });
    }
  });
});

describe('the Bicep reader', () => {
  it('reads strings holding //, escaped quotes and interpolations with strings inside', () => {
    const file = readBicep(
      [
        '// a comment with { and [ that must not count',
        "param url string = 'https://x/y' // trailing",
        '@secure()',
        'param secret string',
        "resource site 'Microsoft.Web/sites@2022-09-01' = {",
        "  name: 'a\\'b${concat('}', ']')}'",
        '  properties: {',
        '    siteConfig: {',
        '      appSettings: [',
        "        { name: 'A', value: '${x}/{' }",
        '        {',
        "          name: 'B'",
        "          value: '''multi ] } line'''",
        '        }',
        '      ]',
        '    }',
        '  }',
        '}',
        "output OUT string = 'done'",
      ].join('\n'),
    );
    expect(file.params).toEqual([
      { name: 'url', type: 'string', defaultValue: "'https://x/y'", secure: false },
      { name: 'secret', type: 'string', secure: true },
    ]);
    expect(file.resources.map((r) => r.symbol)).toEqual(['site']);
    expect(appSettings(file.code)).toEqual([
      { name: 'A', value: "'${x}/{'" },
      { name: 'B', value: "'''multi ] } line'''" },
    ]);
    expect(file.outputs).toEqual([{ name: 'OUT', type: 'string', value: "'done'" }]);
    expect(stringLiteral("'it\\'s'")).toBe("it's");
    expect(stringLiteral("'${x}'")).toBeUndefined();
  });

  it('refuses unbalanced brackets rather than guessing', () => {
    expect(() => readBicep("resource r 'T@1' = {\n  a: [\n}\n")).toThrow(/unbalanced|unclosed/);
  });
});
