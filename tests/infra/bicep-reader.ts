/**
 * Reads what the infrastructure tests need from a Bicep file, without the Bicep compiler (no npm
 * package bundles it; `bicep-node` downloads it at run time). It understands Bicep's lexical
 * layer: `//` and block comments, single-quoted strings with escapes and `${...}` interpolations
 * (which may hold strings of their own), `'''` strings, and nested brackets. On top of that it
 * finds top-level `param`, `resource` and `output` declarations, a resource's body, and the
 * `name`/`value` entries of an `appSettings` array.
 */

/** A `param` declaration. */
export type BicepParam = {
  name: string;
  type: string;
  /** The default's expression as written, when there is one. */
  defaultValue?: string;
  /** Marked `@secure()`. */
  secure: boolean;
};

/** A `resource` declaration: its symbolic name, `Type@apiVersion`, and its body `{...}`. */
export type BicepResource = { symbol: string; type: string; body: string };

/** One entry of an `appSettings` array; `value` is the expression as written. */
export type AppSetting = { name: string; value: string };

export type BicepFile = {
  params: BicepParam[];
  resources: BicepResource[];
  outputs: { name: string; type: string; value: string }[];
  /** The text with every comment removed (strings untouched). */
  code: string;
};

const CLOSER: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

/** Index just past the string literal that starts at `start` (its opening quote). */
function endOfString(text: string, start: number): number {
  if (text.startsWith("'''", start)) {
    const end = text.indexOf("'''", start + 3);
    if (end < 0) throw new Error(`unterminated ''' string at offset ${start}`);
    return end + 3;
  }
  for (let i = start + 1; i < text.length;) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === "'") return i + 1;
    else if (c === '$' && text[i + 1] === '{') i = endOfBracket(text, i + 1);
    else i++;
  }
  throw new Error(`unterminated string at offset ${start}`);
}

/** Index just past a comment starting at `start`, or `start` when no comment starts there. */
function endOfComment(text: string, start: number): number {
  if (text.startsWith('//', start)) {
    const end = text.indexOf('\n', start);
    return end < 0 ? text.length : end;
  }
  if (text.startsWith('/*', start)) {
    const end = text.indexOf('*/', start + 2);
    if (end < 0) throw new Error(`unterminated comment at offset ${start}`);
    return end + 2;
  }
  return start;
}

/** Index just past the bracket group that opens at `open` (`{`, `[` or `(`). */
export function endOfBracket(text: string, open: number): number {
  const first = CLOSER[text[open] ?? ''];
  if (first === undefined) throw new Error(`no bracket at offset ${open}`);
  const expected = [first];
  for (let i = open + 1; i < text.length;) {
    const c = text[i] ?? '';
    const afterComment = endOfComment(text, i);
    if (afterComment !== i) {
      i = afterComment;
    } else if (c === "'") {
      i = endOfString(text, i);
    } else if (CLOSER[c] !== undefined) {
      expected.push(CLOSER[c]);
      i++;
    } else if (c === '}' || c === ']' || c === ')') {
      if (expected.pop() !== c) throw new Error(`unbalanced ${c} at offset ${i}`);
      if (expected.length === 0) return i + 1;
      i++;
    } else {
      i++;
    }
  }
  throw new Error(`unclosed ${text[open]} at offset ${open}`);
}

/** The text with comments removed; strings (which may contain `//`) are kept as they are. */
export function stripComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length;) {
    const afterComment = endOfComment(text, i);
    if (afterComment !== i) {
      i = afterComment;
    } else if (text[i] === "'") {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

/** Parses the declarations of a Bicep file. Throws on unbalanced brackets or strings. */
export function readBicep(text: string): BicepFile {
  const code = stripComments(text);
  const params: BicepParam[] = [];
  const paramLine = /^((?:@[^\n]*\n)*)param\s+(\w+)\s+(\w+)(?:[ \t]*=[ \t]*([^\n]+))?$/gm;
  for (const m of code.matchAll(paramLine)) {
    const [, decorators = '', name = '', type = '', defaultValue] = m;
    params.push({
      name,
      type,
      ...(defaultValue !== undefined ? { defaultValue: defaultValue.trim() } : {}),
      secure: /@secure\(\)/.test(decorators),
    });
  }
  const resources: BicepResource[] = [];
  const resourceLine = /^resource\s+(\w+)\s+'([^']+)'\s*=\s*(?:if\s*\([^\n]*?\)\s*)?\{/gm;
  for (const m of code.matchAll(resourceLine)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    resources.push({
      symbol: m[1] ?? '',
      type: m[2] ?? '',
      body: code.slice(open, endOfBracket(code, open)),
    });
  }
  const outputs = [...code.matchAll(/^output\s+(\w+)\s+(\w+)\s*=\s*([^\n]+)$/gm)].map((m) => ({
    name: m[1] ?? '',
    type: m[2] ?? '',
    value: (m[3] ?? '').trim(),
  }));
  return { params, resources, outputs, code };
}

/** The resource with this symbolic name; throws when there is none. */
export function resource(file: BicepFile, symbol: string): BicepResource {
  const found = file.resources.find((r) => r.symbol === symbol);
  if (!found) throw new Error(`no resource ${symbol} in the Bicep file`);
  return found;
}

/** Every `key: value` written in a body (at any depth), values as written, in order. */
export function propertyValues(body: string, key: string): string[] {
  const line = new RegExp(`^\\s*${key}:\\s*([^\\n]+)$`, 'gm');
  return [...body.matchAll(line)].map((m) => (m[1] ?? '').trim());
}

/** The entries of every `appSettings: [ { name: ..., value: ... } ]` array in the code. */
export function appSettings(code: string): AppSetting[] {
  const settings: AppSetting[] = [];
  for (const m of code.matchAll(/\bappSettings:\s*\[/g)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    const end = endOfBracket(code, open);
    for (let i = open + 1; i < end - 1; i++) {
      if (code[i] === "'") {
        i = endOfString(code, i) - 1;
      } else if (code[i] === '{') {
        const close = endOfBracket(code, i);
        const entry = code.slice(i, close);
        const { name, value } = objectProperties(entry);
        if (name === undefined || value === undefined) {
          throw new Error(`an appSettings entry without name or value: ${entry}`);
        }
        settings.push({ name: stringLiteral(name) ?? name, value });
        i = close - 1;
      }
    }
  }
  return settings;
}

/**
 * The top-level properties of an object literal `{ ... }`, values as written: one a line, or
 * separated by commas on one line.
 */
export function objectProperties(objectText: string): Record<string, string> {
  const properties: Record<string, string> = {};
  const add = (piece: string) => {
    const m = /^(\w+)\s*:\s*([\s\S]+)$/.exec(piece.trim());
    if (m) properties[m[1] ?? ''] = (m[2] ?? '').trim();
  };
  let start = 1;
  for (let i = 1; i < objectText.length - 1;) {
    const c = objectText[i] ?? '';
    const afterComment = endOfComment(objectText, i);
    if (afterComment !== i) {
      i = afterComment;
    } else if (c === "'") {
      i = endOfString(objectText, i);
    } else if (CLOSER[c] !== undefined) {
      i = endOfBracket(objectText, i);
    } else if (c === '\n' || c === ',') {
      add(objectText.slice(start, i));
      start = ++i;
    } else {
      i++;
    }
  }
  add(objectText.slice(start, objectText.length - 1));
  return properties;
}

/** The text of a plain string literal (`'abc'`, no interpolation), or undefined for anything else. */
export function stringLiteral(expression: string): string | undefined {
  const m = /^'((?:[^'\\$]|\\.|\$(?!\{))*)'$/.exec(expression.trim());
  if (!m) return undefined;
  return (m[1] ?? '').replace(/\\(.)/g, (_, c: string) =>
    c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c,
  );
}
