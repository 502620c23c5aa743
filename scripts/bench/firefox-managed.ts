/**
 * `npm run bench -- firefox-managed` (issue 14: Firefox's allowed-page cost after an idle spell, on
 * a managed device). Only by name, and only with AUP_SYSTEM_TESTS=1 (or CI=true): it writes
 * /etc/firefox/policies/policies.json, the one place Firefox ESR on Linux reads enterprise
 * policies from, and puts back what was there. About 7 minutes with the defaults.
 *
 * Why a separate run: installed by policy, AUP Guard keeps its event page running
 * (extension/platform/keep-alive.ts), so a managed device does not meet the suspended page that
 * `npm run bench -- firefox` measures for a sideloaded copy. This measures what a managed device
 * meets instead: AUP Guard force-installed by the generated policies.json with Firefox's own idle
 * time left as it is (`firefoxBackgroundIdleMinutes: 'firefox-default'`, 30 s), enforcing an
 * AUP_BENCH_HOSTS-host list (default 1,000,000), against two plain Firefox ESRs (the noise band).
 * Before every round all three sit idle for AUP_BENCH_IDLE_SECONDS (default 35, longer than
 * Firefox's 30 s); no DevTools session is attached to the background page. Its start time is read
 * before the first round and after the last: a change means Firefox suspended it, and the run says
 * so. The plain Firefoxes start before the policy file is written, so they run without it
 * (Firefox reads its policies once, at start).
 *
 * It asserts nothing. Build first (`npm run build`).
 */
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { ZSTD_LEVEL, writeBundle } from '../../tests/e2e/support/bundles.ts';
import { SYSTEM_TESTS } from '../../tests/e2e/support/chromium-policy.ts';
import { packageAndDeploy } from '../../tests/e2e/support/deployment.ts';
import { firefoxDriver } from '../../tests/e2e/support/driver.ts';
import { backgroundStartedAt, installFirefoxPolicy } from '../../tests/e2e/support/firefox-policy.ts';
import { launchFirefox } from '../../tests/e2e/support/firefox.ts';
import { startHarness, waitForSerial } from '../../tests/e2e/support/harness.ts';
import { DIST_FIREFOX, assertBuilt } from '../../tests/e2e/support/paths.ts';
import { syntheticHosts } from '../../tests/e2e/support/synthetic-hosts.ts';
import { formatInt } from './measure.ts';
import { signed } from './overhead.ts';
import { loadSeries, type Loader } from './firefox-loads.ts';

const HOSTS = Number(process.env.AUP_BENCH_HOSTS ?? 1_000_000);
const ROUNDS = Number(process.env.AUP_BENCH_IDLE_ROUNDS ?? 8);
const IDLE_MS = Number(process.env.AUP_BENCH_IDLE_SECONDS ?? 35) * 1_000;
const WARM_UP = 1;
const SERIAL = 30;

const log = console.log;
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

type SelfApi = { management: { getSelf(): Promise<{ installType: string }> } };

export async function benchFirefoxManaged(): Promise<void> {
  if (!SYSTEM_TESTS) {
    log('firefox-managed: not run. It writes /etc/firefox/policies/policies.json for a moment; set AUP_SYSTEM_TESTS=1 to allow it.');
    return;
  }
  assertBuilt(DIST_FIREFOX);
  const started = performance.now();
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  log(`AUP Guard installed by policy in Firefox ESR, ${formatInt(HOSTS)} listed hosts, ${IDLE_MS / 1000} s idle before each round — Node ${process.version}, ${availableParallelism()} CPUs, load average ${load()}`);
  const h = await startHarness();
  const closers: Array<{ close(): Promise<void> }> = [];
  // Put back as soon as AUP Guard is installed (Firefox has read it by then), and in any case at the end.
  let restorePolicy: (() => void) | null = null;
  let deployment: ReturnType<typeof packageAndDeploy> | null = null;
  try {
    const bundle = join(h.bundles, 'managed');
    await writeBundle(h.rulesDir, bundle, { serial: SERIAL, lists: { malware: syntheticHosts(HOSTS, 7) }, zstdLevel: ZSTD_LEVEL });
    h.policy.serve(bundle);
    deployment = packageAndDeploy(h, { firefoxBackgroundIdleMinutes: 'firefox-default' });

    // The plain ones first: started before the policy file exists, they never see it.
    const plainRig = await launchFirefox({ extensionDir: null });
    closers.push(plainRig);
    const controlRig = await launchFirefox({ extensionDir: null });
    closers.push(controlRig);

    restorePolicy = installFirefoxPolicy(deployment.template('firefox/policies.json'));
    const managed = await firefoxDriver({ extensionDir: null, prefs: { 'xpinstall.signatures.required': false } }, h.server.url('start.bench.test'));
    closers.push(managed);
    const status = await waitForSerial(managed, SERIAL, 300_000);
    const self = await managed.inExtension(async () => (globalThis as unknown as { browser: SelfApi }).browser.management.getSelf(), null);
    log(`  ${await managed.rig.browser.version()}; AUP Guard installType ${self.installType}, serial ${status.enforcedSerial} in force, Firefox's idle time left at its default`);
    restorePolicy();
    if (self.installType !== 'admin') throw new Error(`AUP Guard was not installed by policy (installType ${self.installType}): this run would not measure a managed device`);

    const loaders: Loader[] = [
      { name: 'ext', page: await managed.rig.browser.newPage() },
      { name: 'plain', page: await plainRig.browser.newPage() },
      { name: 'control', page: await controlRig.browser.newPage() },
    ];
    const before = await backgroundStartedAt(managed);
    const idle = await loadSeries(
      `after ${IDLE_MS / 1000} s idle before each round, all three browsers`,
      h.server,
      loaders,
      ROUNDS,
      'managed-idle',
      async () => void (await sleep(IDLE_MS)),
      async () => undefined,
      WARM_UP,
    );
    const after = await backgroundStartedAt(managed);
    const kept = before === after;
    log(`  the background page ${kept ? 'ran through every idle spell (the same page before the first round and after the last)' : 'was SUSPENDED and started again during the run'}`);

    log(`\nSummary — load average now ${load()}`);
    log(`  allowed-page overhead after idle, installed by policy: ${signed(idle.overheadMs)} ms = ${signed(idle.overheadPct)} % (noise band ±${idle.bandMs.toFixed(1)} ms) → ${idle.ok && kept ? 'MET' : 'MISSED'}${kept ? '' : ' (the page was suspended)'}`);
  } finally {
    restorePolicy?.();
    for (const c of closers.reverse()) await c.close().catch((e: Error) => log(`could not close a browser: ${e.message}`));
    deployment?.remove();
    await h.server.close();
    h.cleanup();
    log(`\nWhole run ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  }
}
