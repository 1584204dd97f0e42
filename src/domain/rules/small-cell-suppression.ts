/**
 * Small-cell suppression of a table of counts with its totals, as statistical offices publish
 * survey tables: no count under the threshold is shown, and no shown figure lets anyone work a
 * hidden one out.
 *
 * The table has rows (departments) and columns (groups); each row has a total (the department's
 * respondents), each column a total (the group citywide), and there is a grand total. Every figure
 * is one unknown of a set of sums: row r is `Σc cell(r,c) = rowTotal(r)`, column c is
 * `Σr cell(r,c) = columnTotal(c)`, and `Σ rowTotals = grand = Σ columnTotals`. Drawn as a graph
 * (a vertex per sum, an edge per figure: a cell joins its row and its column, a row total joins
 * its row and the "rows" vertex, a column total its column and the "columns" vertex, the grand
 * total those two), the graph is bipartite, so the figures the shown ones cannot pin down are
 * exactly the hidden edges on a cycle of hidden edges. A hidden figure on no such cycle (a bridge)
 * follows by subtraction; hiding one more figure closing a cycle through it protects it.
 *
 * The rules, applied until nothing changes:
 * 1. primary: every figure (cell or total) under `threshold` is hidden, zeros included;
 * 2. no hidden figure may be a bridge of the hidden figures: the cheapest shown figures (fewest
 *    people) that close a cycle through it are hidden too; this is the "next smallest group" of a
 *    department whose total is shown, generalised across departments and totals;
 * 3. where a sum's total is shown, its hidden figures add up to something anyone can compute: if
 *    that is under `threshold` (two groups of 3 and 4 shown as "7 between them"), the next
 *    smallest shown figure of that sum is hidden as well.
 */

/** A table's counts: `counts[row][column]`, undefined where the row has no such group. */
export type CountTable = {
  rows: readonly string[];
  columns: readonly string[];
  counts: ReadonlyArray<ReadonlyArray<number | undefined>>;
};

/** Which figures of a table are hidden (true) or shown (false). */
export type SuppressionPattern = {
  cells: boolean[][];
  rowTotals: boolean[];
  columnTotals: boolean[];
  grandTotal: boolean;
};

/** Names a figure across tables with the same rows and columns (the questions of one survey). */
export type FigureKey = string;

export const cellKey = (row: string, column: string): FigureKey => `cell|${row}|${column}`;
export const rowTotalKey = (row: string): FigureKey => `row|${row}`;
export const columnTotalKey = (column: string): FigureKey => `column|${column}`;
export const GRAND_TOTAL_KEY: FigureKey = 'grand';

type Edge = { key: FigureKey; a: number; b: number; count: number };

/** The sums of a table as a graph: vertices are sums, edges the figures. */
function graphOf(table: CountTable): { vertices: number; edges: Edge[]; totalEdge: number[] } {
  const m = table.rows.length;
  const n = table.columns.length;
  const rowsVertex = m + n;
  const columnsVertex = m + n + 1;
  const edges: Edge[] = [];
  const rowSum = new Array<number>(m).fill(0);
  const columnSum = new Array<number>(n).fill(0);
  const rowUsed = new Array<boolean>(m).fill(false);
  const columnUsed = new Array<boolean>(n).fill(false);
  table.rows.forEach((row, r) => {
    table.columns.forEach((column, c) => {
      const count = table.counts[r]?.[c];
      if (count === undefined) return;
      edges.push({ key: cellKey(row, column), a: r, b: m + c, count });
      rowSum[r] = (rowSum[r] ?? 0) + count;
      columnSum[c] = (columnSum[c] ?? 0) + count;
      rowUsed[r] = true;
      columnUsed[c] = true;
    });
  });
  // The edge holding the total of each vertex's sum (-1: the sum has none).
  const totalEdge = new Array<number>(m + n + 2).fill(-1);
  let grand = 0;
  table.rows.forEach((row, r) => {
    if (!rowUsed[r]) return;
    totalEdge[r] = edges.length;
    edges.push({ key: rowTotalKey(row), a: r, b: rowsVertex, count: rowSum[r] ?? 0 });
    grand += rowSum[r] ?? 0;
  });
  table.columns.forEach((column, c) => {
    if (!columnUsed[c]) return;
    totalEdge[m + c] = edges.length;
    edges.push({
      key: columnTotalKey(column),
      a: m + c,
      b: columnsVertex,
      count: columnSum[c] ?? 0,
    });
  });
  if (edges.length > 0) {
    totalEdge[rowsVertex] = edges.length;
    totalEdge[columnsVertex] = edges.length;
    edges.push({ key: GRAND_TOTAL_KEY, a: rowsVertex, b: columnsVertex, count: grand });
  }
  return { vertices: m + n + 2, edges, totalEdge };
}

/** Hidden edges that are bridges of the hidden subgraph (Tarjan's bridge finding). */
function bridges(vertices: number, edges: readonly Edge[], hidden: readonly boolean[]): number[] {
  const adjacent: Array<Array<{ to: number; edge: number }>> = Array.from(
    { length: vertices },
    () => [],
  );
  edges.forEach((e, i) => {
    if (!hidden[i]) return;
    adjacent[e.a]?.push({ to: e.b, edge: i });
    adjacent[e.b]?.push({ to: e.a, edge: i });
  });
  const order = new Array<number>(vertices).fill(-1);
  const low = new Array<number>(vertices).fill(0);
  const found: number[] = [];
  let counter = 0;
  for (let start = 0; start < vertices; start += 1) {
    if (order[start] !== -1) continue;
    // Iterative depth-first search: tables are small, but recursion depth is not worth a risk.
    const stack: Array<{ vertex: number; viaEdge: number; next: number }> = [
      { vertex: start, viaEdge: -1, next: 0 },
    ];
    order[start] = low[start] = counter++;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const list = adjacent[top.vertex] ?? [];
      if (top.next < list.length) {
        const { to, edge } = list[top.next]!;
        top.next += 1;
        if (edge === top.viaEdge) continue;
        if (order[to] === -1) {
          order[to] = low[to] = counter++;
          stack.push({ vertex: to, viaEdge: edge, next: 0 });
        } else {
          low[top.vertex] = Math.min(low[top.vertex]!, order[to]!);
        }
      } else {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) {
          low[parent.vertex] = Math.min(low[parent.vertex]!, low[top.vertex]!);
          if (low[top.vertex]! > order[parent.vertex]!) found.push(top.viaEdge);
        }
      }
    }
  }
  return found;
}

/** Vertices reachable from `from` over hidden edges, not crossing `without`. */
function reachable(
  from: number,
  edges: readonly Edge[],
  hidden: readonly boolean[],
  without: number,
): Set<number> {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const v = queue.shift()!;
    edges.forEach((e, i) => {
      if (!hidden[i] || i === without) return;
      const other = e.a === v ? e.b : e.b === v ? e.a : -1;
      if (other >= 0 && !seen.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    });
  }
  return seen;
}

/**
 * The cheapest shown edges joining `from` to `to` (hidden edges cost nothing; a shown one costs
 * its count, so the fewest people are hidden; never `without`).
 */
function cheapestJoin(
  vertices: number,
  edges: readonly Edge[],
  hidden: readonly boolean[],
  from: ReadonlySet<number>,
  to: ReadonlySet<number>,
  without: number,
): number[] {
  const cost = new Array<number>(vertices).fill(Infinity);
  const via = new Array<number>(vertices).fill(-1);
  const done = new Array<boolean>(vertices).fill(false);
  for (const v of from) cost[v] = 0;
  for (;;) {
    let v = -1;
    for (let i = 0; i < vertices; i += 1) {
      if (!done[i] && cost[i]! < Infinity && (v === -1 || cost[i]! < cost[v]!)) v = i;
    }
    if (v === -1) return [];
    if (to.has(v)) {
      const path: number[] = [];
      for (let at = v; via[at] !== -1;) {
        const e = edges[via[at]!]!;
        if (!hidden[via[at]!]) path.push(via[at]!);
        at = e.a === at ? e.b : e.a;
      }
      return path;
    }
    done[v] = true;
    edges.forEach((e, i) => {
      if (i === without) return;
      const other = e.a === v ? e.b : e.b === v ? e.a : -1;
      if (other < 0 || done[other]) return;
      // A tiny tie-break by position keeps the choice the same on every run.
      const step = hidden[i] ? 0 : e.count + 1 + i / 1e6;
      if (cost[v]! + step < cost[other]!) {
        cost[other] = cost[v]! + step;
        via[other] = i;
      }
    });
  }
}

/**
 * Which figures of `table` to hide so that none under `threshold` is shown or can be worked out
 * from the shown ones (see the module's comment for the rules).
 * @param forced figures to hide whatever their size (a linked table's pattern).
 */
export function suppressTable(
  table: CountTable,
  threshold: number,
  forced: ReadonlySet<FigureKey> = new Set(),
): SuppressionPattern {
  const { vertices, edges, totalEdge } = graphOf(table);
  const hidden = edges.map((e) => e.count < threshold || forced.has(e.key));
  for (let guard = 0; guard <= edges.length; guard += 1) {
    let changed = false;
    // Rule 2: every hidden figure on a cycle of hidden figures.
    for (;;) {
      const [bridge] = bridges(vertices, edges, hidden);
      if (bridge === undefined) break;
      const e = edges[bridge]!;
      const path = cheapestJoin(
        vertices,
        edges,
        hidden,
        reachable(e.a, edges, hidden, bridge),
        reachable(e.b, edges, hidden, bridge),
        bridge,
      );
      // The full graph has no bridge, so a join always exists; guard against a bug all the same.
      if (path.length === 0) throw new Error(`no complement protects ${e.key}`);
      for (const i of path) hidden[i] = true;
      changed = true;
    }
    // Rule 3: what hidden figures add up to, where their sum's total is shown, is no small figure.
    for (let v = 0; v < vertices; v += 1) {
      const total = totalEdge[v]!;
      if (total < 0 || hidden[total]) continue;
      const own = edges
        .map((e, i) => ({ e, i }))
        .filter(({ e, i }) => i !== total && (e.a === v || e.b === v));
      const hiddenSum = own.filter(({ i }) => hidden[i]).reduce((s, { e }) => s + e.count, 0);
      const anyHidden = own.some(({ i }) => hidden[i]);
      if (!anyHidden || hiddenSum >= threshold) continue;
      const next = own
        .filter(({ i }) => !hidden[i])
        .sort((x, y) => x.e.count - y.e.count || x.i - y.i)[0];
      hidden[next ? next.i : total] = true;
      changed = true;
    }
    if (!changed) break;
  }
  const pattern: SuppressionPattern = {
    cells: table.rows.map(() => table.columns.map(() => false)),
    rowTotals: table.rows.map(() => false),
    columnTotals: table.columns.map(() => false),
    grandTotal: false,
  };
  const hiddenKeys = new Set(edges.filter((_, i) => hidden[i]).map((e) => e.key));
  table.rows.forEach((row, r) => {
    table.columns.forEach((column, c) => {
      pattern.cells[r]![c] = hiddenKeys.has(cellKey(row, column));
    });
    pattern.rowTotals[r] = hiddenKeys.has(rowTotalKey(row));
  });
  table.columns.forEach((column, c) => {
    pattern.columnTotals[c] = hiddenKeys.has(columnTotalKey(column));
  });
  pattern.grandTotal = hiddenKeys.has(GRAND_TOTAL_KEY);
  return pattern;
}

/** The keys of the figures a pattern hides. */
export function hiddenFigures(table: CountTable, pattern: SuppressionPattern): Set<FigureKey> {
  const out = new Set<FigureKey>();
  table.rows.forEach((row, r) => {
    table.columns.forEach((column, c) => {
      if (pattern.cells[r]?.[c]) out.add(cellKey(row, column));
    });
    if (pattern.rowTotals[r]) out.add(rowTotalKey(row));
  });
  table.columns.forEach((column, c) => {
    if (pattern.columnTotals[c]) out.add(columnTotalKey(column));
  });
  if (pattern.grandTotal) out.add(GRAND_TOTAL_KEY);
  return out;
}

/**
 * Patterns for tables that share people (the questions of one survey year, answered by the same
 * staff): a figure hidden in one table is hidden in all, else a group's count shown for one
 * question would undo its complement in another. Repeats until every table hides the same.
 */
export function suppressLinkedTables(
  tables: readonly CountTable[],
  threshold: number,
): SuppressionPattern[] {
  let forced = new Set<FigureKey>();
  for (;;) {
    const patterns = tables.map((t) => suppressTable(t, threshold, forced));
    const union = new Set(forced);
    tables.forEach((t, i) => {
      for (const key of hiddenFigures(t, patterns[i]!)) union.add(key);
    });
    if (union.size === forced.size) return patterns;
    forced = union;
  }
}
