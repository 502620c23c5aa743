import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { chromiumDriver } from './support/driver.ts';
import { writeBundle } from './support/bundles.ts';
import { useEnforcingBrowser, waitForSerial, workerStatus } from './support/harness.ts';

/*
 * Chrome does not apply declarativeNetRequest to a navigation that a site's service worker
 * answers from its cache. A site used while it was allowed can cache itself; once the policy
 * blocks it, the committed-page check must still move the tab to the block page.
 */
const SITE = 'sw-site.example.test';

const PAGE = `<!doctype html><html lang="en"><title>Cached site</title><h1 id="host">cached site</h1>
<script>navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then(() => { document.title = 'sw ready'; });</script>`;
// Cache the page at install; answer every request from the cache first.
const WORKER = `self.addEventListener('install', (e) => { self.skipWaiting(); e.waitUntil(caches.open('v1').then((c) => c.add('/cached-page'))); });
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => e.respondWith(caches.match(e.request).then((hit) => hit || fetch(e.request))));`;

describe('Chromium: a page its own service worker serves is checked once committed', () => {
  const session = useEnforcingBrowser(async (h) => {
    h.server.route((req, res) => {
      if (!(req.headers.host ?? '').startsWith(SITE)) return false;
      if (req.url === '/sw.js') res.writeHead(200, { 'content-type': 'text/javascript', 'service-worker-allowed': '/' }).end(WORKER);
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      return true;
    });
    // Service workers need a secure origin: treat the test site (plain http) as one.
    return chromiumDriver({ args: [`--unsafely-treat-insecure-origin-as-secure=http://${SITE}:${h.server.port}`] });
  });

  it('moves the tab to the block page although no request reaches the network', async () => {
    const { h, driver } = session();
    const tab = await driver.newTab();
    await tab.go(h.server.url(SITE, '/cached-page'));
    await expect.poll(() => tab.evaluate(() => document.title), { timeout: 15_000 }).toBe('sw ready');
    await tab.close();

    // ICT lists the site as gambling (blocked): a new bundle is enforced.
    const next = join(h.bundles, 'good-11-sw');
    await writeBundle(h.rulesDir, next, { serial: 11, lists: { gambling: [SITE] } });
    h.policy.serve(next);
    await workerStatus(driver, true);
    await waitForSerial(driver, 11);

    const seen = h.server.requestsTo(SITE).length;
    const again = await driver.newTab();
    await again.go(h.server.url(SITE, '/cached-page'));
    await again.waitForHref((u) => u.includes('/extension/pages/blocked/index.html?c=gambling'), 15_000);
    expect(h.server.requestsTo(SITE).slice(seen)).toEqual([]);
    await again.close();
  });
});
