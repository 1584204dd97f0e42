import path from 'node:path';
import { loadConfig } from '../config/config';
import { closeReapServer, createServer } from '../server/app';
import { generateDemoCity } from '../services/demo/demo-city';
import type { PlanStore } from '../store/plan-store';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { seedCampaignCity } from '../../tests/campaigns/campaign-city';
import { executeAction } from '../../tests/bot/teams-activities';
import { startBotConnectorEmulator } from '../../tests/emulators/bot-connector';
import { tempDir } from '../../tests/support/temp-dir';
import type { Benchmark, Figure } from './figures';

const WRITE_DELAY_MS = 200;
const PRESSES = 400;
const AT_ONCE = 20;

/** The store with every write slowed by `ms`, as a throttled SharePoint would be. */
function slowWrites(store: PlanStore, ms: number): PlanStore {
  const writes = /^(record|put|add|append|set|create|update|upsert|save)/;
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property === 'string' && writes.test(property)) {
        return async (...args: unknown[]) => {
          await new Promise((r) => setTimeout(r, ms));
          return method.apply(target, args);
        };
      }
      return method.bind(target);
    },
  });
}

/**
 * `invoke.p99_ms`: 400 presses of a reminder's "I completed it", 20 at a time, by 400 different
 * people, through the real server and bot adapter, with every store write taking 200 ms.
 */
export function invokeBenchmark(): Benchmark {
  return {
    name: 'invoke',
    async run(): Promise<Figure[]> {
      const connector = await startBotConnectorEmulator({ recordRequests: false });
      const dataDir = tempDir();
      await seedCampaignCity(dataDir, connector.url);
      const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, REAP_SEED: 'none' });
      const store = slowWrites(new SqliteStore(path.join(dataDir, 'reap.sqlite')), WRITE_DELAY_MS);
      const clock = { now: () => new Date('2021-06-15T15:00:00.000Z') };
      const server = createServer({ config, store, clock });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      const url = `http://127.0.0.1:${server.address().port}`;
      try {
        const people = generateDemoCity()
          .people.filter((p) => p.tier === 'employee')
          .slice(0, PRESSES);
        const latencies: number[] = [];
        const press = async (i: number) => {
          const person = people[i]!;
          const activity = executeAction({
            serviceUrl: connector.url,
            from: {
              id: `29:${person.aadObjectId}`,
              name: person.displayName,
              aadObjectId: person.aadObjectId,
            },
            verb: 'confirmReminder',
            data: {
              trainingId: 'anti-racism',
              waveId: 'anti-racism-w3',
              completedOn: '2021-06-01',
            },
          });
          const start = performance.now();
          const res = await fetch(`${url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(activity),
          });
          const text = await res.text();
          latencies.push(performance.now() - start);
          if (res.status !== 200 || !text.includes('Recorded')) {
            throw new Error(`press ${i}: ${res.status} ${text.slice(0, 200)}`);
          }
        };
        for (let i = 0; i < PRESSES; i += AT_ONCE) {
          await Promise.all(
            Array.from({ length: Math.min(AT_ONCE, PRESSES - i) }, (_, k) => press(i + k)),
          );
        }
        latencies.sort((a, b) => a - b);
        const p99 = latencies[Math.ceil(latencies.length * 0.99) - 1] ?? 0;
        return [{ name: 'invoke.p99_ms', value: Math.round(p99), unit: 'ms', target: '< 1000' }];
      } finally {
        await closeReapServer(server);
        await store.close();
        await connector.close();
      }
    },
  };
}
