import { runCampaign } from './campaign-run';

// The built server, killed with SIGKILL twice in the middle of a campaign and started again each
// time: everyone reachable still gets the reminder, and only messages in flight at a kill can
// arrive twice. On the local queue (6,485 people), and on the shared one in Azure Storage
// (Azurite; a smaller city, as the emulator is slower), where the restarted server, under the
// same INSTANCE_ID, takes its lease back at once and recovers what the kill left in flight.

const BACKENDS = [
  { name: 'the local queue', azure: false, rate: 400, concurrency: 8, sampleEvery: 1 },
  { name: 'Azure Storage (Azurite)', azure: true, rate: 150, concurrency: 16, sampleEvery: 10 },
] as const;

describe.each(BACKENDS)('a campaign killed mid-send and restarted, on $name', (backend) => {
  it('loses nobody, and duplicates stay within the sends in flight at each kill', async () => {
    const { concurrency } = backend;
    const kills = 2;
    const seed = Number(process.env.REAP_KILL_SEED ?? Date.now() % 100_000);
    const result = await runCampaign({
      rate: backend.rate,
      concurrency,
      tenantLimit: backend.rate + 10,
      kills,
      seed,
      azure: backend.azure,
      sampleEvery: backend.sampleEvery,
    });
    // The seed replays the kill moments: REAP_KILL_SEED=<seed>.
    expect({ seed, lost: result.lost }).toEqual({ seed, lost: 0 });
    expect(result.delivered).toBe(result.reachable);
    expect(result.duplicates).toBeLessThanOrEqual(concurrency * kills);
    expect(result.limitViolations).toBe(0);
    expect(result.starts).toBe(kills + 1);
  }, 300_000);
});
