import { syntheticHosts as hostGenerator } from '../../fixtures/synthetic-hosts.ts';

/**
 * `count` distinct, deterministic, realistic-looking hosts (the benchmark's generator), sorted:
 * the big lists of the restart-loop tests. No .test names, so no test visits one by accident.
 */
export function syntheticHosts(count: number, seed = 1): string[] {
  const next = hostGenerator(seed);
  const out = new Set<string>();
  while (out.size < count) out.add(next());
  return [...out].sort();
}
