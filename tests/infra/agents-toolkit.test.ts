import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { load } from 'js-yaml';
import { SSO_SCOPE } from '../../src/server/auth/sso-token-verifier';
import { readBicep } from './bicep-reader';

const root = path.resolve(__dirname, '../..');
const readText = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
const exists = (file: string): boolean => fs.existsSync(path.join(root, file));

type Json = Record<string, unknown>;
type Action = {
  uses: string;
  name?: string;
  with?: Json;
  env?: Json;
  writeToEnvironmentFile?: Record<string, string>;
};
type ProjectFile = { version: string; environmentFolderPath?: string } & Record<string, unknown>;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const placeholders = (text: string): string[] =>
  [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');

const project = load(readText('m365agents.yml')) as ProjectFile;
const localProject = load(readText('m365agents.local.yml')) as ProjectFile;
const packageJson = JSON.parse(readText('package.json')) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};
const devEnv = parseEnv(readText('env/.env.dev'));
const bicep = readBicep(readText('infra/azure.bicep'));
const lifecycle = (file: ProjectFile, stage: string): Action[] => (file[stage] ?? []) as Action[];

/** Actions of the v1.11 project-file schema, with the inputs each cannot go without. */
const ACTIONS: Record<string, string[]> = {
  'teamsApp/create': ['name'],
  'aadApp/create': ['name', 'generateClientSecret', 'signInAudience'],
  'aadApp/update': ['manifestPath', 'outputFilePath'],
  'arm/deploy': ['subscriptionId', 'resourceGroupName', 'templates'],
  'teamsApp/validateManifest': ['manifestPath'],
  'teamsApp/zipAppPackage': ['manifestPath', 'outputZipPath', 'outputFolder'],
  'teamsApp/validateAppPackage': ['appPackagePath'],
  'teamsApp/update': ['appPackagePath'],
  'teamsApp/publishAppPackage': ['appPackagePath'],
  'cli/runNpmCommand': ['args'],
  'azureAppService/zipDeploy': ['artifactFolder', 'resourceId'],
  'file/createOrUpdateEnvironmentFile': ['target', 'envs'],
};

/** Variables the toolkit itself provides. */
const BUILT_IN = [
  'TEAMSFX_ENV',
  'APP_NAME_SUFFIX',
  'AZURE_SUBSCRIPTION_ID',
  'AZURE_RESOURCE_GROUP_NAME',
];

/** The toolkit makes this one up when an Entra manifest needs it and it is unset. */
const GENERATED_BY_AAD_UPDATE = 'AAD_APP_ACCESS_AS_USER_PERMISSION_ID';

/** JSON with comments (VS Code's .vscode files) to a value. */
function parseJsonc(text: string): Json {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else {
      out += c;
    }
  }
  return JSON.parse(out) as Json;
}

describe('m365agents.yml', () => {
  const allActions = ['provision', 'deploy', 'publish'].flatMap((s) => lifecycle(project, s));

  it('follows the v1.11 project-file schema, keeping environments in ./env', () => {
    expect(project.version).toBe('v1.11');
    expect(readText('m365agents.yml')).toMatch(
      /^# yaml-language-server: \$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/v1\.11\/yaml\.schema\.json$/m,
    );
    expect(project.environmentFolderPath).toBe('./env');
    for (const action of allActions) {
      const required = ACTIONS[action.uses];
      expect({ action: action.uses, known: required !== undefined }).toEqual({
        action: action.uses,
        known: true,
      });
      for (const input of required ?? []) {
        expect({ action: action.uses, input, given: action.with?.[input] !== undefined }).toEqual({
          action: action.uses,
          input,
          given: true,
        });
      }
    }
  });

  it('provisions the Teams app, both Entra apps, Azure, then the app package, in that order', () => {
    expect(lifecycle(project, 'provision').map((a) => a.uses)).toEqual([
      'teamsApp/create',
      'aadApp/create',
      'aadApp/create',
      'arm/deploy',
      'aadApp/update',
      'aadApp/update',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
  });

  it('creates single-tenant Entra apps: the bot with a secret, the tab without', () => {
    const [bot, tab] = lifecycle(project, 'provision').filter((a) => a.uses === 'aadApp/create');
    expect(bot?.with).toMatchObject({
      signInAudience: 'AzureADMyOrg',
      generateClientSecret: true,
      generateServicePrincipal: true,
    });
    expect(bot?.writeToEnvironmentFile).toMatchObject({
      clientId: 'BOT_ID',
      clientSecret: 'SECRET_BOT_PASSWORD',
      tenantId: 'BOT_TENANT_ID',
    });
    expect(tab?.with).toMatchObject({
      signInAudience: 'AzureADMyOrg',
      generateClientSecret: false,
    });
    expect(tab?.writeToEnvironmentFile).toMatchObject({
      clientId: 'AAD_APP_CLIENT_ID',
      tenantId: 'AAD_APP_TENANT_ID',
    });
  });

  it('names only files that exist, and the zip `npm run package` writes', () => {
    for (const action of [...allActions, ...lifecycle(localProject, 'deploy')]) {
      const inputs = action.with ?? {};
      for (const key of ['manifestPath', 'ignoreFile', 'artifactFolder']) {
        const file = inputs[key];
        if (typeof file === 'string')
          expect({ key, file, exists: exists(file) }).toEqual({ key, file, exists: true });
      }
      for (const template of (inputs.templates ?? []) as Json[]) {
        expect(exists(String(template.path))).toBe(true);
        expect(exists(String(template.parameters))).toBe(true);
      }
      for (const key of ['outputZipPath', 'appPackagePath']) {
        // packageApp writes appPackage/build/appPackage.<env>.zip: the same file.
        if (key in inputs)
          expect(inputs[key]).toBe('./appPackage/build/appPackage.${{TEAMSFX_ENV}}.zip');
      }
      if ('outputFilePath' in inputs)
        expect(String(inputs.outputFilePath)).toMatch(/^\.\/appPackage\/build\//);
    }
  });

  it('runs only npm commands that package.json has', () => {
    for (const action of [...allActions, ...lifecycle(localProject, 'deploy')]) {
      if (action.uses !== 'cli/runNpmCommand') continue;
      const args = String(action.with?.args);
      const script = /^run\s+([\w:-]+)/.exec(args)?.[1];
      if (script !== undefined) expect(Object.keys(packageJson.scripts)).toContain(script);
      else expect(args).toMatch(/^(install|ci)\b/);
    }
  });

  it('has every variable it uses defined by the time it is used', () => {
    // Defined: written by an earlier action, provided by the toolkit, or set in env/.env.dev.
    const defined = new Set([
      ...BUILT_IN,
      ...Object.entries(devEnv)
        .filter(([, v]) => v !== '')
        .map(([k]) => k),
    ]);
    const problems: string[] = [];
    const need = (variables: string[], where: string, optional: Set<string> = new Set()) => {
      for (const v of variables) {
        if (!defined.has(v) && !optional.has(v)) problems.push(`${where}: ${v}`);
      }
    };
    for (const action of lifecycle(project, 'provision')) {
      const where = action.uses;
      need(placeholders(JSON.stringify(action.with ?? {})), where);
      if (action.uses === 'arm/deploy') {
        const parameters = JSON.parse(readText('infra/azure.parameters.json')) as {
          parameters: Record<string, { value: string }>;
        };
        for (const [name, { value }] of Object.entries(parameters.parameters)) {
          const param = bicep.params.find((p) => p.name === name);
          // An optional parameter may arrive empty (as its placeholder); a required one may not.
          const optional = new Set(param?.defaultValue !== undefined ? placeholders(value) : []);
          need(placeholders(value), `${where} ${name}`, optional);
        }
        for (const output of bicep.outputs) defined.add(output.name);
      }
      if (action.uses === 'aadApp/update') {
        const manifest = readText(String(action.with?.manifestPath));
        need(
          placeholders(manifest),
          `${where} ${String(action.with?.manifestPath)}`,
          new Set([GENERATED_BY_AAD_UPDATE]),
        );
      }
      if (action.uses === 'teamsApp/zipAppPackage' || action.uses === 'teamsApp/validateManifest') {
        need(
          placeholders(readText('appPackage/manifest.json')),
          `${where} appPackage/manifest.json`,
        );
      }
      for (const variable of Object.values(action.writeToEnvironmentFile ?? {}))
        defined.add(variable);
    }
    for (const action of lifecycle(project, 'deploy')) {
      need(placeholders(JSON.stringify(action.with ?? {})), action.uses);
    }
    expect(problems).toEqual([]);
  });

  it('deploys to the web app provision created', () => {
    const zipDeploy = lifecycle(project, 'deploy').find(
      (a) => a.uses === 'azureAppService/zipDeploy',
    );
    expect(zipDeploy?.with?.resourceId).toBe('${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
    expect(bicep.outputs.find((o) => o.name === 'BOT_AZURE_APP_SERVICE_RESOURCE_ID')?.value).toBe(
      'webApp.id',
    );
  });

  it('leaves dependencies, builds, data, environments and secrets out of the deployment zip', () => {
    const zipDeploy = lifecycle(project, 'deploy').find(
      (a) => a.uses === 'azureAppService/zipDeploy',
    );
    const patterns = readText(String(zipDeploy?.with?.ignoreFile))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(patterns).toEqual(
      expect.arrayContaining([
        'node_modules',
        '/dist',
        '/data',
        '/env',
        '.env',
        '.env.*',
        '/tests',
      ]),
    );
    // What App Service builds from stays in.
    for (const kept of [
      'package.json',
      'package-lock.json',
      'src',
      'bot',
      'appPackage',
      'tsconfig.json',
    ]) {
      expect(patterns.filter((p) => p.replace(/^\//, '') === kept)).toEqual([]);
    }
  });
});

describe('m365agents.local.yml', () => {
  it('debugs in the Agents Playground with no tenant: it only installs and builds', () => {
    expect(localProject.version).toBe('v1.11');
    expect(localProject.provision).toBeUndefined();
    const deploy = lifecycle(localProject, 'deploy');
    expect(deploy.map((a) => a.uses)).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand']);
    // The playground is a dev dependency with its config in the repo: nothing is downloaded.
    expect(packageJson.devDependencies).toHaveProperty('@microsoft/m365agentsplayground');
    expect(exists('.m365agentsplayground.yml')).toBe(true);
    expect(packageJson.scripts.playground).toBeDefined();
  });
});

describe('env/', () => {
  const files = fs.readdirSync(path.join(root, 'env')).filter((f) => /^\.env\.[\w-]+$/.test(f));

  it('has the local and dev environments, each naming itself', () => {
    expect(files.sort()).toEqual(expect.arrayContaining(['.env.dev', '.env.local']));
    for (const file of files) {
      const values = parseEnv(readText(`env/${file}`));
      const name = file.slice('.env.'.length);
      expect({ file, TEAMSFX_ENV: values.TEAMSFX_ENV }).toEqual({ file, TEAMSFX_ENV: name });
      expect(values.APP_NAME_SUFFIX).toBeDefined();
    }
  });

  it('keeps secrets out of committed files: SECRET_ variables go to git-ignored .user files', () => {
    for (const file of files) {
      const names = Object.keys(parseEnv(readText(`env/${file}`)));
      expect(names.filter((n) => n.startsWith('SECRET_') || /PASSWORD/.test(n))).toEqual([]);
    }
    const ignored = readText('.gitignore')
      .split('\n')
      .map((l) => l.trim());
    expect(ignored).toContain('env/.env.*.user');
  });
});

describe('the Entra app manifests', () => {
  const tab = JSON.parse(readText('infra/entra/tab-sso.aad.manifest.json')) as Json;
  const bot = JSON.parse(readText('infra/entra/bot.aad.manifest.json')) as Json;
  const teamsManifest = JSON.parse(readText('appPackage/manifest.json')) as Json;

  it('expose the tab API at the resource the Teams manifest names, with the scope reap checks', () => {
    const resourceUri = (teamsManifest.webApplicationInfo as Json).resource;
    expect(tab.identifierUris).toEqual([resourceUri]);
    expect(tab.accessTokenAcceptedVersion).toBe(2);
    expect(tab.signInAudience).toBe('AzureADMyOrg');
    const [scope] = tab.oauth2Permissions as Json[];
    expect(scope).toMatchObject({ value: SSO_SCOPE, type: 'User', isEnabled: true });
    expect(scope?.id).toBe(`\${{${GENERATED_BY_AAD_UPDATE}}}`);
  });

  it('pre-authorise the Teams desktop, mobile and web clients for that scope', () => {
    const preAuthorised = tab.preAuthorizedApplications as {
      appId: string;
      permissionIds: string[];
    }[];
    const ids = preAuthorised.map((p) => p.appId);
    expect(ids).toEqual(
      expect.arrayContaining([
        '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
        '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
      ]),
    );
    for (const p of preAuthorised)
      expect(p.permissionIds).toEqual([`\${{${GENERATED_BY_AAD_UPDATE}}}`]);
  });

  it("define the Equity Officer app role under the value reap's configuration names", () => {
    const [role] = tab.appRoles as Json[];
    expect(role).toMatchObject({
      allowedMemberTypes: ['User'],
      isEnabled: true,
      value: '${{EQUITY_OFFICER_APP_ROLE}}',
    });
    expect(devEnv.EQUITY_OFFICER_APP_ROLE).toBe('EquityOfficer');
    expect(readText('src/config/config.ts')).toContain(".default('EquityOfficer')");
  });

  it("give the bot's app Sites.Selected, TeamsAppInstallation.ReadWriteSelfForUser.All and User.Read.All (roster sync), and touch no secret", () => {
    expect(bot.appId).toBe('${{BOT_ID}}');
    expect(bot.signInAudience).toBe('AzureADMyOrg');
    expect(bot.requiredResourceAccess).toEqual([
      {
        resourceAppId: '00000003-0000-0000-c000-000000000000', // Microsoft Graph
        resourceAccess: [
          { id: '883ea226-0bf2-4a8f-9f9d-92c9162a727d', type: 'Role' }, // Sites.Selected
          { id: '908de74d-f8b2-4d6b-a9ed-2a17b3b78179', type: 'Role' }, // ...ReadWriteSelfForUser.All
          { id: 'df021288-bdef-4463-88db-98f22de89214', type: 'Role' }, // User.Read.All
        ],
      },
    ]);
    for (const manifest of [tab, bot]) {
      expect(manifest).not.toHaveProperty('passwordCredentials');
      expect(manifest).not.toHaveProperty('keyCredentials');
    }
  });
});

describe('.vscode (F5)', () => {
  const launch = parseJsonc(readText('.vscode/launch.json'));
  const tasks = (parseJsonc(readText('.vscode/tasks.json')).tasks ?? []) as Json[];
  const labels = tasks.map((t) => t.label);

  it('starts from tasks that exist', () => {
    const configurations = launch.configurations as Json[];
    const compounds = launch.compounds as Json[];
    expect(compounds.map((c) => c.name)).toContain('Debug in Microsoft 365 Agents Playground');
    for (const item of [...configurations, ...compounds]) {
      if (item.preLaunchTask !== undefined) expect(labels).toContain(item.preLaunchTask);
    }
    for (const compound of compounds) {
      for (const name of compound.configurations as string[]) {
        expect(configurations.map((c) => c.name)).toContain(name);
      }
    }
    for (const task of tasks) {
      for (const dependency of (task.dependsOn ?? []) as string[])
        expect(labels).toContain(dependency);
    }
  });

  it('runs only commands this repository has, on the ports reap and the playground use', () => {
    for (const task of tasks) {
      if (task.type === 'teamsfx' && task.command === 'deploy') {
        expect((task.args as Json).env).toBe('local'); // m365agents.local.yml
      }
      if (task.type !== 'shell') continue;
      const command = String(task.command);
      const npmScript = /^npm run ([\w:-]+)/.exec(command)?.[1];
      if (npmScript !== undefined) {
        expect(Object.keys(packageJson.scripts)).toContain(npmScript);
        continue;
      }
      const file = /^node (?:--[\w=-]+ )*(\S+)/.exec(command)?.[1];
      expect(file).toBeDefined();
      const source = String(file)
        .replace(/^dist\//, '')
        .replace(/\.js$/, '.ts');
      expect({ command, exists: exists(String(file)) || exists(source) }).toEqual({
        command,
        exists: true,
      });
    }
    const attach = (launch.configurations as Json[]).find((c) => c.request === 'attach');
    const start = tasks.find((t) => t.label === 'Start reap');
    expect(String(start?.command)).toContain(`--inspect=${String(attach?.port)}`);
  });
});
