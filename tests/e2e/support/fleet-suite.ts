import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Driver } from './driver.ts';
import { formatViolations } from './axe.ts';
import { DEV_PUBLIC_KEY, E2E_GROUP } from './bundles.ts';
import { setLocalConfig, startHarness, waitForSerial, type Harness } from './harness.ts';
import { ROOT, tempDir } from './paths.ts';
import { E2E_REPORT_TOKEN, startReportServer, type ReportServer } from './report-server.ts';
import { PROXY_EXTENSION_NAME, writeProxyExtension } from './proxy-extension.ts';
import type { CheckinRequest } from '../../../src/protocol/checkin-wire.ts';

/*
 * Fleet status end to end (issue 15): the extension's posture self-check and check-ins, into the
 * real `aup serve` and onto ICT's fleet page. The device is as a hand-installed test browser is:
 * not installed by policy, Incognito not granted, and a small test extension holding the proxy
 * settings. What each browser can tell about private windows differs (extension/platform/posture.ts).
 */

const SHOTS = join(ROOT, 'test-results/screenshots');

export type FleetLauncher = {
  /**
   * AUP Guard and the proxy test extension in `proxyDir` (built for `kind`): Chromium loads it
   * alongside, Firefox installs it as a temporary add-on once AUP Guard runs.
   */
  launch(h: Harness, proxyDir: string): Promise<Driver>;
  kind: 'chromium' | 'firefox';
  /** The Incognito finding's detail: what this browser says about private windows. */
  privateWindows: RegExp;
};

type Api = { runtime: { sendMessage(message: unknown): Promise<unknown> }; management: { getAll(): Promise<Array<{ id: string; name: string }>> } };

/** Poll `read` until `ok`, at most `timeoutMs`; `nudge` (if given) runs between reads. */
async function until<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, timeoutMs: number, what: string, nudge?: () => Promise<unknown>): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last).slice(0, 1500)})`);
    if (nudge) await nudge();
    await new Promise((r) => setTimeout(r, 250));
    last = await read();
  }
  return last;
}

export function fleetSuite(name: string, launcher: FleetLauncher) {
  describe(`${name}: the device checks in with its posture, and ICT's fleet page shows it`, () => {
    let h: Harness;
    let server: ReportServer;
    let driver: Driver;
    let work: ReturnType<typeof tempDir>;
    const deviceName = `E2E-FLEET-${launcher.kind.toUpperCase()}`;

    const worker = (type: string) =>
      driver.inExtension(async (message) => {
        const g = globalThis as unknown as { browser?: Api; chrome?: Api };
        return (g.browser ?? g.chrome)!.runtime.sendMessage({ type: message });
      }, type);
    const mine = () => server.checkins().map((row) => JSON.parse(row.checkin) as CheckinRequest).filter((c) => c.deviceName === deviceName);

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      h = await startHarness();
      server = await startReportServer(join(h.bundles, 'good-10'));
      work = tempDir('fleet');
      driver = await launcher.launch(h, writeProxyExtension(join(work.path, 'proxy'), launcher.kind));
    });
    afterAll(async () => {
      await driver?.close();
      await server?.close();
      await h?.server.close();
      h?.cleanup();
      work?.remove();
    });

    it('reports Incognito available without AUP Guard and the proxy held by the test extension, by name; the fleet page shows the device after its first check-in', async () => {
      // ICT's settings arrive: the sync that follows runs the self-check, and a check-in goes out.
      await setLocalConfig(driver, {
        policyUrl: h.policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: E2E_GROUP, refreshMinutes: 60,
        reportEndpoint: server.endpoint, reportToken: E2E_REPORT_TOKEN, deviceName,
      });
      await waitForSerial(driver, 10);
      const first = (await until(mine, (c) => c.some((x) => x.policy.serial === 10), 60_000, 'the first check-in with the bundle'))
        .find((x) => x.policy.serial === 10)!;
      expect(first).toMatchObject({ group: E2E_GROUP, installedByPolicy: false, extension: { browser: launcher.kind === 'chromium' ? 'chrome' : 'firefox' } });
      expect(first.policy.fetchedAt).not.toBeNull();
      // Within one check-in: the fleet page lists the device, and its page says what it runs.
      const fleet = await server.inbox('/inbox/fleet');
      expect(fleet.status).toBe(200);
      expect(fleet.html).toContain(deviceName);
      expect(fleet.html).toContain(first.deviceId);

      const incognito = first.findings.find((f) => f.id === 'incognito-available');
      expect(incognito?.severity).toBe('high');
      expect(incognito?.detail).toMatch(launcher.privateWindows);

      // The proxy: held by the test extension, which the check-in names (name and id). Firefox
      // says nothing when a setting changes, so the test asks for a check-in until it shows.
      const proxyId = await driver.inExtension(async (wanted) => {
        const g = globalThis as unknown as { browser?: Api; chrome?: Api };
        return (await (g.browser ?? g.chrome)!.management.getAll()).find((e) => e.name === wanted)?.id ?? null;
      }, PROXY_EXTENSION_NAME);
      expect(proxyId).toBeTruthy();
      const named = `${PROXY_EXTENSION_NAME} (${proxyId})`;
      const held = (c: CheckinRequest) => c.findings.some((f) => f.id === 'proxy-controlled-by-other' && f.detail === `set by ${named}`);
      const proxied = (await until(mine, (c) => c.some(held), 20_000, 'a check-in naming the extension that holds the proxy', () => worker('posture/checkin'))).find(held)!;
      expect(proxied.findings).toContainEqual({ id: 'proxy-extension-installed', severity: 'high', detail: named });
      expect(proxied.deviceId).toBe(first.deviceId);
      // Nothing about browsing travels: no address in any field of any check-in.
      for (const c of mine()) expect(JSON.stringify(c)).not.toContain('://');

      const device = await server.inbox(`/inbox/fleet/${first.deviceId}`);
      expect(device.status).toBe(200);
      expect(device.html).toContain(PROXY_EXTENSION_NAME);
    });

    it('the popup and the options page show the same findings in plain words; axe finds nothing', async () => {
      const sent = mine().at(-1)!;
      for (const page of ['popup', 'options'] as const) {
        const tab = await driver.openExtensionTab(page);
        const ids = await until(
          () => tab.evaluate(() => Array.from(document.querySelectorAll('[data-finding]')).map((li) => li.getAttribute('data-finding'))),
          (found) => found.length > 0, 10_000, `the findings on the ${page}`,
        );
        expect(new Set(ids)).toEqual(new Set(sent.findings.map((f) => f.id)));
        const text = (await tab.text('[data-testid=posture]')) ?? '';
        expect(text).toContain('ICT has not yet set this device up fully');
        expect(text).toContain('Private windows can be opened without AUP Guard in them.');
        if (page === 'options') expect(text).toContain(PROXY_EXTENSION_NAME);
        await tab.screenshot(join(SHOTS, `posture-${page}-${launcher.kind}.png`));
        const violations = await tab.axe();
        expect(violations, formatViolations(violations)).toEqual([]);
        await tab.close();
      }
    });
  });
}
