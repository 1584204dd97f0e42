import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  LOCAL_DEFAULTS,
  PLACEHOLDER_NAMES,
  checkIcons,
  listEnvironments,
  main,
  packageApp,
  readEnvironmentFiles,
  readPngInfo,
  validateManifest,
  type PlaceholderName,
} from '../../src/cli/package-app';
import { readZip } from './zip-reader';

// As in manifest.test.ts: @microsoft/app-manifest require()s strip-bom 5, an ES module Jest's
// module runtime cannot load; the packager never reads a manifest through the library.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

const root = path.resolve(__dirname, '../..');
const appPackageDir = path.join(root, 'appPackage');
const envDir = path.join(root, 'env');
const templateText = fs.readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8');

type Json = Record<string, unknown>;

/**
 * What provision would have written for an environment: a distinct GUID per id and an https
 * origin per environment, for every placeholder its files leave empty.
 */
function provisionedStandIns(envName: string): Record<PlaceholderName, string> {
  const n = (i: number) => String(i).repeat(8);
  return {
    TEAMS_APP_ID: `${n(1)}-1111-4111-8111-${n(1)}1111`,
    BOT_ID: `${n(2)}-2222-4222-8222-${n(2)}2222`,
    AAD_APP_CLIENT_ID: `${n(3)}-3333-4333-8333-${n(3)}3333`,
    TAB_ENDPOINT: `https://reap${envName}-abc123.azurewebsites.net`,
    TAB_DOMAIN: `reap${envName}-abc123.azurewebsites.net`,
  };
}

/** An environment's variables as `npm run package -- --env <name>` would fill the manifest. */
function environmentValues(envName: string): Record<string, string> {
  const { values } = readEnvironmentFiles(envDir, envName);
  if (envName === 'local') return values;
  const filled: Record<string, string> = { ...values };
  for (const [name, standIn] of Object.entries(provisionedStandIns(envName))) {
    if (!filled[name]) filled[name] = standIn;
  }
  return filled;
}

const environments = listEnvironments(envDir);

describe("every environment's app package", () => {
  let outDir: string;
  beforeAll(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reap-environments-'));
  });
  afterAll(() => {
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('covers local and each env/.env.<name> file', () => {
    expect(environments).toEqual(expect.arrayContaining(['local', 'dev']));
    for (const name of environments.filter((e) => e !== 'local')) {
      expect(fs.existsSync(path.join(envDir, `.env.${name}`))).toBe(true);
    }
  });

  it.each(environments)('%s: declares every variable the manifest template uses', (envName) => {
    const used = new Set([...templateText.matchAll(/\$\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]));
    const file = path.join(envDir, `.env.${envName}`);
    if (!fs.existsSync(file)) return; // local without a file: the demo values
    const declared = Object.keys(readEnvironmentFiles(envDir, envName).values);
    for (const name of used)
      expect({ envName, name, declared: declared.includes(String(name)) }).toEqual({
        envName,
        name,
        declared: true,
      });
  });

  it.each(environments)(
    '%s: builds appPackage.%s.zip whose manifest is valid and whose icons meet Teams rules',
    async (envName) => {
      const env = environmentValues(envName);
      const result = await packageApp({ appPackageDir, envName, env, outDir });
      expect(result.problems).toEqual([]);
      expect(result.zipPath).toBe(path.join(outDir, `appPackage.${envName}.zip`));

      const files = readZip(fs.readFileSync(result.zipPath ?? ''));
      expect(files.map((f) => f.name).sort()).toEqual([
        'color.png',
        'manifest.json',
        'outline.png',
      ]);
      for (const file of files) expect(file.crcMatches).toBe(true);
      const manifest = JSON.parse(
        files.find((f) => f.name === 'manifest.json')?.data.toString('utf8') ?? '',
      ) as Json;
      expect(await validateManifest(manifest)).toEqual([]);
      expect(JSON.stringify(manifest)).not.toContain('${{');

      // The values are the environment's, or (local only) the demo ones.
      const expected = envName === 'local' ? { ...LOCAL_DEFAULTS, ...nonEmpty(env) } : env;
      expect(manifest.id).toBe(expected.TEAMS_APP_ID);
      expect(((manifest.bots as Json[])[0] as Json).botId).toBe(expected.BOT_ID);
      const domain = result.values?.TAB_DOMAIN ?? '';
      expect(manifest.validDomains).toEqual([domain]);
      expect(manifest.webApplicationInfo).toEqual({
        id: expected.AAD_APP_CLIENT_ID,
        resource: `api://${domain}/${expected.AAD_APP_CLIENT_ID}`,
      });

      // The icons inside the zip: colour 192×192, outline 32×32 white on transparent.
      const fromZip = (name: string) => files.find((f) => f.name === name)?.data;
      expect(readPngInfo(fromZip('color.png') ?? Buffer.alloc(0))).toMatchObject({
        width: 192,
        height: 192,
      });
      const outline = readPngInfo(fromZip('outline.png') ?? Buffer.alloc(0));
      expect(outline).toMatchObject({ width: 32, height: 32 });
      expect([4, 6]).toContain(outline.colorType);
      expect(checkIcons(manifest, fromZip)).toEqual([]);
    },
  );
});

function nonEmpty(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
}

describe('npm run package -- --env NAME', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reap-package-env-'));
    fs.mkdirSync(path.join(dir, 'appPackage'));
    fs.mkdirSync(path.join(dir, 'env'));
    for (const file of ['manifest.json', 'color.png', 'outline.png']) {
      fs.copyFileSync(path.join(appPackageDir, file), path.join(dir, 'appPackage', file));
    }
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = async (argv: string[], env: Record<string, string>) => {
    const lines: string[] = [];
    const io = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
    const args = [...argv, '--dir', path.join(dir, 'appPackage'), '--out', path.join(dir, 'out')];
    return { code: await main(args, env, io), lines };
  };

  it('reads env/.env.NAME, then env/.env.NAME.user, the process environment winning over both', async () => {
    const standIns = provisionedStandIns('prod');
    fs.writeFileSync(
      path.join(dir, 'env', '.env.prod'),
      `TEAMSFX_ENV=prod\nTEAMS_APP_ID=${standIns.TEAMS_APP_ID}\nBOT_ID=00000000-0000-4000-8000-000000000000\nTAB_ENDPOINT=${standIns.TAB_ENDPOINT}\n`,
    );
    fs.writeFileSync(
      path.join(dir, 'env', '.env.prod.user'),
      `AAD_APP_CLIENT_ID=${standIns.AAD_APP_CLIENT_ID}\nSECRET_BOT_PASSWORD=crypto_not_needed\n`,
    );
    const { code, lines } = await run(['--env', 'prod'], { BOT_ID: standIns.BOT_ID });
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/read .*env\/\.env\.prod$/),
        expect.stringMatching(/read .*env\/\.env\.prod\.user$/),
      ]),
    );
    expect(code).toBe(0);
    const files = readZip(fs.readFileSync(path.join(dir, 'out', 'appPackage.prod.zip')));
    const manifest = JSON.parse(
      files.find((f) => f.name === 'manifest.json')?.data.toString('utf8') ?? '',
    ) as Json;
    expect(manifest.id).toBe(standIns.TEAMS_APP_ID);
    expect(((manifest.bots as Json[])[0] as Json).botId).toBe(standIns.BOT_ID);
    expect((manifest.webApplicationInfo as Json).id).toBe(standIns.AAD_APP_CLIENT_ID);
    expect(manifest.validDomains).toEqual([standIns.TAB_DOMAIN]);
  });

  it('says which environments exist when NAME has no file, and writes nothing unset', async () => {
    fs.writeFileSync(path.join(dir, 'env', '.env.dev'), 'TEAMSFX_ENV=dev\n');
    const { code, lines } = await run(['--env', 'staging'], {});
    expect(code).toBe(1);
    expect(lines).toContain(
      '  no env/.env.staging: only the process environment is read (environments: dev, local)',
    );
    for (const name of PLACEHOLDER_NAMES) {
      expect(lines).toContain(`  ${name}: is not set (only a local package may use demo values)`);
    }
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('listEnvironments', () => {
  it('names local and one environment per env/.env.<name>, secrets files aside', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reap-env-list-'));
    try {
      for (const file of ['.env.dev', '.env.dev.user', '.env.prod', 'README.md', '.env.bad name']) {
        fs.writeFileSync(path.join(dir, file), '');
      }
      expect(listEnvironments(dir)).toEqual(['dev', 'local', 'prod']);
      expect(listEnvironments(path.join(dir, 'missing'))).toEqual(['local']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
