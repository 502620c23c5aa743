import { afterAll, beforeAll } from 'vitest';
import { join } from 'node:path';
import type { Driver } from './driver.ts';
import { DEV_PUBLIC_KEY, E2E_GROUP, e2eRules, writeBundle } from './bundles.ts';
import { tempDir } from './paths.ts';
import { policyServer } from './policy-server.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/* The end-to-end harness: a test server for every host, a bundle server, and ways to ask the worker. */
export const IDN_UNICODE = 'glücksspiel-beispiel.example';
export const IDN_PUNY = 'xn--glcksspiel-beispiel-69b.example';

/** A test for waitForHref: the tab shows this extension page (block, warn…). */
export const isPage = (page: string) => (href: string) => href.includes(`/extension/pages/${page}/index.html`);

/** The little of the extension API the tests call from an extension page (Chrome's `chrome`, Firefox's `browser`). */
type ExtensionApi = {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { set(values: Record<string, unknown>): Promise<void> } };
};

type Status = { policy: { serial: number } | null; lastErrorCode: string | null; lastError: string | null; configSource: string; enforcedAt?: string | null; enforcedSerial?: number | null; workerStartedAt?: string; checkedAt?: string | null };

/** Ask the worker (from an extension page) for its status, optionally after a policy check. */
export async function workerStatus(driver: Driver, refresh = false): Promise<Status> {
  return driver.inExtension(
    async (type) => {
      const g = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
      return (g.browser ?? g.chrome)!.runtime.sendMessage({ type });
    },
    refresh ? 'policy/refresh' : 'status/get',
  ) as Promise<Status>;
}

/** Wait until the worker has made the browser's rules match the policy at least once. */
export async function waitForEnforcement(driver: Driver, timeoutMs = 30_000): Promise<Status> {
  const end = Date.now() + timeoutMs;
  let last: Status | null = null;
  while (Date.now() < end) {
    last = await workerStatus(driver).catch(() => null);
    if (last?.enforcedAt) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`rules never enforced (last status: ${JSON.stringify(last)})`);
}

/**
 * Run in an extension page: accept the AUP in force, as the welcome page's button does (the worker
 * lifts the gate before it answers). For tests that browse under the built-in policy, which
 * requires acceptance as rules/ does; self-contained, as page.evaluate sends only its source.
 */
export async function acceptAupInPage(): Promise<unknown> {
  type Api = { runtime: { sendMessage(message: unknown): Promise<unknown> } };
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = (g.browser ?? g.chrome)!;
  const status = (await api.runtime.sendMessage({ type: 'acceptance/status' })) as { aup: { version: string }; accepted: unknown; required: boolean };
  if (!status.required || status.accepted) return status;
  return api.runtime.sendMessage({ type: 'acceptance/accept', aupVersion: status.aup.version });
}

export async function setLocalConfig(driver: Driver, config: Record<string, unknown>): Promise<void> {
  await driver.inExtension(async (value) => {
    const g = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
    // The record `aup.localConfig` of extension/background/records.ts (version inside the value).
    await (g.browser ?? g.chrome)!.storage.local.set({ 'aup.localConfig': { version: 2, config: value } });
  }, config);
}

export async function waitForSerial(driver: Driver, serial: number, timeoutMs = 30_000): Promise<Status> {
  const end = Date.now() + timeoutMs;
  let last: Status | null = null;
  while (Date.now() < end) {
    last = await workerStatus(driver).catch(() => null);
    // Stored is not enough: wait until the browser's rules come from this bundle.
    if (last?.policy?.serial === serial && last.enforcedSerial === serial) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`policy serial ${serial} not in force (last status: ${JSON.stringify(last)})`);
}

export type Harness = { server: TestServer; policy: ReturnType<typeof policyServer>; rulesDir: string; bundles: string; cleanup(): void };

export async function startHarness(): Promise<Harness> {
  const server = await startTestServer();
  const policy = policyServer(server);
  const work = tempDir('e2e-bundles');
  const rulesDir = e2eRules(join(work.path, 'rules'), { gambling: [IDN_PUNY] });
  const bundles = join(work.path, 'bundles');
  await writeBundle(rulesDir, join(bundles, 'good-10'), { serial: 10 });
  policy.serve(join(bundles, 'good-10'));
  return { server, policy, rulesDir, bundles, cleanup: () => work.remove() };
}

/**
 * Start a harness before the tests of the surrounding `describe` and close it after them;
 * call the returned function inside a test to get it.
 */
export function useHarness(): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.server.close();
    harness?.cleanup();
  });
  return () => {
    if (!harness) throw new Error('the test harness did not start');
    return harness;
  };
}

/**
 * A harness and a browser whose extension enforces the good serial-10 bundle with the e2e group,
 * for the tests of the surrounding `describe`; closed after them. `launch` may add routes to the
 * test server first. Call the returned function inside a test (or a later hook).
 */
export function useEnforcingBrowser(launch: (h: Harness) => Promise<Driver>): () => { h: Harness; driver: Driver } {
  let h: Harness | undefined;
  let driver: Driver | undefined;
  beforeAll(async () => {
    h = await startHarness();
    driver = await launch(h);
    await setLocalConfig(driver, { policyUrl: h.policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: E2E_GROUP, refreshMinutes: 60 });
    await waitForSerial(driver, 10);
  });
  afterAll(async () => {
    await driver?.close();
    await h?.server.close();
    h?.cleanup();
  });
  return () => {
    if (!h || !driver) throw new Error('the test browser did not start');
    return { h, driver };
  };
}
