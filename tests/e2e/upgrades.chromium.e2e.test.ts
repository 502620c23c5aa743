import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { chromiumDriver } from './support/driver.ts';
import { writeBundle } from './support/bundles.ts';
import { useEnforcingBrowser, waitForSerial, workerStatus } from './support/harness.ts';
import { startSniServer } from './support/tls-server.ts';
import { SYSTEM_TESTS } from './support/chromium-policy.ts';
import { createServer } from 'node:http';

/*
 * A typed `http://` address of a host Chromium upgrades to HTTPS by itself. Every name under
 * `.dev` is HSTS-preloaded (Chromium's built-in list): `http://x.dev:port/` becomes
 * `https://x.dev:port/` inside the browser, whatever the flags. The worry: Chromium might open
 * the TLS connection for the upgraded address before the extension's rule redirects it.
 */
const BLOCKED = 'casino-upgraded.dev';
const ALLOWED = 'allowed-upgraded.dev';

describe('Chromium: a blocked host that Chromium upgrades to HTTPS (HSTS preload)', () => {
  const session = useEnforcingBrowser(() => chromiumDriver());

  it('typed as http:// it shows the block page, with no TLS handshake naming it and no HTTP request; an allowed host is upgraded (control)', async () => {
    const { h, driver } = session();
    const next = join(h.bundles, 'good-11-upgraded');
    await writeBundle(h.rulesDir, next, { serial: 11, lists: { gambling: ['bet365.com', BLOCKED] } });
    h.policy.serve(next);
    await workerStatus(driver, true);
    await waitForSerial(driver, 11);

    const tls = await startSniServer();
    const tab = await driver.newTab();
    try {
      // Control: the allowed host typed with http:// is contacted over TLS (the upgrade happens).
      await tab.go(`http://${ALLOWED}:${tls.port}/`);
      await expect.poll(() => tls.names.includes(ALLOWED), { timeout: 10_000 }).toBe(true);

      for (const url of [`http://${BLOCKED}:${tls.port}/typed`, `http://www.${BLOCKED}:${tls.port}/sub`, `http://${BLOCKED}:${h.server.port}/on-the-http-port`]) {
        await tab.go(url);
        const href = await tab.waitForHref((u) => u.includes('/extension/pages/blocked/index.html'), 15_000);
        expect(href, url).toContain('?c=gambling');
      }
      // Started by an allowed page rather than typed.
      await tab.go(h.server.url('allowed.example.test', '/starts-a-navigation'));
      await tab.waitForHref((u) => u.startsWith('http://allowed.example.test'));
      const target = `http://${BLOCKED}:${tls.port}/from-a-page`;
      await tab.evaluate(new Function(`location.href = ${JSON.stringify(target)};`) as () => void).catch(() => undefined);
      await tab.waitForHref((u) => u.includes('/extension/pages/blocked/index.html?c=gambling'), 15_000);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(tls.names.filter((n) => n.endsWith(BLOCKED))).toEqual([]);
      expect(h.server.requestsTo(BLOCKED)).toEqual([]);
    } finally {
      await tab.close();
      await tls.close();
    }
  });
});

/*
 * Chromium's HTTPS-Upgrades (on by default in Chrome; the rig turns it off elsewhere): a typed
 * `http://` address is tried over https first. Measured: only on the default ports (80 → 443) and
 * only for unique names (a `.test` name is not upgraded), so this test needs ports 80 and 443 on
 * 127.0.0.1 (root: CI or AUP_SYSTEM_TESTS=1).
 */
describe.runIf(SYSTEM_TESTS)('Chromium with HTTPS-Upgrades: a typed http:// address of a blocked host (ports 80/443; CI or AUP_SYSTEM_TESTS=1)', () => {
  const session = useEnforcingBrowser(() => chromiumDriver({ args: ['--disable-features=HttpsFirstBalancedModeAutoEnable', '--enable-features=HttpsUpgrades'] }));

  it('is upgraded, then blocked: block page, no TLS handshake naming it, no HTTP request; an allowed host is upgraded (control)', async () => {
    const { driver } = session();
    const tls = await startSniServer(443);
    const plain: string[] = [];
    const http = createServer((req, res) => {
      plain.push(`${req.headers.host}${req.url}`);
      res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>plain http</h1>');
    });
    await new Promise<void>((resolve, reject) => http.once('error', reject).listen(80, '127.0.0.1', resolve));
    const tab = await driver.newTab();
    try {
      // Control: tried over https first (a handshake names it), then http when the certificate fails.
      await tab.go('http://upgrade-allowed.example.com/');
      await expect.poll(() => tls.names.includes('upgrade-allowed.example.com'), { timeout: 10_000 }).toBe(true);
      for (const host of ['www.bet365.com', 'casino.bet365.com']) {
        await tab.go(`http://${host}/typed`);
        const href = await tab.waitForHref((u) => u.includes('/extension/pages/blocked/index.html'), 15_000);
        // The upgrade happened before the rule applied: the block page names the https address.
        expect(href).toContain(`?c=gambling#https://${host}/typed`);
      }
      await new Promise((r) => setTimeout(r, 1_000));
      expect(tls.names.filter((n) => n.endsWith('bet365.com'))).toEqual([]);
      expect(plain.filter((p) => p.includes('bet365.com'))).toEqual([]);
    } finally {
      await tab.close();
      await tls.close();
      await new Promise<void>((resolve) => { http.closeAllConnections(); http.close(() => resolve()); });
    }
  });
});
