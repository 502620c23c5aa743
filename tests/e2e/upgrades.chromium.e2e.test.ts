import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { chromiumDriver } from './support/driver.ts';
import { writeBundle } from './support/bundles.ts';
import { useEnforcingBrowser, waitForSerial, workerStatus } from './support/harness.ts';
import { startSniServer } from './support/tls-server.ts';

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
