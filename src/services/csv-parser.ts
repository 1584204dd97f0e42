/** One record of a CSV file: its fields, and the line of the file it starts on (1-based). */
export type CsvRecord = { line: number; fields: string[] };

/** The file is not CSV as RFC 4180 writes it; names the line where reading stopped. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Reads CSV as RFC 4180 writes it, and as spreadsheets and learning systems export it: a UTF-8
 * byte-order mark is dropped, records end in CRLF, LF or CR, fields may be quoted (`"a, b"`,
 * `"say ""hi"""`) and a quoted field may span lines. Blank lines are skipped. Each record keeps the
 * line it starts on, so a caller can name it in an error.
 * @throws CsvSyntaxError for a quote inside an unquoted field, text after a closing quote, or a
 * quoted field that never closes.
 */
export function parseCsv(text: string): CsvRecord[] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  /** True when the current field was quoted (so `""` is an empty field, not a missing one). */
  let quoted = false;

  const endRecord = () => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '' && !quoted;
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    quoted = false;
  };

  while (i < input.length) {
    const ch = input[i];
    if (ch === '"') {
      if (field !== '' || quoted) {
        throw new CsvSyntaxError(line, 'a quote (") inside a field that does not start with one');
      }
      quoted = true;
      const startLine = line;
      i += 1;
      for (;;) {
        if (i >= input.length) {
          throw new CsvSyntaxError(startLine, 'a quoted field is never closed');
        }
        const c = input[i];
        if (c === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (c === '\r' || c === '\n') {
          // A line break inside quotes is part of the field; CRLF counts as one line.
          if (c === '\r' && input[i + 1] === '\n') {
            field += '\r\n';
            i += 2;
          } else {
            field += c;
            i += 1;
          }
          line += 1;
          continue;
        }
        field += c;
        i += 1;
      }
      const next = input[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new CsvSyntaxError(line, 'text after the closing quote of a field');
      }
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      quoted = false;
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    field += ch;
    i += 1;
  }
  if (field !== '' || quoted || fields.length > 0) endRecord();
  return records;
}

/** A file refused before its rows are read: the line and why, as every CSV import reports it. */
export type CsvFileRefusal = {
  ok: false;
  rows: number;
  errors: Array<{ line: number; field: string; rule: string; message: string }>;
};

/**
 * Parses an import file into its header and data rows, or refuses it naming the line: a CSV
 * syntax error, or an empty file (the message names the `columns` its first line must have).
 */
export function readCsvRecords(
  text: string,
  columns: readonly string[],
): { ok: true; header: CsvRecord; rows: CsvRecord[] } | CsvFileRefusal {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return {
      ok: false,
      rows: 0,
      errors: [{ line: error.line, field: 'csv', rule: 'syntax', message: error.message }],
    };
  }
  const [header, ...rows] = records;
  if (!header) {
    return {
      ok: false,
      rows: 0,
      errors: [
        {
          line: 1,
          field: 'header',
          rule: 'columns',
          message: `the file is empty; the first line must name the columns ${columns.join(',')}`,
        },
      ],
    };
  }
  return { ok: true, header, rows };
}
