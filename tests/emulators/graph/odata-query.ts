/**
 * The OData query options the emulator understands on SharePoint collections: `$filter` (comparisons,
 * `and`, `or`, `not`, parentheses, `startswith`), `$orderby`, `$select`, `$expand=fields(select=…)`,
 * `$top` and `$skiptoken`. Graph accepts each option with or without its `$`.
 */

export type Literal = string | number | boolean | null;

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: CompareOp; property: string; value: Literal }
  | { kind: 'startswith'; property: string; value: string };

/** A `$filter`, `$orderby` or `$expand` Graph cannot parse. */
export class ODataSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ODataSyntaxError';
  }
}

type Token =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'word'; value: string }
  | { type: '(' | ')' | ',' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c });
      i += 1;
    } else if (c === "'") {
      // OData doubles a quote inside a string literal: 'O''Brien'.
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw new ODataSyntaxError('Unterminated string literal');
        const d = text.charAt(i);
        if (d === "'") {
          if (text.charAt(i + 1) === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += d;
        i += 1;
      }
      tokens.push({ type: 'string', value });
    } else {
      const m = /^-?\d+(\.\d+)?(?![\w/])/.exec(text.slice(i));
      if (m) {
        tokens.push({ type: 'number', value: Number(m[0]) });
        i += m[0].length;
        continue;
      }
      const w = /^[A-Za-z_@$][\w/.@$]*/.exec(text.slice(i));
      if (!w) throw new ODataSyntaxError(`Syntax error at position ${i} in '${text}'`);
      tokens.push({ type: 'word', value: w[0] });
      i += w[0].length;
    }
  }
  return tokens;
}

const COMPARE_OPS: readonly string[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];

/** Parses a `$filter` expression. */
export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const next = (): Token => {
    const t = tokens[at];
    if (!t) throw new ODataSyntaxError(`Unexpected end of filter '${text}'`);
    at += 1;
    return t;
  };
  const isWord = (t: Token | undefined, value: string): boolean =>
    t?.type === 'word' && t.value.toLowerCase() === value;
  const expect = (type: Token['type']): void => {
    if (next().type !== type) throw new ODataSyntaxError(`Expected '${type}' in filter '${text}'`);
  };

  const literal = (): Literal => {
    const t = next();
    if (t.type === 'string' || t.type === 'number') return t.value;
    if (t.type === 'word') {
      const v = t.value.toLowerCase();
      if (v === 'true') return true;
      if (v === 'false') return false;
      if (v === 'null') return null;
    }
    throw new ODataSyntaxError(`Expected a literal in filter '${text}'`);
  };

  const primary = (): FilterNode => {
    const t = peek();
    if (t?.type === '(') {
      next();
      const inner = or();
      expect(')');
      return inner;
    }
    if (isWord(t, 'not')) {
      next();
      return { kind: 'not', operand: primary() };
    }
    if (isWord(t, 'startswith')) {
      next();
      expect('(');
      const property = next();
      if (property.type !== 'word') throw new ODataSyntaxError('startswith needs a property');
      expect(',');
      const value = literal();
      expect(')');
      if (typeof value !== 'string') throw new ODataSyntaxError('startswith needs a string');
      return { kind: 'startswith', property: property.value, value };
    }
    const property = next();
    if (property.type !== 'word') throw new ODataSyntaxError(`Expected a property in '${text}'`);
    const op = next();
    if (op.type !== 'word' || !COMPARE_OPS.includes(op.value.toLowerCase())) {
      throw new ODataSyntaxError(`Expected a comparison after '${property.value}' in '${text}'`);
    }
    return {
      kind: 'compare',
      op: op.value.toLowerCase() as CompareOp,
      property: property.value,
      value: literal(),
    };
  };
  const and = (): FilterNode => {
    let left = primary();
    while (isWord(peek(), 'and')) {
      next();
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const or = (): FilterNode => {
    let left = and();
    while (isWord(peek(), 'or')) {
      next();
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };

  const tree = or();
  if (at < tokens.length) throw new ODataSyntaxError(`Unexpected input in filter '${text}'`);
  return tree;
}

/** Every property a filter names, e.g. `fields/Key`. */
export function filterProperties(node: FilterNode): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...filterProperties(node.left), ...filterProperties(node.right)];
    case 'not':
      return filterProperties(node.operand);
    default:
      return [node.property];
  }
}

/** How to read a property of a candidate and whether text compares without regard to case. */
export type PropertyReader = (property: string) => { value: unknown; caseInsensitive: boolean };

function normalise(value: unknown, caseInsensitive: boolean): unknown {
  if (typeof value === 'string' && caseInsensitive) return value.toLowerCase();
  return value;
}

function compare(op: CompareOp, actual: unknown, expected: Literal, ci: boolean): boolean {
  let a = normalise(actual ?? null, ci);
  let e = normalise(expected, ci);
  // SharePoint answers boolean columns to `eq 1` and `eq true` alike.
  if (typeof a === 'boolean' && typeof e === 'number') e = e !== 0;
  if (typeof a === 'number' && typeof e === 'string' && e.trim() !== '' && !isNaN(Number(e))) {
    e = Number(e);
  }
  if (typeof a === 'string' && typeof e === 'number') a = Number(a);
  switch (op) {
    case 'eq':
      return a === e;
    case 'ne':
      return a !== e;
    default: {
      if (a === null || e === null) return false;
      const [x, y] = [a as string | number, e as string | number];
      if (op === 'gt') return x > y;
      if (op === 'ge') return x >= y;
      if (op === 'lt') return x < y;
      return x <= y;
    }
  }
}

/** Whether a candidate passes the filter. */
export function matches(node: FilterNode, read: PropertyReader): boolean {
  switch (node.kind) {
    case 'and':
      return matches(node.left, read) && matches(node.right, read);
    case 'or':
      return matches(node.left, read) || matches(node.right, read);
    case 'not':
      return !matches(node.operand, read);
    case 'startswith': {
      const { value, caseInsensitive } = read(node.property);
      return (
        typeof value === 'string' &&
        String(normalise(value, caseInsensitive)).startsWith(
          String(normalise(node.value, caseInsensitive)),
        )
      );
    }
    case 'compare': {
      const { value, caseInsensitive } = read(node.property);
      return compare(node.op, value, node.value, caseInsensitive);
    }
  }
}

/** `$orderby=fields/Title desc`. */
export type OrderBy = { property: string; descending: boolean };

export function parseOrderBy(text: string): OrderBy[] {
  return splitTopLevel(text).map((part) => {
    const [property, direction, ...rest] = part.trim().split(/\s+/);
    if (!property || rest.length > 0 || (direction && !/^(asc|desc)$/i.test(direction))) {
      throw new ODataSyntaxError(`Invalid $orderby '${text}'`);
    }
    return { property, descending: direction?.toLowerCase() === 'desc' };
  });
}

/** `$expand=fields(select=A,B)` or `$expand=fields($select=A,B)`: the expanded navigation properties. */
export type Expand = Map<string, { select?: string[] }>;

export function parseExpand(text: string): Expand {
  const out: Expand = new Map();
  for (const part of splitTopLevel(text)) {
    const m = /^\s*([\w.]+)\s*(?:\((.*)\))?\s*$/.exec(part);
    if (!m?.[1]) throw new ODataSyntaxError(`Invalid $expand '${text}'`);
    const options: { select?: string[] } = {};
    for (const option of (m[2] ?? '').split(';').filter((o) => o.trim())) {
      const [name, value] = option.split('=');
      if (name?.trim().replace(/^\$/, '').toLowerCase() === 'select' && value) {
        options.select = value.split(',').map((s) => s.trim());
      }
    }
    out.set(m[1].toLowerCase(), options);
  }
  return out;
}

/** Splits on commas outside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '(') depth += 1;
    if (c === ')') depth -= 1;
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  if (current.trim()) parts.push(current);
  return parts;
}

/** A query option by its name with or without `$` (Graph takes both). */
export function queryOption(query: URLSearchParams, name: string): string | undefined {
  return query.get(`$${name}`) ?? query.get(name) ?? undefined;
}

/** `$select=id,displayName`. */
export function parseSelect(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
