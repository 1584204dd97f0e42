/**
 * `npm run package`: builds the Teams app package from `appPackage/`.
 *
 * Fills the manifest template's `${{NAME}}` placeholders (the Microsoft 365 Agents Toolkit
 * convention) from the environment, validates the result against the Teams schema bundled with
 * `@microsoft/app-manifest`, checks the icons, and writes
 * `appPackage/build/appPackage.<env>.zip` holding manifest.json and the two icons at its root.
 *
 *   npm run package                  env "local": unset variables fall back to demo values
 *   npm run package -- --env dev     also reads env/.env.dev and env/.env.dev.user; every variable
 *                                    must be set
 *
 * Exits 1, naming each problem by its manifest path, when the package would not be valid.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import zlib from 'node:zlib';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

/** One thing wrong with the package, named by where it is (`bots[0].botId`, `TAB_ENDPOINT`). */
export type ManifestProblem = { path: string; message: string };

// ---------------------------------------------------------------------------------------------
// Placeholders

/** The variables the manifest template uses, with the Agents Toolkit's names. */
export const PLACEHOLDER_NAMES = [
  'TEAMS_APP_ID',
  'BOT_ID',
  'TAB_ENDPOINT',
  'TAB_DOMAIN',
  'AAD_APP_CLIENT_ID',
] as const;
export type PlaceholderName = (typeof PLACEHOLDER_NAMES)[number];

/** What a local package uses for a variable that is not set: fixed, recognisable demo values. */
export const LOCAL_DEFAULTS: Readonly<Record<PlaceholderName, string>> = {
  TEAMS_APP_ID: 'a11e0000-0000-4000-8000-00000000000a',
  BOT_ID: 'a11e0000-0000-4000-8000-00000000000b',
  TAB_ENDPOINT: 'https://localhost:3978',
  TAB_DOMAIN: 'localhost',
  AAD_APP_CLIENT_ID: 'a11e0000-0000-4000-8000-00000000000c',
};

const GUID_NAMES: readonly PlaceholderName[] = ['TEAMS_APP_ID', 'BOT_ID', 'AAD_APP_CLIENT_ID'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;
/** An environment's name, as in env/.env.<name> and appPackage.<name>.zip. */
const ENV_NAME = /^[A-Za-z0-9_-]+$/;

export type ResolvedValues = {
  values: Record<PlaceholderName, string>;
  /** Variables that were unset and took their `LOCAL_DEFAULTS` value. */
  defaulted: PlaceholderName[];
  /** Variables that were unset and were worked out from another (TAB_DOMAIN from TAB_ENDPOINT). */
  derived: PlaceholderName[];
  problems: ManifestProblem[];
};

/**
 * Picks each placeholder's value from `env`, checks its form, and fills gaps.
 * @param allowDefaults - true for a local package; otherwise an unset variable is a problem.
 */
export function resolveValues(
  env: Readonly<Record<string, string | undefined>>,
  allowDefaults: boolean,
): ResolvedValues {
  const given: Partial<Record<PlaceholderName, string>> = {};
  for (const name of PLACEHOLDER_NAMES) {
    const value = env[name]?.trim();
    if (value) given[name] = value;
  }
  const problems: ManifestProblem[] = [];
  const derived: PlaceholderName[] = [];

  if (given.TAB_ENDPOINT !== undefined) {
    given.TAB_ENDPOINT = given.TAB_ENDPOINT.replace(/\/+$/, '');
    const url = parseUrl(given.TAB_ENDPOINT);
    if (!url || url.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash) {
      problems.push({
        path: 'TAB_ENDPOINT',
        message: `"${given.TAB_ENDPOINT}" must be an https origin such as https://reap.example.gov (Teams loads tabs only over https)`,
      });
    } else if (given.TAB_DOMAIN === undefined) {
      given.TAB_DOMAIN = url.host;
      derived.push('TAB_DOMAIN');
    }
  } else if (given.TAB_DOMAIN !== undefined) {
    given.TAB_ENDPOINT = `https://${given.TAB_DOMAIN}`;
    derived.push('TAB_ENDPOINT');
  }
  if (given.TAB_DOMAIN !== undefined && !HOST.test(given.TAB_DOMAIN)) {
    problems.push({
      path: 'TAB_DOMAIN',
      message: `"${given.TAB_DOMAIN}" must be a host name with an optional port, such as reap.example.gov, without https:// or a path`,
    });
  }
  for (const name of GUID_NAMES) {
    const value = given[name];
    if (value !== undefined && !GUID.test(value)) {
      problems.push({ path: name, message: `"${value}" must be a GUID` });
    }
  }

  const defaulted: PlaceholderName[] = [];
  const values = {} as Record<PlaceholderName, string>;
  for (const name of PLACEHOLDER_NAMES) {
    const value = given[name];
    if (value !== undefined) {
      values[name] = value;
    } else if (allowDefaults) {
      values[name] = LOCAL_DEFAULTS[name];
      defaulted.push(name);
    } else {
      values[name] = '';
      problems.push({
        path: name,
        message: 'is not set (only a local package may use demo values)',
      });
    }
  }
  return { values, defaulted, derived, problems };
}

function parseUrl(text: string): URL | undefined {
  return URL.canParse(text) ? new URL(text) : undefined;
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Replaces every `${{NAME}}` in the template's strings with `values[NAME]`. Works on the parsed
 * JSON, so a value can never break the document's syntax. A placeholder with no value is left in
 * place and reported at its path.
 */
export function substitutePlaceholders(
  template: unknown,
  values: Readonly<Record<string, string>>,
): { manifest: unknown; problems: ManifestProblem[] } {
  const problems: ManifestProblem[] = [];
  const walk = (node: unknown, at: (string | number)[]): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        const value = values[name];
        if (value !== undefined) return value;
        problems.push({ path: formatPath(at), message: `${whole} has no value` });
        return whole;
      });
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...at, i]));
    if (isObject(node)) {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, [...at, k])]));
    }
    return node;
  };
  return { manifest: walk(template, []), problems };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `['bots', 0, 'botId']` → `bots[0].botId`; the empty path is `(root)`. */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out === '' ? '(root)' : out;
}

// ---------------------------------------------------------------------------------------------
// Schema validation

const SCHEMA_HOME = 'https://developer.microsoft.com/json-schemas/teams';

function bundledSchemaDir(): string {
  return path.join(
    path.dirname(require.resolve('@microsoft/app-manifest')),
    'json-schemas',
    'teams',
  );
}

function schemaFolder(manifestVersion: string): string {
  return manifestVersion === 'devPreview' ? 'vDevPreview' : `v${manifestVersion}`;
}

/** Teams manifest versions whose schema `@microsoft/app-manifest` carries, oldest first. */
export function bundledSchemaVersions(): string[] {
  return fs
    .readdirSync(bundledSchemaDir())
    .filter((d) => /^v\d+\.\d+$/.test(d))
    .map((d) => d.slice(1))
    .sort((a, b) => {
      const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
      const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
      return aMajor - bMajor || aMinor - bMinor;
    });
}

/** The newest released (not devPreview) Teams schema version bundled, e.g. "1.30". */
export function newestBundledSchemaVersion(): string {
  const newest = bundledSchemaVersions().at(-1);
  if (newest === undefined) throw new Error('@microsoft/app-manifest bundles no Teams schema');
  return newest;
}

/**
 * Validates a manifest (placeholders already filled) against the bundled schema of the version it
 * declares. Never fetches: a version with no bundled schema is itself the problem.
 */
export async function validateManifest(manifest: unknown): Promise<ManifestProblem[]> {
  if (!isObject(manifest)) return [{ path: '(root)', message: 'must be a JSON object' }];
  const version = manifest.manifestVersion;
  const folder = typeof version === 'string' ? schemaFolder(version) : undefined;
  if (
    folder === undefined ||
    !fs.existsSync(path.join(bundledSchemaDir(), folder, 'MicrosoftTeams.schema.json'))
  ) {
    const versions = bundledSchemaVersions();
    return [
      {
        path: 'manifestVersion',
        message: `${JSON.stringify(version)} is not a Teams manifest version with a bundled schema (${versions[0]} to ${versions.at(-1)}, or devPreview)`,
      },
    ];
  }
  const problems: ManifestProblem[] = [];
  const schemaUrl = `${SCHEMA_HOME}/${folder}/MicrosoftTeams.schema.json`;
  const declared = manifest.$schema;
  if (typeof declared === 'string' && !declared.includes(`/teams/${folder}/`)) {
    problems.push({
      path: '$schema',
      message: `"${declared}" does not match manifestVersion ${String(version)}; expected ${schemaUrl}`,
    });
  }
  // fetchSchema reads the bundled copy for developer.microsoft.com URLs; the file exists (above).
  const schema = await AppManifestUtils.fetchSchema(schemaUrl);
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as AppManifest, schema);
  problems.push(...errors.map(schemaErrorToProblem));
  return dedupe(problems);
}

/** @microsoft/app-manifest reports `${instancePath} ${message}. Details: ${JSON params}`. */
const AJV_LINE = /^(\S*) ([\s\S]*?)\. Details: ([\s\S]*)$/;

function schemaErrorToProblem(line: string): ManifestProblem {
  const match = AJV_LINE.exec(line);
  if (!match) return { path: '(root)', message: line };
  const [, pointer = '', text = '', details = ''] = match;
  const segments: (string | number)[] = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const params = parseParams(details);
  let message = text;
  if (typeof params.missingProperty === 'string') {
    segments.push(params.missingProperty);
    message = 'is required';
  } else if (typeof params.additionalProperty === 'string') {
    segments.push(params.additionalProperty);
    message = 'is not a property the schema allows here';
  } else if (params.allowedValue !== undefined) {
    message = `${text}: ${JSON.stringify(params.allowedValue)}`;
  } else if (Array.isArray(params.allowedValues)) {
    message = `${text}: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return { path: formatPath(segments), message };
}

function parseParams(details: string): Record<string, unknown> {
  if (!details.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(details);
    return isObject(parsed) ? parsed : {};
  } catch (e) {
    // The details only sharpen the message; the line itself is still reported in full.
    if (e instanceof SyntaxError) return {};
    throw e;
  }
}

function dedupe(problems: ManifestProblem[]): ManifestProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Icons

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type PngInfo = {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colorType: number;
  interlaced: boolean;
};

/** Reads a PNG's IHDR. Throws when the bytes are not a PNG. */
export function readPngInfo(png: Buffer): PngInfo {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new Error('is not a PNG file');
  }
  if (png.toString('ascii', 12, 16) !== 'IHDR') throw new Error('is a PNG without an IHDR chunk');
  return {
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    bitDepth: png.readUInt8(24),
    colorType: png.readUInt8(25),
    interlaced: png.readUInt8(28) === 1,
  };
}

/**
 * Decodes an 8-bit, non-interlaced RGBA or grey + alpha PNG to RGBA pixels: enough to check an
 * outline icon. Throws for other layouts.
 */
export function decodePngRgba(png: Buffer): { width: number; height: number; rgba: Buffer } {
  const info = readPngInfo(png);
  const channels = info.colorType === 6 ? 4 : info.colorType === 4 ? 2 : 0;
  if (channels === 0 || info.bitDepth !== 8 || info.interlaced) {
    throw new Error(
      `uses PNG colour type ${info.colorType}, ${info.bitDepth}-bit${info.interlaced ? ', interlaced' : ''}; save it as 8-bit RGBA`,
    );
  }
  const idat: Buffer[] = [];
  for (let at = 8; at + 8 <= png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const { width, height } = info;
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) throw new Error('has truncated image data');
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (pixels[out + x - channels] ?? 0) : 0;
      const b = y > 0 ? (pixels[out - stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (pixels[out - stride + x - channels] ?? 0) : 0;
      const v = line[x] ?? 0;
      let predicted: number;
      switch (filter) {
        case 0:
          predicted = 0;
          break;
        case 1:
          predicted = a;
          break;
        case 2:
          predicted = b;
          break;
        case 3:
          predicted = (a + b) >> 1;
          break;
        case 4:
          predicted = paeth(a, b, c);
          break;
        default:
          throw new Error(`has an unknown row filter ${String(filter)}`);
      }
      pixels[out + x] = (v + predicted) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: pixels };
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const grey = pixels[i * 2] ?? 0;
    rgba.fill(grey, i * 4, i * 4 + 3);
    rgba[i * 4 + 3] = pixels[i * 2 + 1] ?? 0;
  }
  return { width, height, rgba };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Teams' icon rules: manifest key → required size, and whether only white may show. */
const ICON_RULES: Record<string, { size: number; whiteOnTransparent: boolean }> = {
  color: { size: 192, whiteOnTransparent: false },
  outline: { size: 32, whiteOnTransparent: true },
  color32x32: { size: 32, whiteOnTransparent: false },
};

/**
 * Checks the icons a manifest names: present, PNG, the size Teams requires (color 192×192,
 * outline 32×32), and the outline only white on transparent.
 * @param readIcon - returns the file at a manifest-relative path, or undefined when it is absent.
 */
export function checkIcons(
  manifest: unknown,
  readIcon: (relativePath: string) => Buffer | undefined,
): ManifestProblem[] {
  const icons = isObject(manifest) && isObject(manifest.icons) ? manifest.icons : {};
  const problems: ManifestProblem[] = [];
  for (const [key, rule] of Object.entries(ICON_RULES)) {
    const file = icons[key];
    if (typeof file !== 'string') continue; // a missing required icon is a schema problem
    const at = formatPath(['icons', key]);
    const png = readIcon(file);
    if (png === undefined) {
      problems.push({ path: at, message: `${file} is not in the app package folder` });
      continue;
    }
    try {
      const { width, height, colorType } = readPngInfo(png);
      if (width !== rule.size || height !== rule.size) {
        problems.push({
          path: at,
          message: `${file} is ${width}×${height}; Teams requires ${rule.size}×${rule.size}`,
        });
      }
      if (rule.whiteOnTransparent) {
        if (colorType !== 4 && colorType !== 6) {
          problems.push({
            path: at,
            message: `${file} has no alpha channel; it must be white on transparent`,
          });
        } else {
          const coloured = countNonWhitePixels(decodePngRgba(png).rgba);
          if (coloured > 0) {
            problems.push({
              path: at,
              message: `${file} has ${coloured} visible pixels that are not white; it must be white on transparent`,
            });
          }
        }
      }
    } catch (e) {
      problems.push({ path: at, message: `${file} ${(e as Error).message}` });
    }
  }
  return problems;
}

function countNonWhitePixels(rgba: Buffer): number {
  let count = 0;
  for (let i = 0; i + 3 < rgba.length; i += 4) {
    const visible = (rgba[i + 3] ?? 0) > 0;
    if (visible && (rgba[i] !== 0xff || rgba[i + 1] !== 0xff || rgba[i + 2] !== 0xff)) count++;
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// Zip

export type ZipEntry = { name: string; data: Buffer };

/** 2020-01-01, the plan's first year: a fixed stamp makes the same inputs give the same zip. */
const FIXED_ZIP_DATE = new Date(2020, 0, 1, 0, 0, 0);

/**
 * Writes a zip archive (deflate, or stored when deflate would not help) with `entries` in order.
 * @param modified - the timestamp written for every entry; fixed by default so builds repeat.
 */
export function createZip(entries: readonly ZipEntry[], modified: Date = FIXED_ZIP_DATE): Buffer {
  const names = new Set<string>();
  for (const { name } of entries) {
    if (!name || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
      throw new Error(`cannot zip an entry named ${JSON.stringify(name)}`);
    }
    if (names.has(name)) throw new Error(`cannot zip ${name} twice`);
    names.add(name);
  }
  const time =
    (modified.getHours() << 11) | (modified.getMinutes() << 5) | (modified.getSeconds() >> 1);
  const date =
    ((Math.max(modified.getFullYear(), 1980) - 1980) << 9) |
    ((modified.getMonth() + 1) << 5) |
    modified.getDate();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const crc = zlib.crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, fileName, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    // extra length, comment length, disk, internal and external attributes stay 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, fileName);

    offset += local.length + fileName.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// ---------------------------------------------------------------------------------------------
// Packaging

export type PackageOptions = {
  /** The folder holding manifest.json and the icons. */
  appPackageDir: string;
  /** "local", "dev", …: names the zip, and only "local" may fall back to demo values. */
  envName: string;
  /** Variables to fill the placeholders from. */
  env: Readonly<Record<string, string | undefined>>;
  /** Where the zip goes; `<appPackageDir>/build` by default. */
  outDir?: string;
};

export type PackageResult = {
  problems: ManifestProblem[];
  defaulted: PlaceholderName[];
  derived: PlaceholderName[];
  /** The value each placeholder was filled with. */
  values?: Record<PlaceholderName, string>;
  /** The zip written, when there were no problems. */
  zipPath?: string;
  /** The zip's entries, in order. */
  files: string[];
  manifestVersion?: string;
};

/** Fills, validates and zips the app package; writes nothing when there is any problem. */
export async function packageApp(options: PackageOptions): Promise<PackageResult> {
  const { appPackageDir, envName } = options;
  const result: PackageResult = { problems: [], defaulted: [], derived: [], files: [] };
  if (!ENV_NAME.test(envName)) {
    result.problems.push({
      path: '--env',
      message: `"${envName}" must be letters, digits, - or _`,
    });
    return result;
  }
  let template: unknown;
  try {
    template = JSON.parse(fs.readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8'));
  } catch (e) {
    result.problems.push({ path: 'manifest.json', message: (e as Error).message });
    return result;
  }

  const resolved = resolveValues(options.env, envName === 'local');
  result.defaulted = resolved.defaulted;
  result.derived = resolved.derived;
  result.values = resolved.values;
  if (resolved.problems.length > 0) {
    result.problems = resolved.problems;
    return result;
  }
  const { manifest, problems: unfilled } = substitutePlaceholders(template, resolved.values);
  const readIcon = (file: string): Buffer | undefined => {
    const full = path.resolve(appPackageDir, file);
    const inside = full.startsWith(path.resolve(appPackageDir) + path.sep);
    return inside && fs.existsSync(full) && fs.statSync(full).isFile()
      ? fs.readFileSync(full)
      : undefined;
  };
  result.problems = [
    ...unfilled,
    ...(await validateManifest(manifest)),
    ...checkIcons(manifest, readIcon),
  ];
  if (result.problems.length > 0) return result;

  const manifestObject = manifest as Record<string, unknown>;
  const entries: ZipEntry[] = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
  ];
  const icons = isObject(manifestObject.icons) ? manifestObject.icons : {};
  for (const file of Object.values(icons)) {
    if (typeof file !== 'string') continue;
    const name = path.posix.normalize(file.replace(/\\/g, '/'));
    const data = readIcon(file);
    if (data !== undefined && !entries.some((e) => e.name === name)) entries.push({ name, data });
  }
  const outDir = options.outDir ?? path.join(appPackageDir, 'build');
  fs.mkdirSync(outDir, { recursive: true });
  result.zipPath = path.join(outDir, `appPackage.${envName}.zip`);
  fs.writeFileSync(result.zipPath, createZip(entries));
  result.files = entries.map((e) => e.name);
  result.manifestVersion = String(manifestObject.manifestVersion);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Command line

export type CliOutput = { log: (line: string) => void; error: (line: string) => void };

const USAGE = `usage: npm run package [-- --env NAME] [--dir APP_PACKAGE_DIR] [--out DIR]

Fills appPackage/manifest.json from ${PLACEHOLDER_NAMES.join(', ')},
validates it and writes appPackage/build/appPackage.<env>.zip.
  --env NAME  environment (default: $TEAMSFX_ENV, else "local"); reads env/.env.NAME and
              env/.env.NAME.user when present, the process environment winning over both.
              Only "local" may leave variables unset (demo values are used).`;

/**
 * The environments of an Agents Toolkit project: "local" and one per `env/.env.<name>` file
 * (`.user` files hold an environment's secrets, not another environment), sorted.
 */
export function listEnvironments(envDir: string): string[] {
  const names = new Set(['local']);
  if (fs.existsSync(envDir)) {
    for (const file of fs.readdirSync(envDir)) {
      const name = /^\.env\.([A-Za-z0-9_-]+)$/.exec(file)?.[1];
      if (name !== undefined) names.add(name);
    }
  }
  return [...names].sort();
}

/**
 * Reads an environment's files as the Agents Toolkit does: `env/.env.<name>`, then
 * `env/.env.<name>.user` (its secrets, git-ignored), the second winning. Absent files are skipped.
 * @returns the variables, and the files read in order.
 */
export function readEnvironmentFiles(
  envDir: string,
  envName: string,
): { values: Record<string, string>; files: string[] } {
  const values: Record<string, string> = {};
  const files: string[] = [];
  if (!ENV_NAME.test(envName)) return { values, files };
  for (const file of [`.env.${envName}`, `.env.${envName}.user`]) {
    const full = path.join(envDir, file);
    if (!fs.existsSync(full)) continue;
    Object.assign(values, parseEnv(fs.readFileSync(full, 'utf8')));
    files.push(full);
  }
  return { values, files };
}

/** Finds the folder holding appPackage/manifest.json, from this file (in src/ or dist/src/) up. */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'appPackage', 'manifest.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

function readOption(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === `--${name}`) return argv[i + 1];
    if (arg?.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

/**
 * Runs the packaging command and returns its exit code.
 * @param env - the process environment; the Agents Toolkit file env/.env.<env> fills what it lacks.
 */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  out: CliOutput = { log: (l) => console.log(l), error: (l) => console.error(l) },
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out.log(USAGE);
    return 0;
  }
  const root = findRepoRoot(__dirname);
  const envName = readOption(argv, 'env') ?? env.TEAMSFX_ENV ?? 'local';
  const appPackageDir = path.resolve(readOption(argv, 'dir') ?? path.join(root, 'appPackage'));
  const outOption = readOption(argv, 'out');
  const envDir = path.join(path.dirname(appPackageDir), 'env');
  const fromFiles = readEnvironmentFiles(envDir, envName);

  out.log(`reap: packaging the Teams app for env "${envName}"`);
  for (const file of fromFiles.files) out.log(`  read ${path.relative(process.cwd(), file)}`);
  if (fromFiles.files.length === 0 && envName !== 'local' && ENV_NAME.test(envName)) {
    out.log(
      `  no env/.env.${envName}: only the process environment is read (environments: ${listEnvironments(envDir).join(', ')})`,
    );
  }
  const result = await packageApp({
    appPackageDir,
    envName,
    env: { ...fromFiles.values, ...env },
    ...(outOption !== undefined ? { outDir: path.resolve(outOption) } : {}),
  });
  for (const name of result.defaulted) {
    out.log(`  ${name} not set: using the local default ${LOCAL_DEFAULTS[name]}`);
  }
  for (const name of result.derived) {
    const from = name === 'TAB_DOMAIN' ? 'TAB_ENDPOINT' : 'TAB_DOMAIN';
    out.log(`  ${name} not set: derived from ${from} (${result.values?.[name] ?? ''})`);
  }
  if (result.problems.length > 0 || result.zipPath === undefined) {
    const count = result.problems.length;
    out.error(
      `reap: the app package is not valid (${count} ${count === 1 ? 'problem' : 'problems'}):`,
    );
    for (const p of result.problems) out.error(`  ${p.path}: ${p.message}`);
    return 1;
  }
  out.log(
    `reap: manifest valid against Teams schema v${result.manifestVersion}; wrote ${path.relative(process.cwd(), result.zipPath)} (${result.files.join(', ')})`,
  );
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2), process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error('reap: packaging failed:', e);
      process.exitCode = 1;
    },
  );
}
