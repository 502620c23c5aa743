/**
 * For `npm run bench -- enforcement`: the worker's own per-phase timings of the last sync and
 * enforce (User Timing measures named `aup:<phase>`, extension/background/phases.ts), and the
 * floor they are judged against — Chrome's `updateDynamicRules` alone, adding the very rules the
 * worker added, from the extension's own page in the same browser and run.
 */
import type { Worker } from 'playwright-core';
import type { Driver } from '../../tests/e2e/support/driver.ts';

export type Phase = { name: string; startEpoch: number; ms: number };

/** Every `aup:` measure the worker holds now, in the order they started (epoch ms: comparable with the bench's clock). */
export async function workerPhases(worker: Worker): Promise<Phase[]> {
  return worker.evaluate(() =>
    performance
      .getEntriesByType('measure')
      .filter((e) => e.name.startsWith('aup:'))
      .map((e) => ({ name: e.name.slice(4), startEpoch: performance.timeOrigin + e.startTime, ms: e.duration }))
      .sort((a, b) => a.startEpoch - b.startEpoch),
  );
}

export type Floor = { times: number[]; rules: number; domains: number };

type Dnr = {
  getDynamicRules(): Promise<Array<{ id: number; condition: { requestDomains?: string[] } }>>;
  updateDynamicRules(options: { removeRuleIds?: number[]; addRules?: unknown[] }): Promise<void>;
};

/**
 * Time `updateDynamicRules` adding the dynamic rules the extension holds now, `runs` times: each
 * run first removes them (untimed), then adds the same rules back (timed), so the worker's record
 * of its rules stays true. Nothing navigates meanwhile.
 */
export async function updateDynamicRulesFloor(driver: Driver, runs: number): Promise<Floor> {
  return driver.inExtension(async (n) => {
    const dnr = (globalThis as unknown as { chrome: { declarativeNetRequest: Dnr } }).chrome.declarativeNetRequest;
    const rules = await dnr.getDynamicRules();
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      await dnr.updateDynamicRules({ removeRuleIds: rules.map((r) => r.id) });
      const start = performance.now();
      await dnr.updateDynamicRules({ addRules: rules });
      times.push(performance.now() - start);
    }
    return { times, rules: rules.length, domains: rules.reduce((sum, r) => sum + (r.condition.requestDomains?.length ?? 0), 0) };
  }, runs);
}

/** `name 12.3 ms` lines for the phases from `from` on, skipping those under 1 ms. */
export function phaseLines(phases: readonly Phase[], from: number): string[] {
  return phases
    .filter((p) => p.startEpoch >= from - 1 && (p.ms >= 1 || p.name === 'rules in force' || p.name === 'sync start'))
    .map((p) => `${`+${(p.startEpoch - from).toFixed(0)} ms`.padStart(10)}  ${p.name}${p.ms >= 1 ? `: ${p.ms.toFixed(1)} ms` : ''}`);
}
