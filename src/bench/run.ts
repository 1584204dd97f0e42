import { repoRoot } from '../config/config';
import { formatFigure, writeResults, type Benchmark, type Figure } from './figures';
import { apiBenchmark } from './api-bench';
import { campaignBenchmark } from './campaign-bench';
import { graphBenchmark } from './graph-bench';
import { invokeBenchmark } from './invoke-bench';
import { startBenchmark } from './start-bench';
import { tabBenchmark } from './tab-bench';

/**
 * `npm run bench [-- NAME]`: runs every benchmark (or those whose name starts with NAME), prints a
 * line per figure and writes bench/results.json.
 */
async function main(): Promise<void> {
  const root = repoRoot();
  const all: Benchmark[] = [
    startBenchmark(root),
    graphBenchmark(),
    invokeBenchmark(),
    apiBenchmark(),
    campaignBenchmark(),
    tabBenchmark(root),
  ];
  const wanted = process.argv.slice(2);
  const chosen = wanted.length ? all.filter((b) => wanted.some((w) => b.name.startsWith(w))) : all;
  if (chosen.length === 0) {
    console.error(
      `bench: no benchmark named ${wanted.join(', ')}; known: ${all.map((b) => b.name).join(', ')}`,
    );
    process.exit(2);
  }
  const figures: Figure[] = [];
  for (const bench of chosen) {
    console.error(`bench: running ${bench.name}...`);
    for (const f of await bench.run()) {
      figures.push(f);
      console.log(formatFigure(f));
    }
  }
  console.error(`bench: wrote ${writeResults(root, figures)}`);
}

main().catch((error: unknown) => {
  console.error('bench: failed', error);
  process.exit(1);
});
