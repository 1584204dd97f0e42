import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One measured figure, printed as `bench: NAME = VALUE (target ...)`. */
export type Figure = { name: string; value: number; unit: string; target: string };

/** A benchmark: measures its figures afresh on every run. */
export type Benchmark = { name: string; run(): Promise<Figure[]> };

/** `bench: start.ms = 812 (target report)`, the line format of CONTRACTS.md. */
export function formatFigure(f: Figure): string {
  return `bench: ${f.name} = ${f.value} (target ${f.target})`;
}

/** Writes the run's figures to `bench/results.json` in the shape CONTRACTS.md fixes. */
export function writeResults(root: string, figures: Figure[]): string {
  const file = path.join(root, 'bench', 'results.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = {
    figures: Object.fromEntries(
      figures.map((f) => [f.name, { value: f.value, unit: f.unit, target: f.target }]),
    ),
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? 'unknown cpu'}, Node.js ${process.version}`,
    at: new Date().toISOString(),
  };
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  return file;
}
