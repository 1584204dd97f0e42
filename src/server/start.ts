import path from 'node:path';
import type restify from 'restify';
import { loadConfig, type Config } from '../config/config';
import { clockStartingOn, systemClock, type Clock } from '../services/clock';
import { planSeed, seedDemoCity } from '../services/demo/demo-city';
import type { PlanStore } from '../store/plan-store';
import { SharePointStore } from '../store/sharepoint/sharepoint-store';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { closeReapServer, createServer } from './app';

export type RunningReap = {
  url: string;
  config: Config;
  /** The clock the server runs on: the caller's, or one starting on `REAP_TODAY`. */
  clock: Clock;
  store: PlanStore;
  server: restify.Server;
  /** What seeding did on this start: `demo`, `plan`, or `none` when the store had data. */
  seeded: 'demo' | 'plan' | 'none';
  close(): Promise<void>;
};

/** Opens the configured store: SharePoint lists when a site is configured, else SQLite. */
export function openStore(config: Config): PlanStore {
  if (config.sharepoint) return new SharePointStore(config.sharepoint);
  return new SqliteStore(path.join(config.dataDir, 'reap.sqlite'));
}

/** Seeds an empty store as configured. */
async function seedIfEmpty(store: PlanStore, config: Config): Promise<RunningReap['seeded']> {
  if (config.seed === 'none' || !(await store.isEmpty())) return 'none';
  if (config.seed === 'plan') {
    await store.putPlan(planSeed());
    return 'plan';
  }
  await seedDemoCity(store);
  return 'demo';
}

/**
 * Starts reap: validates configuration, opens and seeds the store, listens.
 * @param env the variables to read; tests pass their own (e.g. `PORT: '0'`, a temporary DATA_DIR).
 * @throws ConfigError for bad configuration, or the listen error (e.g. EADDRINUSE).
 */
export async function startReap(
  env?: Record<string, string | undefined>,
  clock?: Clock,
): Promise<RunningReap> {
  return startReapWith(loadConfig(env), clock);
}

/** Starts reap on a configuration already read (`npm start` reads it before loading the server). */
export async function startReapWith(config: Config, clock?: Clock): Promise<RunningReap> {
  clock ??= config.today ? clockStartingOn(config.today) : systemClock;
  const store = openStore(config);
  try {
    const seeded = await seedIfEmpty(store, config);
    const server = createServer({ config, store, clock });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.removeListener('error', reject);
        resolve();
      });
    });
    const address = server.address();
    const url = `http://${config.host}:${address.port}`;
    return {
      url,
      config,
      clock,
      store,
      server,
      seeded,
      close: async () => {
        await closeReapServer(server);
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
