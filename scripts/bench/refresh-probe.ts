/**
 * For `npm run bench -- enforcement`: serve a bundle, ask the worker to refresh, and time until a
 * listed host is blocked — and the sync's own ratio to Chrome's floor, measured in pairs (one
 * browser each, the sync and then the floor alone for the same rules).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { DEV_PUBLIC_KEY, E2E_GROUP } from '../../tests/e2e/support/bundles.ts';
import type { ChromiumRig } from '../../tests/e2e/support/chromium.ts';
import { chromiumDriver, type Driver } from '../../tests/e2e/support/driver.ts';
import { setLocalConfig, workerStatus } from '../../tests/e2e/support/enforcement-suite.ts';
import { POLICY_HOST, type policyServer } from '../../tests/e2e/support/policy-server.ts';
import type { TestServer } from '../../tests/e2e/support/test-server.ts';
import { pagePath } from '../../src/protocol/page-location.ts';
import { formatInt, median } from './measure.ts';
import { updateDynamicRulesFloor, workerPhases, type Phase } from './enforce-phases.ts';

export type Served = { path: string; status: number; bytes: number; at: number };
type EnforcedRecord = { tookMs?: number; enforcedAt?: string; source?: string } | null;
type PolicyServer = ReturnType<typeof policyServer>;

export const BLOCK_PAGE = `/${pagePath('blocked')}`;
/** One decimal below a second, so a figure printed next to its target never rounds onto it. */
export const ms = (n: number): string => `${n.toFixed(n < 1_000 ? 1 : 0)} ms`;

/** `manifest.json, chunks/1f073e663f7c…`; long lists summarised with the largest file. */
export function pathsOf(list: Served[]): string {
  const short = (s: Served) => `${s.path.replace(/^\/policy\//, '').replace(/^(chunks\/.{12}).*$/, '$1…')} (${s.status}, ${formatInt(s.bytes)} B)`;
  if (list.length <= 4) return list.map(short).join(', ');
  const largest = [...list].sort((a, b) => b.bytes - a.bytes)[0]!;
  return `${list.length} files, largest ${short(largest)}`;
}

/**
 * Count the body bytes of every answer to the policy host. Registered before the policy server's
 * own route, it only wraps `res.end`/`res.write` and lets that route answer.
 */
export function countPolicyBytes(server: TestServer): Served[] {
  const served: Served[] = [];
  server.route((req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (host !== POLICY_HOST) return false;
    const entry: Served = { path: new URL(req.url ?? '/', 'http://x').pathname, status: 0, bytes: 0, at: Date.now() };
    served.push(entry);
    const count = (chunk: unknown) => {
      if (typeof chunk === 'string') entry.bytes += Buffer.byteLength(chunk);
      else if (chunk instanceof Uint8Array) entry.bytes += chunk.byteLength;
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      count(chunk);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== 'function') count(chunk);
      return end(chunk, ...rest);
    }) as typeof res.end;
    res.once('finish', () => (entry.status = res.statusCode));
    return false;
  });
  return served;
}

type ExtensionStorage = { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };

async function enforcedRecord(driver: Driver): Promise<EnforcedRecord> {
  return driver.inExtension(async (key) => {
    const g = globalThis as unknown as { chrome: ExtensionStorage };
    return ((await g.chrome.storage.local.get(key))[key] ?? null) as EnforcedRecord;
  }, 'aup.enforcedRules');
}

/** Navigate and wait for `waitUntil`; a redirect to the block page counts. Returns the time and where the tab ended. */
export async function timedGoto(page: Page, url: string, waitUntil: 'domcontentloaded' | 'load'): Promise<{ ms: number; href: string; error: string | null }> {
  const start = performance.now();
  let error: string | null = null;
  try {
    await page.goto(url, { waitUntil, timeout: 15_000 });
  } catch (e) {
    error = (e as Error).message.split('\n')[0] ?? 'error';
  }
  return { ms: performance.now() - start, href: page.url(), error };
}

export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await read().catch(() => undefined);
    if (last !== undefined && ok(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

export type UpdateFigures = { startedEpoch: number; roundTripMs: number; toBlockedMs: number; tookMs: number | null; served: Served[]; blocked: boolean; reached: number; serial: number | null; error: string | null };

/**
 * Ask the worker to refresh from what the policy server serves now (the answer comes after sync +
 * enforce), then navigate a prepared tab to `probe` and time until the block page is there. The
 * clock starts before the refresh message is sent.
 */
export async function refreshUntilBlocked(driver: Driver, server: TestServer, served: Served[], page: Page, probe: string): Promise<UpdateFigures> {
  const before = served.length;
  const startedEpoch = Date.now();
  const started = performance.now();
  const status = await workerStatus(driver, true);
  const roundTripMs = performance.now() - started;
  const nav = await timedGoto(page, server.url(probe, '/bench'), 'domcontentloaded');
  const toBlockedMs = performance.now() - started;
  const record = await enforcedRecord(driver);
  return {
    startedEpoch,
    roundTripMs,
    toBlockedMs,
    tookMs: record?.tookMs ?? null,
    served: served.slice(before),
    blocked: nav.href.includes(BLOCK_PAGE),
    reached: server.requestsTo(probe).length,
    serial: status.policy?.serial ?? null,
    error: status.lastErrorCode ?? null,
  };
}

/**
 * A fresh Chromium with the extension, configured while the policy server has no bundle (404,
 * not 503: after a few 5xx Chrome refuses an extension's requests to the URL a while, measured),
 * its config change's own failed sync ended, so a refresh measured next runs alone.
 */
export async function configuredDriver(policy: PolicyServer, noBundleDir: string): Promise<Driver & { rig: ChromiumRig }> {
  policy.serve(noBundleDir);
  const driver = await chromiumDriver();
  try {
    await setLocalConfig(driver, { policyUrl: policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: E2E_GROUP, refreshMinutes: 60 });
    const idle = await until(() => workerStatus(driver, true), (s) => s.configSource === 'local' && s.lastErrorCode === 'fetch-failed', 30_000, 'the worker to settle');
    if (idle.policy) throw new Error(`the fresh profile already holds bundle serial ${idle.policy.serial}`);
    await new Promise((r) => setTimeout(r, 1_000));
    return driver;
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw error;
  }
}

export type SyncPair = { sync: UpdateFigures; phases: Phase[]; syncMs: number | null; floorTimes: number[]; floorMs: number; ratio: number | null; rules: number; domains: number };

/**
 * One pair, with the million-host bundle already served: refresh until `probe` is blocked, read
 * the worker's phases (sync start → rules in force, the worker's clock), then in the same browser
 * time `updateDynamicRules` alone adding the same rules (median of `floorRuns`).
 */
export async function syncAndFloor(driver: Driver & { rig: ChromiumRig }, server: TestServer, served: Served[], page: Page, probe: string, floorRuns: number): Promise<SyncPair> {
  const sync = await refreshUntilBlocked(driver, server, served, page, probe);
  const phases: Phase[] = driver.rig.worker ? await workerPhases(driver.rig.worker) : [];
  const at = (name: string) => phases.find((p) => p.name === name)?.startEpoch ?? null;
  const syncStart = at('sync start');
  const inForce = at('rules in force');
  const syncMs = syncStart !== null && inForce !== null ? inForce - syncStart : null;
  await new Promise((r) => setTimeout(r, 2_000)); // the matcher build and the rest of the tidy after the rules: let them end
  const floor = await updateDynamicRulesFloor(driver, floorRuns);
  const floorMs = median(floor.times);
  return { sync, phases, syncMs, floorTimes: floor.times, floorMs, ratio: syncMs === null ? null : syncMs / floorMs, rules: floor.rules, domains: floor.domains };
}
