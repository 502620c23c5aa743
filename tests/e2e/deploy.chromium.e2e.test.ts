import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './support/chromium.ts';
import { POLICY_DIR, POLICY_FILE, SYSTEM_TESTS } from './support/chromium-policy.ts';
import { writeBundle } from './support/bundles.ts';
import { packageAndDeploy, type Deployment } from './support/deployment.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { ROOT, tempDir } from './support/paths.ts';
import { pagePath } from '../../src/protocol/page-location.ts';
import { waitFor } from './support/wait-for.ts';

/*
 * The deployment path of the runbook, for real: `aup package` with a new packaging key, `aup
 * deploy` from a deployment file, and the generated Linux policy file in /etc/chromium/policies.
 * Chromium installs the packaged CRX from the update manifest, hands it its managed settings, and
 * the bundle they name is enforced; the hardening in the same file takes Incognito away, and the
 * posture self-check finds nothing to report.
 */

/** The little of Chrome's extension API the test calls in the extension's page. */
type Chrome = {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  management: { getSelf(): Promise<unknown> };
  windows: { create(options: unknown): Promise<unknown> };
};
const LISTED = 'deploy-listed.example.test';
const PROBE = 'deploy-probe.example.test';

describe.runIf(SYSTEM_TESTS)('Chromium, deployed with the generated templates (CI or AUP_SYSTEM_TESTS=1: writes /etc/chromium/policies)', () => {
  let h: Harness;
  let deployment: Deployment;
  beforeAll(async () => {
    h = await startHarness();
    const bundle = join(h.bundles, 'deploy-12');
    await writeBundle(h.rulesDir, bundle, { serial: 12, lists: { gambling: [LISTED, PROBE] } });
    h.policy.serve(bundle);
    deployment = packageAndDeploy(h);
  }, 120_000);
  afterAll(async () => {
    rmSync(POLICY_FILE, { force: true });
    deployment?.remove();
    await h?.server.close();
    h?.cleanup();
  });

  it('installs the packaged CRX by the generated policy, enforces the bundle its settings name, reports no posture findings, cannot be turned off, and Incognito is gone', async () => {
    const generated = deployment.template('linux/etc/chromium/policies/managed/aup-guard.json');
    expect(generated.IncognitoModeAvailability).toBe(1);
    // One change to what ICT gets: DevTools on AUP Guard's own pages (the generated file never
    // allows it), which is how the test reads the extension's status.
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(POLICY_FILE, JSON.stringify({ ...generated, DeveloperToolsAvailability: 1 }));
    const profile = tempDir('deployed');
    const mark = h.server.requests.length;
    const browser = await launchChromium({ userDataDir: profile.path, extensionDir: null, policyInstalled: true, waitForWorker: false });
    try {
      // Chromium fetches the CRX named by the generated update manifest, then the extension
      // fetches the bundle named by its managed settings (no tab is loading meanwhile: Chromium
      // holds managed settings back while pages load, docs/deploying.md).
      await waitFor(() => h.server.requests.slice(mark).some((r) => r.path === '/aup-guard.crx'), 60_000, 'the CRX to be downloaded');
      await waitFor(() => h.server.requests.slice(mark).some((r) => r.path.startsWith('/policy/chunks/')), 90_000, 'the bundle to be fetched');

      const page = await browser.context.newPage();
      const extensionPage = `chrome-extension://${deployment.chromeId}/${pagePath('welcome')}`;
      await page.goto(extensionPage);
      const status = () => page.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({ type: 'status/get' })) as Promise<{ configSource: string; enforcedSerial?: number | null; group: string }>;
      await expect.poll(async () => (await status().catch(() => null))?.enforcedSerial, { timeout: 30_000 }).toBe(12);
      expect(await status()).toMatchObject({ configSource: 'managed', group: 'e2e' });

      // The posture self-check (issue 15) on a device set up as the runbook says: force-installed,
      // ICT's settings valid, Incognito off by the generated policy, no other extension, a fresh
      // bundle — nothing to report. Asked for a fresh check (posture/checkin), until it settles.
      const posture = () => page.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({ type: 'posture/checkin' })) as Promise<{ findings: unknown[]; installedByPolicy: boolean }>;
      await expect.poll(async () => (await posture()).findings, { timeout: 20_000 }).toEqual([]);
      expect((await posture()).installedByPolicy).toBe(true);

      // A host the bundle lists: the block page, and not one request reaches it.
      const tab = await browser.context.newPage();
      await tab.goto(`http://${LISTED}:${h.server.port}/deployed`).catch(() => undefined);
      await expect.poll(() => tab.url(), { timeout: 10_000 }).toContain('/extension/pages/blocked/');
      expect(h.server.requestsTo(LISTED)).toEqual([]);

      // Installed by ICT: the browser's own extension manager cannot turn it off.
      const self = await page.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.management.getSelf());
      expect(self).toMatchObject({ installType: 'admin', mayDisable: false, enabled: true });
      const manager = await browser.context.newPage();
      await manager.goto('chrome://extensions/');
      const refused = await manager.evaluate(async (id) => {
        const management = (globalThis as unknown as { chrome: { management: { setEnabled(id: string, on: boolean): Promise<void>; get(id: string): Promise<{ enabled: boolean }> } } }).chrome.management;
        const error = await management.setEnabled(id, false).then(() => null, (e: Error) => e.message);
        return { error, enabled: (await management.get(id)).enabled };
      }, deployment.chromeId);
      expect(refused.error).toBeTruthy();
      expect(refused.enabled).toBe(true);

      // The generated hardening: no Incognito window can be opened.
      const incognito = await page.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.windows.create({ incognito: true, url: 'about:blank' }).then(() => 'opened', (e: Error) => e.message));
      expect(incognito).not.toBe('opened');
      console.log(`deploy (Chromium): disable refused with "${refused.error}"; Incognito refused with "${incognito}"`);

      // ICT makes a mistake: a plain-http policy address and a misspelt key. Chromium drops the
      // value its managed schema refuses (so the device sees it missing); the options page says
      // so, setting by setting, and the last good bundle stays in force.
      const settings = (generated['3rdparty'] as { extensions: Record<string, Record<string, unknown>> }).extensions[deployment.chromeId]!;
      const broken = { ...generated, DeveloperToolsAvailability: 1, '3rdparty': { extensions: { [deployment.chromeId]: { ...settings, policyUrl: 'http://plain-http.example.com/manifest.json', colour: 'blue' } } } };
      await tab.close();
      writeFileSync(POLICY_FILE, JSON.stringify(broken));
      const options = await browser.context.newPage();
      await options.goto(`chrome-extension://${deployment.chromeId}/${pagePath('options')}`);
      const rows = () => options.evaluate(() => Array.from(document.querySelectorAll('[data-testid=managed-fields] tbody tr')).map((tr) => `${tr.getAttribute('data-state')} ${tr.textContent}`));
      // The page reads the settings when it opens: look again until Chromium has passed the change on.
      await expect.poll(async () => {
        await options.reload();
        await options.waitForSelector('[data-testid=managed-fields]', { timeout: 10_000 }).catch(() => undefined);
        return (await rows()).find((r) => r.includes('policyUrl')) ?? '';
      }, { timeout: 90_000, interval: 2_000 }).toMatch(/^(not-set|invalid) /);
      expect((await rows()).find((r) => r.includes('policyUrl'))).toMatch(/No policy can be fetched/);
      await options.screenshot({ path: join(ROOT, 'test-results/screenshots/options-managed-invalid-chromium.png'), fullPage: true });
      expect((await status()).enforcedSerial).toBe(12);
      const again = await browser.context.newPage();
      await again.goto(`http://${LISTED}:${h.server.port}/after-mistake`).catch(() => undefined);
      await expect.poll(() => again.url(), { timeout: 10_000 }).toContain('/extension/pages/blocked/');
      expect(h.server.requestsTo(LISTED)).toEqual([]);
    } finally {
      await browser.close();
      rmSync(POLICY_FILE, { force: true });
      profile.remove();
    }
  }, 240_000);
});
