import { filterProperties, matches, parseExpand, parseFilter, parseOrderBy } from './odata-query';

const reader =
  (values: Record<string, unknown>) =>
  (property: string): { value: unknown; caseInsensitive: boolean } => ({
    value: values[property],
    caseInsensitive: true,
  });

describe('OData query options', () => {
  it("reads string literals with doubled quotes: 'O''Brien'", () => {
    const filter = parseFilter("fields/Name eq 'O''Brien'");
    expect(filter).toEqual({
      kind: 'compare',
      op: 'eq',
      property: 'fields/Name',
      value: "O'Brien",
    });
  });

  it('binds and tighter than or, and honours parentheses and not', () => {
    const filter = parseFilter('fields/A eq 1 or fields/B eq 2 and fields/C eq 3');
    expect(matches(filter, reader({ 'fields/A': 1 }))).toBe(true);
    expect(matches(filter, reader({ 'fields/B': 2 }))).toBe(false);
    const grouped = parseFilter('(fields/A eq 1 or fields/B eq 2) and not fields/C eq 3');
    expect(matches(grouped, reader({ 'fields/B': 2, 'fields/C': 4 }))).toBe(true);
    expect(filterProperties(grouped)).toEqual(['fields/A', 'fields/B', 'fields/C']);
  });

  it('compares text without regard to case, numbers as numbers, booleans to 1 and true', () => {
    expect(matches(parseFilter("fields/K eq 'ABC'"), reader({ 'fields/K': 'abc' }))).toBe(true);
    expect(matches(parseFilter('fields/N ge 10'), reader({ 'fields/N': 12 }))).toBe(true);
    expect(matches(parseFilter('fields/D eq 1'), reader({ 'fields/D': true }))).toBe(true);
    expect(matches(parseFilter('fields/D eq false'), reader({ 'fields/D': true }))).toBe(false);
    expect(matches(parseFilter("startswith(fields/K,'ab')"), reader({ 'fields/K': 'ABC' }))).toBe(
      true,
    );
  });

  it('refuses malformed filters, orderings and expansions', () => {
    expect(() => parseFilter("fields/A eq 'open")).toThrow(/Unterminated/);
    expect(() => parseFilter('fields/A 1')).toThrow();
    expect(() => parseOrderBy('fields/A sideways')).toThrow();
    expect(parseOrderBy('fields/A desc, fields/B')).toEqual([
      { property: 'fields/A', descending: true },
      { property: 'fields/B', descending: false },
    ]);
    expect(parseExpand('fields(select=A,B)').get('fields')).toEqual({ select: ['A', 'B'] });
    expect(parseExpand('fields($select=A)').get('fields')).toEqual({ select: ['A'] });
  });
});
