import fc from 'fast-check';
import { CsvSyntaxError, parseCsv } from './csv-parser';

describe('parseCsv', () => {
  it('reads records and the line each starts on', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
    ]);
  });

  it('tolerates CRLF, a lone CR, a byte-order mark and no final line break', () => {
    expect(parseCsv('\uFEFFa,b\r\n1,2\r3,4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('"a, b","say ""hi""","two\r\nlines"\r\nnext,"",x\r\n')).toEqual([
      { line: 1, fields: ['a, b', 'say "hi"', 'two\r\nlines'] },
      { line: 3, fields: ['next', '', 'x'] },
    ]);
  });

  it('skips blank lines but counts them', () => {
    expect(parseCsv('a\n\n\nb\n\n')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 4, fields: ['b'] },
    ]);
  });

  it('keeps empty fields', () => {
    expect(parseCsv(',\n""\n')).toEqual([
      { line: 1, fields: ['', ''] },
      { line: 2, fields: [''] },
    ]);
  });

  it.each([
    ['a"b,c\n', 1, /quote/],
    ['ok\n"a"b,c\n', 2, /after the closing quote/],
    ['ok\nok\n"never closed,\nstill\n', 3, /never closed/],
  ])('refuses %p, naming line %p', (text, line, message) => {
    let error: unknown;
    try {
      parseCsv(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).line).toBe(line);
    expect((error as CsvSyntaxError).message).toMatch(message);
  });

  it('reads back whatever an RFC 4180 writer writes', () => {
    // A field that starts with a byte-order mark is quoted too, as the mark would be dropped.
    const quote = (f: string) =>
      /^\uFEFF|[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f;
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'binary' }), { minLength: 2, maxLength: 5 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (rows) => {
          const text = rows.map((r) => r.map(quote).join(',')).join('\r\n');
          expect(parseCsv(text).map((r) => r.fields)).toEqual(rows);
        },
      ),
    );
  });
});
