/** Pure helpers for the benchmark: percentiles, rounding, the "skipped" marker. */

/** The p-th percentile (0..100) by linear interpolation between closest ranks (NumPy's default). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile ${p} is not between 0 and 100`);
  const s = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo] + (s[hi] - s[lo]) * (rank - lo);
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Rounds to `digits` decimals, so the JSON stays readable. */
/** CPU seconds of this process so far (user + system): steadier than wall time on a shared machine. */
export const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

export interface Skipped {
  skipped: string;
}

export const skipped = (reason: string): Skipped => ({ skipped: reason });

/** Runs a measurement; an exception becomes {"skipped": "failed: …"} so one part never hides the others. */
export async function guarded<T>(fn: () => T | Promise<T>): Promise<T | Skipped> {
  try {
    return await fn();
  } catch (e) {
    return skipped(`failed: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Heap in use (MiB), after a full GC when node runs with --expose-gc. */
export function heapMiB(): { heapUsedMiB: number; afterGc: boolean } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  return { heapUsedMiB: round(process.memoryUsage().heapUsed / 2 ** 20, 1), afterGc: !!gc };
}
