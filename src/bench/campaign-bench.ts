import type { Benchmark, Figure } from './figures';
import { runCampaign } from '../../tests/campaigns/campaign-run';

/** Teams' limit per app per tenant, the figure the rate is measured against. */
const TENANT_LIMIT = 50;
/** What `npm start` sends at by default (CAMPAIGN_RATE_PER_SECOND). */
const RATE = 47;
/** CAMPAIGN_CONCURRENCY's default. */
const CONCURRENCY = 16;

/**
 * A 6,485-person reminder campaign (the demo city, every 100th person without a conversation)
 * sent by the built server at its defaults into the Bot Connector emulator, which enforces
 * Teams' limits and answers in 50–250 ms as Teams does: once straight through, once killed with
 * SIGKILL at a random moment and started again; and a quarter of that city's campaign with the
 * queue in Azure Storage (Azurite).
 */
export function campaignBenchmark(): Benchmark {
  return {
    name: 'campaign',
    async run(): Promise<Figure[]> {
      const latencyMs = (random: () => number) => 50 + 200 * random();
      const log = (line: string) => console.error(`bench: campaign: ${line}`);
      const clean = await runCampaign({
        rate: RATE,
        concurrency: CONCURRENCY,
        tenantLimit: TENANT_LIMIT,
        kills: 0,
        seed: 1,
        latencyMs,
        log,
      });
      const killed = await runCampaign({
        rate: RATE,
        concurrency: CONCURRENCY,
        tenantLimit: TENANT_LIMIT,
        kills: 1,
        seed: Date.now() % 100_000,
        latencyMs,
        log,
      });
      // The queue in Azure Storage: Azurite on this machine, far slower than Azure Tables, so the
      // figure is reported, not held to a target; a quarter of the city keeps the run short.
      const azure = await runCampaign({
        sampleEvery: 4,
        rate: RATE,
        concurrency: CONCURRENCY,
        tenantLimit: TENANT_LIMIT,
        kills: 0,
        seed: 1,
        latencyMs,
        log,
        azure: true,
      });
      if (azure.duplicates + azure.lost > 0) {
        log(`on Azure Storage: ${azure.duplicates} duplicates, ${azure.lost} lost`);
      }
      if (clean.limitViolations + killed.limitViolations > 0) {
        log(`broke Teams' limits ${clean.limitViolations + killed.limitViolations} times`);
      }
      return [
        {
          name: 'campaign.rate_fraction',
          value: Math.round((clean.sendsPerSecond / TENANT_LIMIT) * 1000) / 1000,
          unit: '',
          target: '>= 0.9',
        },
        { name: 'campaign.duplicates', value: clean.duplicates, unit: 'people', target: '= 0' },
        {
          name: 'campaign.azure.rate_fraction',
          value: Math.round((azure.sendsPerSecond / TENANT_LIMIT) * 1000) / 1000,
          unit: '',
          target: 'report',
        },
        {
          name: 'campaign.duplicates_after_kill',
          value: killed.duplicates,
          unit: 'people',
          target: `<= ${CONCURRENCY}`,
        },
        { name: 'campaign.concurrency', value: CONCURRENCY, unit: 'sends', target: 'report' },
        { name: 'campaign.lost', value: killed.lost, unit: 'people', target: '= 0' },
        {
          name: 'campaign.limit_violations',
          value: clean.limitViolations + killed.limitViolations,
          unit: 'sends',
          target: '= 0',
        },
      ];
    },
  };
}
