import { runCampaign } from './campaign-run';

// The built server, killed with SIGKILL twice in the middle of a 6,485-person campaign and
// started again each time: everyone reachable still gets the reminder, and only messages in
// flight at a kill can arrive twice.

describe('a campaign killed mid-send and restarted', () => {
  it('loses nobody, and duplicates stay within the sends in flight at each kill', async () => {
    const concurrency = 8;
    const kills = 2;
    const seed = Number(process.env.REAP_KILL_SEED ?? Date.now() % 100_000);
    const result = await runCampaign({ rate: 400, concurrency, tenantLimit: 410, kills, seed });
    // The seed replays the kill moments: REAP_KILL_SEED=<seed>.
    expect({ seed, lost: result.lost }).toEqual({ seed, lost: 0 });
    expect(result.delivered).toBe(result.reachable);
    expect(result.duplicates).toBeLessThanOrEqual(concurrency * kills);
    expect(result.limitViolations).toBe(0);
    expect(result.starts).toBe(kills + 1);
  }, 240_000);
});
