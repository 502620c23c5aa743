import { median } from './measure.ts';

/** One of the worker's first reads (phases.ts `startPhase`), as the background page recorded it. */
export type StartStep = { name: string; startEpoch: number; ms: number };

/**
 * Each step's median start after its page's `background script` mark and its median length,
 * across starts (or wakes), in the order they started: "read policy state +4 ms, 31 ms; …".
 * A step missing from some starts says in how many it was seen.
 */
export function describeSteps(runs: ReadonlyArray<{ script: number | null; steps: readonly StartStep[] }>): string {
  const byName = new Map<string, { from: number[]; ms: number[] }>();
  let counted = 0;
  for (const run of runs) {
    if (run.script === null) continue;
    counted++;
    for (const step of run.steps) {
      const seen = byName.get(step.name) ?? { from: [], ms: [] };
      seen.from.push(step.startEpoch - run.script);
      seen.ms.push(step.ms);
      byName.set(step.name, seen);
    }
  }
  if (byName.size === 0) return 'none recorded';
  return [...byName]
    .map(([name, s]) => ({ name, from: median(s.from), ms: median(s.ms), n: s.ms.length }))
    .sort((a, b) => a.from - b.from)
    .map((s) => `${s.name} +${s.from.toFixed(0)} ms, ${s.ms.toFixed(0)} ms${s.n < counted ? ` (in ${s.n} of ${counted})` : ''}`)
    .join('; ');
}
