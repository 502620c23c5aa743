/**
 * When to try again after `failures` consecutive failed checks: exponential from one minute,
 * capped at the normal refresh interval, with ±20 % jitter (from `random`) so that a fleet of
 * devices does not return to a recovering server in step.
 */
export function retryDelayMs(failures: number, refreshMinutes: number, random: () => number = Math.random): number {
  const normal = refreshMinutes * 60_000;
  if (failures <= 0) return normal;
  const base = Math.min(normal, 60_000 * 2 ** Math.min(failures - 1, 16));
  return Math.round(base * (0.8 + 0.4 * random()));
}
