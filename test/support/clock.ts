/**
 * The instant the browser tests' "today" is pinned to: TEST_CLOCK (an ISO 8601 time) or, by
 * default, a tenth of a second before UTC midnight, where a test that reads the clock twice would
 * see two different days.
 */
export const TEST_NOW = new Date(process.env.TEST_CLOCK ?? '2026-11-30T23:59:59.900Z');
if (Number.isNaN(TEST_NOW.getTime())) throw new Error(`TEST_CLOCK must be an ISO 8601 time, not "${process.env.TEST_CLOCK}"`);

/**
 * Freezes `Date` in this process (the app under test runs in it too, so its default date windows
 * read the same instant). Timers, nextTick and performance stay real: the app, pg and Playwright
 * need them. Undo with `jest.useRealTimers()`.
 */
export function freezeDate(at: Date | string): void {
  jest.useFakeTimers({
    now: new Date(at),
    doNotFake: [
      'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
      'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval',
      'setTimeout', 'clearTimeout',
    ],
  });
}
