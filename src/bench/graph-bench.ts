import { randomUUID } from 'node:crypto';
import { MILWAUKEE_2020_2021, requirementsFor, type Completion } from '../domain';
import { systemClock } from '../services/clock';
import { generateDemoCity, type DemoCity } from '../services/demo/demo-city';
import { ProgressService } from '../services/progress-service';
import { listDef, toFields, type ListId } from '../store/sharepoint/schema';
import { startGraphEmulator, type GraphEmulator } from '../../tests/emulators/graph';
import { emulatedStore, provisionEmulator } from '../../tests/store/sharepoint-emulated';
import type { Benchmark, Figure } from './figures';

/** Puts the demo city straight into the emulator's lists, as if reap had written it earlier. */
export function seedEmulator(emulator: GraphEmulator, city: DemoCity): void {
  const site = emulator.siteId();
  const put = (id: ListId, records: object[]) => {
    const def = listDef(id);
    emulator.seedItems(
      site,
      def.displayName,
      records.map((r) => toFields(def, r as Record<string, unknown>)),
    );
  };
  put('departments', city.departments);
  put('goals', city.goals);
  put('strategies', city.strategies);
  put('trainings', city.trainings);
  put('waves', city.waves);
  put('milestones', city.milestones);
  put('people', city.people);
  put('members', city.members);
  put('completions', city.completions);
  put('visions', city.visions);
  put('analyses', city.analyses);
  put('impactStatements', city.impactStatements);
  put('partnershipMeetings', city.meetings);
}

/** 1,000 completions the demo city does not have yet. */
function newCompletions(city: DemoCity): Completion[] {
  const done = new Set(city.completions.map((c) => `${c.personId}|${c.trainingId}`));
  const out: Completion[] = [];
  for (const person of city.people) {
    for (const { training, wave } of requirementsFor(person, false, city.trainings, city.waves)) {
      if (out.length === 1000) return out;
      if (done.has(`${person.id}|${training.id}`)) continue;
      out.push({
        id: randomUUID(),
        personId: person.id,
        trainingId: training.id,
        waveId: wave.id,
        completedOn: wave.dueOn,
        recordedAt: new Date().toISOString(),
        source: 'import',
      });
    }
  }
  return out;
}

/**
 * The Graph cost of the SharePoint store on the emulator with the demo city: a cold and a
 * steady-state citywide view, and recording 1,000 completions.
 */
export function graphBenchmark(): Benchmark {
  return {
    name: 'graph',
    async run(): Promise<Figure[]> {
      const emulator = await startGraphEmulator();
      try {
        await provisionEmulator(emulator);
        const city = generateDemoCity();
        seedEmulator(emulator, city);
        const store = emulatedStore(emulator, { retryDelaySeconds: 1 });
        const progress = new ProgressService(store, MILWAUKEE_2020_2021, systemClock);

        emulator.resetStats();
        await progress.citywide();
        const cold = emulator.stats.requests;

        emulator.resetStats();
        await progress.citywide();
        const steadyDeltas = emulator.stats.requestsByRoute['GET delta'] ?? 0;
        const steadyRequests = emulator.stats.requests;
        // The lists the view read, as the emulator saw them: `/sites/{site}/lists/{list}/...`.
        const listsRead = new Set(
          emulator.requests.map((r) => /\/lists\/([^/?]+)/.exec(r.path)?.[1]).filter(Boolean),
        ).size;

        const completions = newCompletions(city);
        emulator.resetStats();
        await store.recordCompletions(completions);
        const writeRequests = emulator.stats.requests + emulator.stats.authRequests;
        const units = emulator.stats.resourceUnits;
        return [
          {
            name: 'graph.dashboard_cold.requests',
            value: cold,
            unit: 'requests',
            target: 'report',
          },
          {
            name: 'graph.dashboard_steady.requests_per_list',
            value: Math.round((steadyRequests / Math.max(1, listsRead)) * 100) / 100,
            unit: 'requests',
            target: '<= 1',
          },
          {
            name: 'graph.dashboard_steady.delta_requests',
            value: steadyDeltas,
            unit: 'requests',
            target: 'report',
          },
          {
            name: 'graph.completions_1000.requests',
            value: writeRequests,
            unit: 'requests',
            target: '<= 55',
          },
          {
            name: 'graph.completions_1000.resource_units',
            value: units,
            unit: 'RU',
            target: 'report',
          },
          {
            name: 'graph.demo_city.completions',
            value: city.completions.length,
            unit: 'records',
            target: 'report',
          },
        ];
      } finally {
        await emulator.close();
      }
    },
  };
}
