import { FixedWindowThrottlerStorage } from '../../src/common/rate-limit/fixed-window.storage';

describe('FixedWindowThrottlerStorage', () => {
  let storage: FixedWindowThrottlerStorage;
  beforeEach(() => {
    storage = new FixedWindowThrottlerStorage();
    jest.useFakeTimers({ now: new Date('2026-12-01T00:00:00Z'), doNotFake: ['setInterval'] });
  });
  afterEach(() => {
    storage.stop();
    jest.useRealTimers();
  });

  it('allows `limit` hits per window, then blocks for the block duration', async () => {
    for (let i = 1; i <= 3; i++) expect(await storage.increment('ip', 60_000, 3, 60_000, 'default')).toMatchObject({ totalHits: i, isBlocked: false });
    expect(await storage.increment('ip', 60_000, 3, 60_000, 'default')).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    jest.advanceTimersByTime(30_000);
    expect(await storage.increment('ip', 60_000, 3, 60_000, 'default')).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    jest.advanceTimersByTime(30_001);
    expect(await storage.increment('ip', 60_000, 3, 60_000, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('counts each client and throttler apart, and forgets finished windows', async () => {
    await storage.increment('a', 1000, 1, 1000, 'default');
    expect(await storage.increment('b', 1000, 1, 1000, 'default')).toMatchObject({ isBlocked: false });
    expect(await storage.increment('a', 1000, 1, 1000, 'other')).toMatchObject({ isBlocked: false });
    expect(await storage.increment('a', 1000, 1, 1000, 'default')).toMatchObject({ isBlocked: true });
    jest.advanceTimersByTime(1001);
    storage.evictExpired(Date.now());
    expect(await storage.increment('a', 1000, 1, 1000, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
