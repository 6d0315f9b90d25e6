/**
 * Runs every side `rounds` times in mirrored order (A B B A for two sides, A B C C B A for three;
 * two rounds: A B B A A B B A) and returns each side's results in the order they ran. A drift in
 * the machine's speed during a scenario, and whatever the first run warms up, then falls on every
 * side alike.
 */
export async function mirrored<T extends unknown[]>(
  sides: { [K in keyof T]: () => Promise<T[K]> },
  rounds = 1,
): Promise<{ [K in keyof T]: T[K][] }> {
  const thunks = sides as (() => Promise<unknown>)[];
  const results: unknown[][] = thunks.map(() => []);
  const forward = [...thunks.keys()];
  const order = Array.from({ length: rounds }, () => [...forward, ...[...forward].reverse()]).flat();
  for (const i of order) results[i].push(await thunks[i]());
  return results as { [K in keyof T]: T[K][] };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export const mean = (values: number[]) => round2(values.reduce((a, b) => a + b, 0) / values.length);

/** The middle value (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round2(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
}
