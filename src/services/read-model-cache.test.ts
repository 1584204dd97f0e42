import { ReadModelCache } from './read-model-cache';

/** A computation that resolves when the test says, counting how often it ran. */
function gatedCompute() {
  let runs = 0;
  const gates: Array<() => void> = [];
  const compute = () => {
    runs += 1;
    const value = runs;
    return new Promise<number>((resolve) => gates.push(() => resolve(value)));
  };
  return {
    compute,
    runs: () => runs,
    /** Lets every computation waiting finish. */
    release: async () => {
      for (const open of gates.splice(0)) open();
      await new Promise((r) => setImmediate(r));
    },
  };
}

describe('ReadModelCache', () => {
  it('shares one computation among every read that arrives while it runs', async () => {
    const gate = gatedCompute();
    const cache = new ReadModelCache(gate.compute, { version: () => 'v1' });
    const reads = Array.from({ length: 20 }, () => cache.get());
    expect(gate.runs()).toBe(1);
    await gate.release();
    expect(await Promise.all(reads)).toEqual(new Array(20).fill(1));
    expect(await cache.get()).toBe(1);
    expect(gate.runs()).toBe(1);
  });

  it("recomputes at once after this process's write, and never serves the older value", async () => {
    let version = 1;
    const gate = gatedCompute();
    const cache = new ReadModelCache(gate.compute, { version: () => `v${version}` });
    const first = cache.get();
    await gate.release();
    expect(await first).toBe(1);
    version = 2;
    const second = cache.get();
    expect(gate.runs()).toBe(2);
    await gate.release();
    expect(await second).toBe(2);
  });

  it('does not share a computation that began before a write with reads after it', async () => {
    let version = 1;
    const gate = gatedCompute();
    const cache = new ReadModelCache(gate.compute, { version: () => `v${version}` });
    const before = cache.get();
    version = 2; // a write lands while the first computation runs
    const after = cache.get();
    expect(gate.runs()).toBe(2);
    await gate.release();
    expect(await before).toBe(1);
    expect(await after).toBe(2);
    expect(await cache.get()).toBe(2);
    expect(gate.runs()).toBe(2);
  });

  it("notices another process's write through the change probe on the next read", async () => {
    let token = 7;
    const gate = gatedCompute();
    const cache = new ReadModelCache(gate.compute, {
      version: () => 'v',
      changeToken: () => token,
    });
    const first = cache.get();
    await gate.release();
    await first;
    const same = await cache.get();
    expect([same, gate.runs()]).toEqual([1, 1]);
    token = 8;
    const next = cache.get();
    await gate.release();
    expect(await next).toBe(2);
  });

  it('without a probe, serves a value up to maxStaleMs while refreshing it in the background', async () => {
    let now = 0;
    const gate = gatedCompute();
    const cache = new ReadModelCache(gate.compute, {
      version: () => 'v',
      freshMs: 2000,
      maxStaleMs: 5000,
      now: () => now,
    });
    const first = cache.get();
    await gate.release();
    expect(await first).toBe(1);
    now = 1999;
    expect(await cache.get()).toBe(1);
    expect(gate.runs()).toBe(1);
    now = 3000; // past fresh: answered at once, recomputed behind
    expect(await cache.get()).toBe(1);
    expect(gate.runs()).toBe(2);
    await gate.release();
    expect(await cache.get()).toBe(2);
    now = 3000 + 6000; // past maxStale: the read waits for the recompute
    const late = cache.get();
    expect(gate.runs()).toBe(3);
    await gate.release();
    expect(await late).toBe(3);
  });

  it('lets a failed computation fail its readers, and computes afresh on the next read', async () => {
    let fail = true;
    const cache = new ReadModelCache(
      async () => {
        if (fail) throw new Error('store unreachable');
        return 'ok';
      },
      { version: () => 'v' },
    );
    await expect(cache.get()).rejects.toThrow('store unreachable');
    fail = false;
    await expect(cache.get()).resolves.toBe('ok');
  });
});
