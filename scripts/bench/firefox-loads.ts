import type { Page } from 'puppeteer-core';
import type { TestServer } from '../../tests/e2e/support/test-server.ts';
import { median } from './measure.ts';
import { overheadOf, signed } from './overhead.ts';
import { SETTLE_MS, roundOrder, settle } from './load-order.ts';

/**
 * Allowed-page loads in several Firefoxes at once (`npm run bench -- firefox`, section 2, and
 * `firefox-managed`): the same new host in each per round, in a shuffled order, so every browser
 * sees the same machine. `ext` is AUP Guard, `plain` and `control` have no extension (their
 * difference is the noise band), and `floor`, where there is one, is the floor add-on
 * (firefox-floor-addon.ts): what Firefox itself costs an add-on with a blocking listener.
 */

export const WARM_UP = 3;
export const OVERHEAD_TARGET_PCT = 2;

export type Loader = { name: 'ext' | 'plain' | 'control' | 'floor'; page: Page };
const LOADER_LABEL = { ext: '(a) with AUP Guard', plain: '(b) no extension', control: '(c) no extension (control)', floor: '(d) the floor add-on' };

const log = console.log;
const ms1 = (n: number) => `${n.toFixed(1)} ms`;
const pct = (a: number, b: number) => ((a - b) / b) * 100;
const interval = (i: [number, number]) => `95 % interval ${signed(i[0])} … ${signed(i[1])} ms`;

async function timedLoad(page: Page, url: string): Promise<{ ms: number; href: string }> {
  const start = performance.now();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
  } catch (e) {
    return { ms: NaN, href: `error: ${(e as Error).message.split('\n')[0]}` };
  }
  return { ms: performance.now() - start, href: page.url() };
}

/** With a floor add-on among the loaders: its own cost over (b), and AUP Guard's beyond it. */
export type FloorFigures = { floorMs: number; beyondMs: number; beyondInterval: [number, number] };
export type LoadFigures = { overheadMs: number; overheadPct: number; bandMs: number; ok: boolean; failures: number; floor: FloorFigures | null };

/** `rounds` rounds (after `warmUp`), each loading a new allowed host in every browser, order shuffled with a pause before each load (load-order.ts); `before` runs before each round. */
export async function loadSeries(title: string, server: TestServer, loaders: Loader[], rounds: number, tag: string, before: () => Promise<void>, after: () => Promise<void>, warmUp = WARM_UP): Promise<LoadFigures> {
  const loads: Record<Loader['name'], number[]> = { ext: [], plain: [], control: [], floor: [] };
  const failures: string[] = [];
  for (let i = 0; i < rounds + warmUp; i++) {
    await before();
    const host = `site-${i}.${tag}-${i % 7}.bench.test`;
    for (const loader of roundOrder(loaders, i)) {
      await settle();
      const nav = await timedLoad(loader.page, server.url(host, `/page-${i}`));
      if (!nav.href.startsWith(`http://${host}:`)) failures.push(`${loader.name}: ${host} → ${nav.href}`);
      if (i >= warmUp) loads[loader.name].push(nav.ms);
    }
    await after();
  }
  const judged = overheadOf(loads.ext, loads.plain, { a: loads.control, b: loads.plain }, OVERHEAD_TARGET_PCT);
  const { ms: overheadMs, pct: overheadPct, interval: overheadInterval, noiseMs, noiseInterval, bandMs } = judged;
  const ok = failures.length === 0 && judged.ok;
  log(`  ${title}: ${rounds} loads per browser after ${warmUp} warm-up, order shuffled, ${SETTLE_MS} ms pause before each`);
  for (const loader of loaders) log(`    ${LOADER_LABEL[loader.name].padEnd(30)} median ${ms1(median(loads[loader.name]))}`);
  for (const f of failures.slice(0, 5)) log(`    failed: ${f}`);
  log(`    overhead (a) − (b): ${signed(overheadMs)} ms = ${signed(overheadPct)} % (${interval(overheadInterval)})`);
  log(`    noise (c) − (b):    ${signed(noiseMs)} ms = ${signed(pct(median(loads.control), median(loads.plain)))} % (${interval(noiseInterval)}) → band ±${bandMs.toFixed(1)} ms`);
  log(`    → ${ok ? 'MET' : 'MISSED'}: ≤ ${OVERHEAD_TARGET_PCT} % or within the noise band${failures.length ? ` (${failures.length} failed loads!)` : ''}`);
  let floor: FloorFigures | null = null;
  if (loads.floor.length) {
    const own = overheadOf(loads.floor, loads.plain, { a: loads.control, b: loads.plain }, OVERHEAD_TARGET_PCT);
    const beyond = overheadOf(loads.ext, loads.floor, { a: loads.control, b: loads.plain }, OVERHEAD_TARGET_PCT);
    floor = { floorMs: own.ms, beyondMs: beyond.ms, beyondInterval: beyond.interval };
    log(`    the floor add-on (d) − (b): ${signed(own.ms)} ms (${interval(own.interval)}): what Firefox itself costs an add-on with a blocking listener here`);
    log(`    AUP Guard beyond it (a) − (d): ${signed(beyond.ms)} ms (${interval(beyond.interval)})`);
  }
  return { overheadMs, overheadPct, bandMs, ok, failures: failures.length, floor };
}
