import { RateLimited, RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  let now = 0;
  const limiter = () => new RateLimiter({ perMinute: 60, burst: 3, now: () => now, maxKeys: 2 });
  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows a burst, then refuses with the seconds until the next token', () => {
    const l = limiter();
    for (let i = 0; i < 3; i += 1) l.take('a');
    expect(() => l.take('a')).toThrow(RateLimited);
    try {
      l.take('a');
    } catch (error) {
      expect((error as RateLimited).retryAfterSeconds).toBe(1);
    }
  });

  it('refills at the sustained rate, never above the burst', () => {
    const l = limiter();
    for (let i = 0; i < 3; i += 1) l.take('a');
    now += 2000; // two tokens at one a second
    l.take('a');
    l.take('a');
    expect(() => l.take('a')).toThrow(RateLimited);
    now += 3_600_000;
    for (let i = 0; i < 3; i += 1) l.take('a');
    expect(() => l.take('a')).toThrow(RateLimited);
  });

  it('keeps one bucket per key', () => {
    const l = limiter();
    for (let i = 0; i < 3; i += 1) l.take('a');
    expect(() => l.take('a')).toThrow(RateLimited);
    expect(() => l.take('b')).not.toThrow();
  });

  it('forgets refilled buckets when it holds too many keys, and still limits the busy ones', () => {
    const l = limiter();
    for (let i = 0; i < 3; i += 1) l.take('busy');
    l.take('idle-1');
    now += 1000;
    l.take('idle-2');
    now += 5000;
    l.take('idle-3');
    expect(() => l.take('busy')).not.toThrow();
  });
});
