import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  LOCAL_DEFAULTS,
  PLACEHOLDER_NAMES,
  checkIcons,
  createZip,
  listEnvironments,
  main,
  newestBundledSchemaVersion,
  packageApp,
  readEnvironmentFiles,
  resolveValues,
  substitutePlaceholders,
  validateManifest,
  type ManifestProblem,
} from '../../src/cli/package-app';
import { readZip } from './zip-reader';

// @microsoft/app-manifest require()s strip-bom 5, an ES module. Node 20.19+ loads that natively;
// Jest's module runtime cannot, so the test stands in a CommonJS copy. The packager never reads
// a manifest through the library (it parses the JSON itself), so the stand-in is not exercised.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

const appPackageDir = path.resolve(__dirname, '../../appPackage');
const templateText = fs.readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8');

type Json = Record<string, unknown>;

/** The template with every placeholder filled with the local defaults. */
function filledManifest(): Json {
  const { manifest, problems } = substitutePlaceholders(JSON.parse(templateText), LOCAL_DEFAULTS);
  expect(problems).toEqual([]);
  return manifest as Json;
}

function bot(manifest: Json): Json {
  return (manifest.bots as Json[])[0] as Json;
}

const paths = (problems: ManifestProblem[]): string[] => problems.map((p) => p.path);

function pngSize(file: string): { width: number; height: number; colorType: number } {
  const png = fs.readFileSync(path.join(appPackageDir, file));
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png[25] ?? -1 };
}

const readIcon = (file: string): Buffer | undefined => {
  const full = path.join(appPackageDir, file);
  return fs.existsSync(full) ? fs.readFileSync(full) : undefined;
};

describe('the manifest template', () => {
  it('targets the newest Teams schema bundled with @microsoft/app-manifest', () => {
    const template = JSON.parse(templateText) as Json;
    const newest = newestBundledSchemaVersion();
    expect(template.manifestVersion).toBe(newest);
    expect(template.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${newest}/MicrosoftTeams.schema.json`,
    );
  });

  it('keeps the Agents Toolkit placeholders for every deployment value', () => {
    for (const name of PLACEHOLDER_NAMES) expect(templateText).toContain(`\${{${name}}}`);
    const template = JSON.parse(templateText) as Json;
    expect(template.id).toBe('${{TEAMS_APP_ID}}');
    expect(bot(template).botId).toBe('${{BOT_ID}}');
    expect(template.webApplicationInfo).toEqual({
      id: '${{AAD_APP_CLIENT_ID}}',
      resource: 'api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}',
    });
    expect(template.validDomains).toEqual(['${{TAB_DOMAIN}}']);
  });

  it('is valid against the bundled schema once its placeholders are filled', async () => {
    expect(await validateManifest(filledManifest())).toEqual([]);
  });

  it('declares the bot commands and the Progress tab the design names', () => {
    const manifest = filledManifest();
    expect(bot(manifest).scopes).toEqual(['personal', 'team', 'groupChat']);
    const commands = (bot(manifest).commandLists as Json[]).flatMap((list) =>
      (list.commands as Json[]).map((c) => c.title),
    );
    expect(new Set(commands)).toEqual(new Set(['help', 'my trainings']));
    const progress = (manifest.staticTabs as Json[]).find((t) => t.entityId === 'progress');
    expect(progress).toMatchObject({
      name: 'Progress',
      contentUrl: 'https://localhost:3978/?view=citywide&theme={theme}',
      websiteUrl: 'https://localhost:3978/?view=citywide',
      scopes: ['personal'],
    });
    expect(manifest.name).toEqual({ short: 'reap', full: 'Racial Equity Action Plan' });
  });

  it('has the personal tabs Progress and My plan, My plan knowing the bot for its chat link', () => {
    const manifest = filledManifest();
    const tabs = (manifest.staticTabs as Json[]).filter((t) => t.name !== undefined);
    expect(tabs.map((t) => [t.entityId, t.name])).toEqual([
      ['progress', 'Progress'],
      ['my-plan', 'My plan'],
    ]);
    expect(tabs.find((t) => t.entityId === 'my-plan')).toEqual({
      entityId: 'my-plan',
      name: 'My plan',
      contentUrl: `https://localhost:3978/?view=my-plan&theme={theme}&bot=${LOCAL_DEFAULTS.BOT_ID}`,
      websiteUrl: 'https://localhost:3978/?view=my-plan',
      scopes: ['personal'],
      context: ['personalTab'],
    });
    // The bot's chat stays a tab of the personal app beside them.
    expect((manifest.staticTabs as Json[]).map((t) => t.entityId)).toContain('conversations');
  });

  it('has a channel tab whose configuration page picks the department, and can be changed', () => {
    const manifest = filledManifest();
    expect(manifest.configurableTabs).toEqual([
      {
        configurationUrl: 'https://localhost:3978/?view=config&theme={theme}',
        canUpdateConfiguration: true,
        scopes: ['team', 'groupChat'],
        context: ['channelTab', 'privateChatTab'],
      },
    ]);
  });

  it.each(listEnvironments(path.resolve(__dirname, '../../env')))(
    'is valid for the %s environment, with every tab on its tab endpoint',
    async (envName) => {
      const { values } = readEnvironmentFiles(path.resolve(__dirname, '../../env'), envName);
      // Values provision writes are empty in a fresh checkout: demo ones stand in for them.
      const filled = { ...LOCAL_DEFAULTS };
      for (const name of PLACEHOLDER_NAMES) if (values[name]) filled[name] = values[name];
      const { manifest, problems } = substitutePlaceholders(JSON.parse(templateText), filled);
      expect(problems).toEqual([]);
      expect(await validateManifest(manifest)).toEqual([]);
      const m = manifest as Json;
      const urls = [
        ...(m.staticTabs as Json[]).flatMap((t) => [t.contentUrl, t.websiteUrl]),
        ...(m.configurableTabs as Json[]).map((t) => t.configurationUrl),
      ].filter((u): u is string => typeof u === 'string');
      expect(urls.length).toBe(5);
      for (const url of urls) expect(url.startsWith(`${filled.TAB_ENDPOINT}/?view=`)).toBe(true);
    },
  );
});

describe('validateManifest', () => {
  it('names bots[0].botId when the bot has no id', async () => {
    const manifest = filledManifest();
    delete bot(manifest).botId;
    const problems = await validateManifest(manifest);
    expect(problems).toContainEqual({ path: 'bots[0].botId', message: 'is required' });
  });

  it('names bots[0].botId when the id is not a GUID', async () => {
    const manifest = filledManifest();
    bot(manifest).botId = 'reap-bot';
    expect(paths(await validateManifest(manifest))).toEqual(['bots[0].botId']);
  });

  it('refuses a manifestVersion with no bundled schema', async () => {
    const manifest = { ...filledManifest(), manifestVersion: '1.99' };
    const problems = await validateManifest(manifest);
    expect(paths(problems)).toEqual(['manifestVersion']);
    expect(problems[0]?.message).toContain('"1.99"');
  });

  it('refuses a $schema that points at another version than manifestVersion', async () => {
    const manifest = {
      ...filledManifest(),
      $schema:
        'https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json',
    };
    expect(paths(await validateManifest(manifest))).toEqual(['$schema']);
  });

  it('names a property the schema does not allow, and a bad accent colour', async () => {
    const manifest = { ...filledManifest(), accentColor: 'teal', packageName: 'gov.city.reap' };
    expect(paths(await validateManifest(manifest)).sort()).toEqual(['accentColor', 'packageName']);
  });
});

describe('placeholders', () => {
  it('fills every placeholder from the environment, inside longer strings too', () => {
    const env = {
      TEAMS_APP_ID: '11111111-1111-4111-8111-111111111111',
      BOT_ID: '22222222-2222-4222-8222-222222222222',
      TAB_ENDPOINT: 'https://reap.example.gov/',
      AAD_APP_CLIENT_ID: '33333333-3333-4333-8333-333333333333',
    };
    const resolved = resolveValues(env, false);
    expect(resolved.problems).toEqual([]);
    expect(resolved.derived).toEqual(['TAB_DOMAIN']);
    const { manifest } = substitutePlaceholders(JSON.parse(templateText), resolved.values);
    const m = manifest as Json;
    expect(m.id).toBe(env.TEAMS_APP_ID);
    expect(m.webApplicationInfo).toEqual({
      id: env.AAD_APP_CLIENT_ID,
      resource: `api://reap.example.gov/${env.AAD_APP_CLIENT_ID}`,
    });
    expect((m.staticTabs as Json[])[0]?.contentUrl).toBe(
      'https://reap.example.gov/?view=citywide&theme={theme}',
    );
    expect(JSON.stringify(m)).not.toContain('${{');
  });

  it('uses the local defaults for a local package and says which', () => {
    const resolved = resolveValues({}, true);
    expect(resolved.problems).toEqual([]);
    expect(resolved.defaulted).toEqual([...PLACEHOLDER_NAMES]);
    expect(resolved.values).toEqual(LOCAL_DEFAULTS);
  });

  it('refuses unset variables outside local, and malformed ones anywhere', () => {
    expect(paths(resolveValues({}, false).problems)).toEqual([...PLACEHOLDER_NAMES]);
    const bad = resolveValues(
      { BOT_ID: 'not-a-guid', TAB_ENDPOINT: 'http://reap.example.gov', TAB_DOMAIN: 'https://x/y' },
      true,
    );
    expect(paths(bad.problems).sort()).toEqual(['BOT_ID', 'TAB_DOMAIN', 'TAB_ENDPOINT']);
  });

  it('reports a placeholder with no value at its path', () => {
    const { problems } = substitutePlaceholders(
      { bots: [{ botId: '${{ NO_SUCH_ID }}' }] },
      LOCAL_DEFAULTS,
    );
    expect(problems).toEqual([
      { path: 'bots[0].botId', message: '${{ NO_SUCH_ID }} has no value' },
    ]);
  });
});

describe('icons', () => {
  it('has a 192×192 colour icon and a 32×32 outline icon with alpha, read from the PNG header', () => {
    expect(pngSize('color.png')).toMatchObject({ width: 192, height: 192 });
    const outline = pngSize('outline.png');
    expect(outline).toMatchObject({ width: 32, height: 32 });
    expect([4, 6]).toContain(outline.colorType);
  });

  it('passes the packager’s icon checks, outline white on transparent included', () => {
    expect(checkIcons(filledManifest(), readIcon)).toEqual([]);
  });

  it('reports icons of the wrong size or colour at their manifest path', () => {
    const swapped = { icons: { color: 'outline.png', outline: 'color.png' } };
    const problems = checkIcons(swapped, readIcon);
    expect(paths(problems)).toEqual(['icons.color', 'icons.outline', 'icons.outline']);
    expect(problems[0]?.message).toContain('32×32; Teams requires 192×192');
    expect(problems[2]?.message).toContain('not white');
  });

  it('are what make-icons.mjs draws', () => {
    const run = spawnSync(
      process.execPath,
      [path.join(appPackageDir, 'make-icons.mjs'), '--check'],
      {
        encoding: 'utf8',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('the app package zip', () => {
  let outDir: string;
  beforeEach(() => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reap-package-'));
  });
  afterEach(() => {
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('holds exactly manifest.json and the two icons at its root, intact', async () => {
    const result = await packageApp({ appPackageDir, envName: 'local', env: {}, outDir });
    expect(result.problems).toEqual([]);
    expect(result.zipPath).toBe(path.join(outDir, 'appPackage.local.zip'));
    const files = readZip(fs.readFileSync(result.zipPath ?? ''));
    expect(files.map((f) => f.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    for (const file of files) expect(file.crcMatches).toBe(true);
    for (const icon of ['color.png', 'outline.png']) {
      expect(files.find((f) => f.name === icon)?.data).toEqual(readIcon(icon));
    }
    const manifest = JSON.parse(
      files.find((f) => f.name === 'manifest.json')?.data.toString() ?? '',
    );
    expect(manifest.id).toBe(LOCAL_DEFAULTS.TEAMS_APP_ID);
    expect(await validateManifest(manifest)).toEqual([]);
  });

  it('names the zip after the environment and writes nothing when a variable is missing', async () => {
    const missing = await packageApp({ appPackageDir, envName: 'dev', env: {}, outDir });
    expect(missing.zipPath).toBeUndefined();
    expect(fs.readdirSync(outDir)).toEqual([]);
    const env = {
      TEAMS_APP_ID: '11111111-1111-4111-8111-111111111111',
      BOT_ID: '22222222-2222-4222-8222-222222222222',
      TAB_ENDPOINT: 'https://reap.example.gov',
      AAD_APP_CLIENT_ID: '33333333-3333-4333-8333-333333333333',
    };
    const dev = await packageApp({ appPackageDir, envName: 'dev', env, outDir });
    expect(dev.problems).toEqual([]);
    expect(fs.readdirSync(outDir)).toEqual(['appPackage.dev.zip']);
  });

  it('is a zip that unzip itself accepts', () => {
    const hasUnzip = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;
    if (!hasUnzip) return; // the reader above already proved the layout
    const zipPath = path.join(outDir, 'check.zip');
    const data = Buffer.from('{"a":1}\n'.repeat(50));
    fs.writeFileSync(
      zipPath,
      createZip([
        { name: 'manifest.json', data },
        { name: 'x.png', data: Buffer.from([1]) },
      ]),
    );
    const listing = execFileSync('unzip', ['-t', zipPath], { encoding: 'utf8' });
    expect(listing).toContain('No errors detected');
  });

  it('refuses entry names that would escape the archive root', () => {
    expect(() => createZip([{ name: '../manifest.json', data: Buffer.alloc(1) }])).toThrow();
  });
});

describe('npm run package', () => {
  it('prints each problem with its path and exits 1 for a broken manifest', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reap-broken-'));
    try {
      const broken = JSON.parse(templateText) as Json;
      delete bot(broken).botId;
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(broken));
      for (const icon of ['color.png', 'outline.png']) {
        fs.copyFileSync(path.join(appPackageDir, icon), path.join(dir, icon));
      }
      const lines: string[] = [];
      const io = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
      const code = await main(['--dir', dir, '--out', path.join(dir, 'build')], {}, io);
      expect(code).toBe(1);
      expect(lines).toContain('  bots[0].botId: is required');
      expect(lines.some((l) => l.includes('TEAMS_APP_ID not set'))).toBe(true);
      expect(fs.existsSync(path.join(dir, 'build'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
