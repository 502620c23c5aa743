/**
 * What safe search costs a page that is not a search: rules 5000–5003 (src/dnr/safe-search.ts)
 * match only the search engines' and YouTube's hosts, so an ordinary allowed page should load as
 * fast with them as without them.
 *
 * One run, four browsers of the same kind, the same fresh non-search host in each, order rotated:
 *   (a) the extension enforcing the e2e group, safe search on (every engine, YouTube moderate);
 *   (b) the extension enforcing the same group with safe search off (its only difference);
 *   (c) a browser without the extension; (d) another without it: the noise floor, (d) vs (c).
 * The figure is (a) vs (b), printed beside the noise floor; (b) vs (c) is the enforcement
 * benchmark's "with vs without the extension", for reference. Chromium, then Firefox ESR.
 * It asserts nothing; each browser's safe-search rules are read back first, so (a) and (b)
 * really differ. Build first (`npm run build`). Run: npm run bench -- safesearch
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Page as PwPage } from 'playwright-core';
import type { Page as PpPage } from 'puppeteer-core';
import { DEV_PUBLIC_KEY, E2E_GROUP, ZSTD_LEVEL, e2eRules, writeBundle } from '../../tests/e2e/support/bundles.ts';
import { launchChromium } from '../../tests/e2e/support/chromium.ts';
import { chromiumDriver, firefoxDriver, type Driver } from '../../tests/e2e/support/driver.ts';
import { launchFirefox } from '../../tests/e2e/support/firefox.ts';
import { setLocalConfig, waitForSerial } from '../../tests/e2e/support/harness.ts';
import { CHROMIUM, DIST_CHROME, DIST_FIREFOX, FIREFOX, assertBuilt, tempDir } from '../../tests/e2e/support/paths.ts';
import { policyServer } from '../../tests/e2e/support/policy-server.ts';
import { startTestServer, type TestServer } from '../../tests/e2e/support/test-server.ts';
import { RULE_ID } from '../../src/dnr/ids.ts';
import { SAFE_SEARCH_RULES } from '../../src/dnr/safe-search.ts';
import { median } from './measure.ts';
import { bootstrapInterval, signed } from './overhead.ts';

const LOADS = 40;
const WARM_UP = 3;
const SERIAL = 10;
/** The e2e group with safe search off: (b). The e2e group itself says nothing, so every engine is safe (a). */
const NO_SAFE_SEARCH_GROUP = 'e2e-no-safe-search';
/** The redirect rules and the YouTube header rule. */
const SAFE_SEARCH_IDS = Array.from({ length: SAFE_SEARCH_RULES.length + 1 }, (_, i) => RULE_ID.safeSearch + i);

type Which = 'safe' | 'unsafe' | 'plain' | 'control';
const LABEL: Record<Which, string> = {
  safe: '(a) extension, safe search on',
  unsafe: '(b) extension, safe search off',
  plain: '(c) no extension',
  control: '(d) no extension (control)',
};
type Loader = { name: Which; load(url: string): Promise<{ ms: number; href: string }> };
type Closer = { close(): Promise<void> };

const log = console.log;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const pct = (a: number, b: number) => ((a - b) / b) * 100;

/** rules/ with the e2e group twice: as it is (safe search on by default), and with safe search off. */
function benchRules(dir: string): string {
  e2eRules(dir);
  const file = join(dir, 'policy.yaml');
  const policy = parse(readFileSync(file, 'utf8'));
  const group = policy.groups[E2E_GROUP];
  if (group.safeSearch !== undefined) throw new Error('the e2e group sets safeSearch: this benchmark expects the default (on)');
  policy.groups[NO_SAFE_SEARCH_GROUP] = { ...group, title: 'End-to-end tests, no safe search', safeSearch: { google: 'off', bing: 'off', duckduckgo: 'off', youtube: 'off' } };
  writeFileSync(file, stringify(policy));
  return dir;
}

/** Ids of the safe-search session rules the browser holds for this extension. */
async function safeSearchRulesInForce(driver: Driver): Promise<number[]> {
  const ids = await driver.inExtension(async () => {
    type Dnr = { declarativeNetRequest: { getSessionRules(): Promise<Array<{ id: number }>> } };
    const g = globalThis as unknown as { browser?: Dnr; chrome?: Dnr };
    return (await (g.browser ?? g.chrome)!.declarativeNetRequest.getSessionRules()).map((r) => r.id);
  }, null);
  return ids.filter((id) => SAFE_SEARCH_IDS.includes(id)).sort((a, b) => a - b);
}

async function timed(go: () => Promise<unknown>, href: () => string | Promise<string>): Promise<{ ms: number; href: string }> {
  const start = performance.now();
  await go();
  const took = performance.now() - start;
  return { ms: took, href: await href() };
}

const playwrightLoader = (name: Which, page: PwPage): Loader => ({
  name,
  load: (url) => timed(() => page.goto(url, { waitUntil: 'load', timeout: 15_000 }), () => page.url()),
});
const puppeteerLoader = (name: Which, page: PpPage): Loader => ({
  name,
  load: (url) => timed(() => page.goto(url, { waitUntil: 'load', timeout: 15_000 }), () => page.url()),
});

/** The extension in force with `group` and the bundle of the run, then its safe-search rules. */
async function enforcing(driver: Driver, policyUrl: string, group: string): Promise<number[]> {
  await setLocalConfig(driver, { policyUrl, trustedKeys: [DEV_PUBLIC_KEY], group, refreshMinutes: 60 });
  await waitForSerial(driver, SERIAL);
  return safeSearchRulesInForce(driver);
}

type Browsers = { loaders: Loader[]; rules: { safe: number[]; unsafe: number[] }; closers: Closer[] };

async function chromiumBrowsers(_server: TestServer, policyUrl: string, closers: Closer[]): Promise<Browsers> {
  const safe = await chromiumDriver();
  closers.push(safe);
  const unsafe = await chromiumDriver();
  closers.push(unsafe);
  const rules = { safe: await enforcing(safe, policyUrl, E2E_GROUP), unsafe: await enforcing(unsafe, policyUrl, NO_SAFE_SEARCH_GROUP) };
  const plain = await launchChromium({ extensionDir: null, waitForWorker: false });
  closers.push(plain);
  const control = await launchChromium({ extensionDir: null, waitForWorker: false });
  closers.push(control);
  return {
    rules,
    closers,
    loaders: [
      playwrightLoader('safe', await safe.rig.context.newPage()),
      playwrightLoader('unsafe', await unsafe.rig.context.newPage()),
      playwrightLoader('plain', await plain.context.newPage()),
      playwrightLoader('control', await control.context.newPage()),
    ],
  };
}

async function firefoxBrowsers(server: TestServer, policyUrl: string, closers: Closer[]): Promise<Browsers> {
  const start = server.url('start.bench.test');
  const safe = await firefoxDriver({}, start);
  closers.push(safe);
  const unsafe = await firefoxDriver({}, start);
  closers.push(unsafe);
  const rules = { safe: await enforcing(safe, policyUrl, E2E_GROUP), unsafe: await enforcing(unsafe, policyUrl, NO_SAFE_SEARCH_GROUP) };
  const plain = await launchFirefox({ extensionDir: null });
  closers.push(plain);
  const control = await launchFirefox({ extensionDir: null });
  closers.push(control);
  return {
    rules,
    closers,
    loaders: [
      puppeteerLoader('safe', await safe.rig.browser.newPage()),
      puppeteerLoader('unsafe', await unsafe.rig.browser.newPage()),
      puppeteerLoader('plain', await plain.browser.newPage()),
      puppeteerLoader('control', await control.browser.newPage()),
    ],
  };
}

/** Median of the per-load differences x[i] − y[i] (the same host, loaded moments apart). */
function pairedMedian(x: number[], y: number[]): number {
  return median(x.map((v, i) => v - y[i]!));
}

export type SafeSearchFigures = { browser: string; overheadMs: number; overheadPct: number; noiseMs: number; noisePct: number; noiseBandMs: number; withinNoise: boolean };

async function benchOne(kind: 'chromium' | 'firefox'): Promise<SafeSearchFigures | null> {
  const work = tempDir('bench-safe-search');
  const closers: Closer[] = [];
  let server: TestServer | null = null;
  try {
    const rulesDir = benchRules(join(work.path, 'rules'));
    await writeBundle(rulesDir, join(work.path, 'bundle'), { serial: SERIAL, zstdLevel: ZSTD_LEVEL });
    server = await startTestServer();
    const policy = policyServer(server);
    policy.serve(join(work.path, 'bundle'));
    const browsers = await (kind === 'chromium' ? chromiumBrowsers : firefoxBrowsers)(server, policy.url, closers);
    const name = kind === 'chromium' ? `Chromium (${CHROMIUM})` : `Firefox ESR (${FIREFOX})`;
    log(`\nSafe search on a non-search host — ${name}, ${LOADS} loads per browser after ${WARM_UP} warm-up, order rotated`);
    log(`  safe-search rules in force: (a) ${browsers.rules.safe.join(', ') || 'none'}; (b) ${browsers.rules.unsafe.join(', ') || 'none'}`);
    if (browsers.rules.safe.length !== SAFE_SEARCH_IDS.length || browsers.rules.unsafe.length !== 0) {
      log(`  !! (a) must hold rules ${SAFE_SEARCH_IDS.join(', ')} and (b) none: the comparison below does not measure safe search`);
    }
    const loads: Record<Which, number[]> = { safe: [], unsafe: [], plain: [], control: [] };
    const failures: string[] = [];
    for (let i = 0; i < LOADS + WARM_UP; i++) {
      // A new host each time (no connection or cache to reuse), the same host in every browser.
      const host = `site-${i}.allowed-${i % 7}.bench.test`;
      for (let k = 0; k < browsers.loaders.length; k++) {
        const loader = browsers.loaders[(i + k) % browsers.loaders.length]!;
        const url = server.url(host, `/page-${i}`);
        const nav = await loader.load(url).catch((e: Error) => ({ ms: NaN, href: `error: ${e.message.split('\n')[0]}` }));
        if (!nav.href.startsWith(`http://${host}:`)) failures.push(`${loader.name}: ${host} → ${nav.href}`);
        if (i >= WARM_UP) loads[loader.name].push(nav.ms);
      }
    }
    const m = Object.fromEntries(Object.entries(loads).map(([k, v]) => [k, median(v)])) as Record<Which, number>;
    for (const which of Object.keys(LABEL) as Which[]) log(`  ${LABEL[which].padEnd(32)} median ${ms(m[which])}`);
    for (const failure of failures.slice(0, 5)) log(`  failed: ${failure}`);
    const overheadMs = m.safe - m.unsafe;
    const noiseMs = m.control - m.plain;
    const overheadInterval = bootstrapInterval(loads.safe, loads.unsafe);
    const noiseInterval = bootstrapInterval(loads.control, loads.plain);
    // The noise floor: how far two identical browsers' medians differ in this run, or how far that
    // difference moves when the loads are drawn again, whichever is larger.
    const noiseBandMs = Math.max(Math.abs(noiseMs), ...noiseInterval.map(Math.abs));
    const figures: SafeSearchFigures = {
      browser: kind,
      overheadMs,
      overheadPct: pct(m.safe, m.unsafe),
      noiseMs,
      noisePct: pct(m.control, m.plain),
      noiseBandMs,
      // An overhead: safe search slower by more than the noise floor. Faster is no overhead.
      withinNoise: failures.length === 0 && overheadMs <= noiseBandMs,
    };
    const interval = ([lo, hi]: [number, number]) => `95 % interval ${signed(lo)} … ${signed(hi)} ms`;
    log(`  safe-search overhead, (a) − (b):       ${signed(overheadMs)} ms = ${signed(figures.overheadPct)} % (${interval(overheadInterval)}; median of per-load differences ${signed(pairedMedian(loads.safe, loads.unsafe))} ms)`);
    log(`  noise floor, (d) − (c):                ${signed(noiseMs)} ms = ${signed(figures.noisePct)} % (${interval(noiseInterval)}; per-load ${signed(pairedMedian(loads.control, loads.plain))} ms) → band ±${noiseBandMs.toFixed(1)} ms`);
    log(`  the extension as a whole, (b) − (c):   ${signed(m.unsafe - m.plain)} ms = ${signed(pct(m.unsafe, m.plain))} % (the enforcement benchmark's figure 4)`);
    log(`  → ${figures.withinNoise ? 'WITHIN NOISE' : 'MISSED: beyond the noise floor of this run'}: (a) − (b) = ${signed(overheadMs)} ms ${figures.withinNoise ? '≤' : '>'} the noise band ${noiseBandMs.toFixed(1)} ms${failures.length ? ` (${failures.length} failed loads!)` : ''}`);
    return figures;
  } finally {
    for (const c of closers.reverse()) await c.close().catch((e: Error) => log(`could not close a browser: ${e.message}`));
    await server?.close();
    work.remove();
  }
}

export async function benchSafeSearch(): Promise<void> {
  assertBuilt(DIST_CHROME);
  const started = performance.now();
  log(`AUP Guard safe-search overhead — Node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  await benchOne('chromium');
  if (existsSync(join(DIST_FIREFOX, 'manifest.json'))) await benchOne('firefox');
  else log(`\nFirefox ESR: NOT MEASURED (no build in ${DIST_FIREFOX}; run npm run build)`);
  log(`\nWhole run ${((performance.now() - started) / 1000).toFixed(0)} s. Load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on the machine inflates every figure and the noise floor).`);
}
