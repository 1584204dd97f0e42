import fc from 'fast-check';
import {
  suppressLinkedTables,
  suppressTable,
  type CountTable,
  type SuppressionPattern,
} from './small-cell-suppression';

/** Every figure of a table (cells, row totals, column totals, grand total), as an attacker sees it. */
type Figure = { name: string; count: number; hidden: boolean };

function figures(table: CountTable, p: SuppressionPattern): Figure[] {
  const out: Figure[] = [];
  let grand = 0;
  table.rows.forEach((row, r) => {
    let sum = 0;
    let any = false;
    table.columns.forEach((column, c) => {
      const count = table.counts[r]?.[c];
      if (count === undefined) return;
      any = true;
      sum += count;
      out.push({ name: `${row}/${column}`, count, hidden: p.cells[r]![c]! });
    });
    if (any) out.push({ name: `${row}/total`, count: sum, hidden: p.rowTotals[r]! });
    grand += sum;
  });
  table.columns.forEach((column, c) => {
    const counts = table.rows
      .map((_, r) => table.counts[r]?.[c])
      .filter((n): n is number => n !== undefined);
    if (counts.length === 0) return;
    out.push({
      name: `all/${column}`,
      count: counts.reduce((s, n) => s + n, 0),
      hidden: p.columnTotals[c]!,
    });
  });
  if (out.length > 0) out.push({ name: 'all/total', count: grand, hidden: p.grandTotal });
  return out;
}

/**
 * The hidden figures someone could compute exactly from the shown ones with the table's sums
 * (rows, columns, totals): Gaussian elimination over the sums, independent of the code under test.
 */
function derivable(table: CountTable, p: SuppressionPattern): string[] {
  const all = figures(table, p);
  const index = new Map(all.map((f, i) => [f.name, i]));
  const equations: Array<Map<number, number>> = [];
  const sumOf = (parts: string[], total: string) => {
    const eq = new Map<number, number>();
    for (const name of parts) eq.set(index.get(name)!, 1);
    eq.set(index.get(total)!, -1);
    equations.push(eq);
  };
  table.rows.forEach((row, r) => {
    const parts = table.columns
      .filter((_, c) => table.counts[r]?.[c] !== undefined)
      .map((column) => `${row}/${column}`);
    if (parts.length) sumOf(parts, `${row}/total`);
  });
  table.columns.forEach((column, c) => {
    const parts = table.rows
      .filter((_, r) => table.counts[r]?.[c] !== undefined)
      .map((row) => `${row}/${column}`);
    if (parts.length) sumOf(parts, `all/${column}`);
  });
  sumOf(
    all.filter((f) => f.name.endsWith('/total') && f.name !== 'all/total').map((f) => f.name),
    'all/total',
  );
  // Keep only the hidden unknowns' coefficients (the shown ones are known constants).
  const hidden = all.map((f, i) => ({ f, i })).filter(({ f }) => f.hidden);
  const matrix = equations.map((eq) => hidden.map(({ i }) => eq.get(i) ?? 0));
  const rank = (rows: number[][]): number => {
    const m = rows.map((r) => [...r]);
    let rk = 0;
    const cols = m[0]?.length ?? 0;
    for (let c = 0; c < cols && rk < m.length; c += 1) {
      const pivot = m.findIndex((row, i) => i >= rk && Math.abs(row[c]!) > 1e-9);
      if (pivot < 0) continue;
      [m[rk], m[pivot]] = [m[pivot]!, m[rk]!];
      for (let i = 0; i < m.length; i += 1) {
        if (i === rk) continue;
        const f = m[i]![c]! / m[rk]![c]!;
        for (let k = c; k < cols; k += 1) m[i]![k]! -= f * m[rk]![k]!;
      }
      rk += 1;
    }
    return rk;
  };
  const base = rank(matrix);
  return hidden
    .filter((_, j) => rank([...matrix, hidden.map((__, k) => (k === j ? 1 : 0))]) === base)
    .map(({ f }) => f.name);
}

const shownSmall = (table: CountTable, p: SuppressionPattern, threshold: number) =>
  figures(table, p)
    .filter((f) => !f.hidden && f.count < threshold)
    .map((f) => f.name);

describe('small-cell suppression', () => {
  it('hides a group under the threshold and the next smallest group of the same department, because the department total gives the remaining one by subtraction', () => {
    const table: CountTable = {
      rows: ['MHD'],
      columns: ['Asian', 'Black', 'Hispanic', 'White'],
      counts: [[4, 25, 12, 60]],
    };
    const p = suppressTable(table, 10);
    expect(p.cells[0]).toEqual([true, false, true, false]);
    expect(p.rowTotals[0]).toBe(false); // the department total is still shown
    expect(derivable(table, p)).toEqual([]);
    expect(shownSmall(table, p, 10)).toEqual([]);
  });

  it('without the complement, the small group would follow from the total: the check itself sees it', () => {
    const table: CountTable = {
      rows: ['MHD'],
      columns: ['Asian', 'Black', 'White'],
      counts: [[4, 25, 60]],
    };
    const onlyPrimary: SuppressionPattern = {
      cells: [[true, false, false]],
      rowTotals: [false],
      columnTotals: [true, false, false],
      grandTotal: false,
    };
    // 89 - 25 - 60 = 4: the attacker's subtraction.
    expect(derivable(table, onlyPrimary)).toEqual(expect.arrayContaining(['MHD/Asian']));
  });

  it('hides more than one complement when the two hidden groups together are still a small figure', () => {
    const table: CountTable = {
      rows: ['DER'],
      columns: ['A', 'B', 'C', 'D'],
      counts: [[3, 4, 30, 40]],
    };
    const p = suppressTable(table, 10);
    // 3 and 4 are both small; shown as "7 between them" they would still be under 10.
    expect(p.cells[0]).toEqual([true, true, true, false]);
    expect(derivable(table, p)).toEqual([]);
  });

  it('protects a department figure from subtraction across departments through the citywide group total', () => {
    const table: CountTable = {
      rows: ['DOA', 'DPW', 'MPD'],
      columns: ['Black', 'Hispanic', 'White'],
      counts: [
        [30, 6, 50],
        [80, 40, 120],
        [200, 90, 300],
      ],
    };
    const p = suppressTable(table, 10);
    expect(p.cells[0]![1]).toBe(true); // DOA Hispanic 6
    // Its column (Hispanic citywide is shown) and its row both have a second hidden figure.
    expect(p.cells.filter((row) => row[1]).length).toBeGreaterThanOrEqual(2);
    expect(p.cells[0]!.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    expect(derivable(table, p)).toEqual([]);
    expect(shownSmall(table, p, 10)).toEqual([]);
  });

  it('hides a department total under the threshold, and keeps it from following from the grand total', () => {
    const table: CountTable = {
      rows: ['MAYR', 'DPW', 'MPD'],
      columns: ['Black', 'White'],
      counts: [
        [3, 4],
        [80, 120],
        [200, 300],
      ],
    };
    const p = suppressTable(table, 10);
    expect(p.rowTotals[0]).toBe(true);
    expect(shownSmall(table, p, 10)).toEqual([]);
    expect(derivable(table, p)).toEqual([]);
  });

  it('shows everything when every figure is at least the threshold', () => {
    const table: CountTable = { rows: ['DPW'], columns: ['Black', 'White'], counts: [[10, 12]] };
    const p = suppressTable(table, 10);
    expect(p).toEqual({
      cells: [[false, false]],
      rowTotals: [false],
      columnTotals: [false, false],
      grandTotal: false,
    });
  });

  it('hides everything of a department smaller than the threshold', () => {
    const table: CountTable = { rows: ['PORT'], columns: ['Black', 'White'], counts: [[2, 5]] };
    const p = suppressTable(table, 10);
    expect(p.cells[0]).toEqual([true, true]);
    expect(p.rowTotals[0]).toBe(true);
    expect(p.grandTotal).toBe(true);
  });

  it('hides the same figures in every question of a survey, so one question cannot undo another', () => {
    const columns = ['Asian', 'Black', 'White'];
    const q1: CountTable = { rows: ['MHD'], columns, counts: [[4, 25, 60]] };
    // In the second question the Asian group is large enough, but Black was q1's complement.
    const q2: CountTable = { rows: ['MHD'], columns, counts: [[11, 24, 59]] };
    const [p1, p2] = suppressLinkedTables([q1, q2], 10);
    expect(p1!.cells).toEqual(p2!.cells);
    expect(derivable(q1, p1!)).toEqual([]);
    expect(derivable(q2, p2!)).toEqual([]);
  });

  it('never shows a figure under the threshold and never lets a hidden one be computed (random tables)', () => {
    const tables = fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
      .chain(([rows, columns]) =>
        fc.array(
          fc.array(fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined, freq: 6 }), {
            minLength: columns,
            maxLength: columns,
          }),
          { minLength: rows, maxLength: rows },
        ),
      );
    fc.assert(
      fc.property(tables, fc.integer({ min: 1, max: 15 }), (counts, threshold) => {
        const table: CountTable = {
          rows: counts.map((_, r) => `R${r}`),
          columns: (counts[0] ?? []).map((_, c) => `C${c}`),
          counts,
        };
        const p = suppressTable(table, threshold);
        expect(shownSmall(table, p, threshold)).toEqual([]);
        expect(derivable(table, p)).toEqual([]);
      }),
      { numRuns: 300, seed: 9 },
    );
  });
});
