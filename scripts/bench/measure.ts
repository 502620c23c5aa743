import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function timeMs<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

/**
 * A full garbage collection, so heap figures mean live data. `global.gc` exists under
 * --expose-gc; otherwise V8 lets us switch the flag on at run time and fetch gc from a fresh
 * context. If neither works we say so and heap deltas include garbage.
 */
export function getGc(): { gc: (() => void) | null; how: string } {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return { gc: existing, how: 'global.gc (--expose-gc)' };
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    return { gc, how: 'global.gc (enabled via v8.setFlagsFromString)' };
  } catch {
    return { gc: null, how: 'process.memoryUsage without gc (includes garbage: an overestimate)' };
  }
}

export function heapUsedAfterGc(gc: (() => void) | null): number {
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}

export const formatInt = (n: number): string => Math.round(n).toLocaleString('en-GB');
