import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Driver, Tab } from './driver.ts';
import { DEV_PUBLIC_KEY, E2E_GROUP, writeBundle } from './bundles.ts';
import { generateSigningKey, importSigningKey } from '../../../src/bundle/signing.ts';
import { startSniServer } from './tls-server.ts';
import { addressLiteralTests } from './address-literal-tests.ts';
import { serveFetchingWorkerSite, WORKER_SITE } from './fetching-worker.ts';
import { IDN_PUNY, IDN_UNICODE, isPage, setLocalConfig, useEnforcingBrowser, waitForSerial, workerStatus, type Harness } from './harness.ts';
import { checkPage } from './page-checks.ts';

export * from './harness.ts';

/** The scenarios of the Enforcement issue, run against one browser. */
export function enforcementSuite(name: string, launch: (h: Harness) => Promise<Driver>) {
  describe(`${name}: enforcement with a signed bundle served locally`, () => {
    const session = useEnforcingBrowser(launch);
    let h: Harness;
    let driver: Driver;
    let tab: Tab;

    beforeAll(async () => {
      ({ h, driver } = session());
      tab = await driver.newTab();
    });

    it('blocks listed hosts and their subdomains, however the URL is written, without contacting them', async () => {
      const s = h.server;
      const port = s.port;
      const tricks = [
        `http://bet365.com:${port}/`,
        `http://www.bet365.com:${port}/promo?x=1`,
        `http://WWW.BET365.COM:${port}/upper`,
        `http://www.bet365.com.:${port}/trailing-dot`,
        `http://someone:secret@www.bet365.com:${port}/userinfo`,
        `http://${IDN_UNICODE}:${port}/unicode`,
        `http://${IDN_PUNY}:${port}/punycode`,
        `http://deep.sub.${IDN_PUNY}:${port}/`,
      ];
      for (const url of tricks) {
        await tab.go(url);
        const href = await tab.waitForHref(isPage('blocked'));
        expect(href, url).toContain('?c=gambling');
        // The category's title arrives from the worker a moment after the page renders.
        await expect.poll(() => tab.text('[data-testid=page-category]'), { message: url, timeout: 10_000 }).toBe('Gambling');
        const shown = (await tab.text('[data-testid=page-url]')) ?? '';
        expect(shown, url).toMatch(/^http:\/\//);
        expect(shown, url).not.toContain('secret');
      }
      expect(s.requestsTo('bet365.com')).toEqual([]);
      expect(s.requestsTo(IDN_PUNY)).toEqual([]);
    });

    it('shows the policy clause, the helpdesk and the report entry points on the block page', async () => {
      await tab.go(`http://www.bet365.com:${h.server.port}/`);
      await tab.waitForHref(isPage('blocked'));
      await expect.poll(() => tab.text('[data-testid=page-clause]').catch(() => ''), { timeout: 10_000 }).toMatch(/gambling/i);
      expect(await tab.text('[data-testid=report-accident]')).toBe('Report accidental access');
      expect(await tab.text('h1')).toBe('This site is blocked');
    });

    it('does not contact a blocked https:// host at all: no TLS handshake names it (typed, a subdomain, or started by a page)', async () => {
      const tls = await startSniServer();
      try {
        for (const host of ['www.bet365.com', 'bet365.com', 'casino.bet365.com']) {
          await tab.go(`https://${host}:${tls.port}/`);
          await tab.waitForHref(isPage('blocked'));
        }
        await tab.go(h.server.url('allowed.example.test', '/starts-a-navigation'));
        await tab.waitForHref((u) => u.startsWith('http://allowed.example.test'));
        const target = `https://www.bet365.com:${tls.port}/from-a-page`;
        await tab.evaluate(new Function(`location.href = ${JSON.stringify(target)};`) as () => void).catch(() => undefined);
        await tab.waitForHref(isPage('blocked'));
        // Control: an allowed https host is contacted (its certificate then fails), so the server can see handshakes.
        await tab.go(`https://allowed-tls.example.test:${tls.port}/`).catch(() => undefined);
        await expect.poll(() => tls.names.includes('allowed-tls.example.test'), { timeout: 10_000 }).toBe(true);
        expect(tls.names.filter((n) => n.endsWith('bet365.com'))).toEqual([]);
      } finally {
        await tls.close();
      }
    });

    it('blocks every kind of request an allowed page makes to a blocked host: sendBeacon, keep-alive fetch, image, script, WebSocket, EventSource, prefetch', async () => {
      await tab.go(h.server.url('allowed-page.example.test', '/sends-things'));
      await tab.waitForHref((u) => u.startsWith('http://allowed-page.example.test'));
      const base = `http://www.bet365.com:${h.server.port}`;
      await tab.evaluate(new Function(`
        navigator.sendBeacon(${JSON.stringify(base + '/beacon')}, 'x');
        fetch(${JSON.stringify(base + '/keepalive')}, { method: 'POST', body: 'x', keepalive: true, mode: 'no-cors' }).catch(() => {});
        const img = new Image(); img.src = ${JSON.stringify(base + '/pixel.png')};
        const s = document.createElement('script'); s.src = ${JSON.stringify(base + '/script.js')}; document.head.append(s);
        try { new WebSocket(${JSON.stringify(base.replace('http:', 'ws:') + '/socket')}); } catch {}
        try { new EventSource(${JSON.stringify(base + '/events')}); } catch {}
        const link = document.createElement('link'); link.rel = 'prefetch'; link.href = ${JSON.stringify(base + '/prefetched')}; document.head.append(link);
      `) as () => void);
      // Control from the same page: an unlisted host does receive the beacon, so the test can fail.
      await tab.evaluate(new Function(`navigator.sendBeacon(${JSON.stringify(h.server.url('beacon-ok.example.test', '/beacon'))}, 'x');`) as () => void);
      await expect.poll(() => h.server.requestsTo('beacon-ok.example.test').length, { timeout: 10_000 }).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(h.server.requestsTo('bet365.com')).toEqual([]);
    });

    it("blocks a blocked host fetched by an allowed page's own service worker (and the same worker does reach an allowed host)", async () => {
      await tab.go(serveFetchingWorkerSite(h.server));
      await tab.waitForHref((u) => u.startsWith(`http://${WORKER_SITE}:`));
      const ask = (url: string) => tab.evaluate(new Function(`return window.workerFetch(${JSON.stringify(url)});`) as () => Promise<string>);
      // Control first: the worker is running and its fetches reach the network.
      expect(await ask(h.server.url('sw-control.example.test', '/from-worker'))).toMatch(/^ok /);
      expect(h.server.requestsTo('sw-control.example.test').map((r) => r.path)).toEqual(['/from-worker']);
      for (const path of ['/from-worker', '/from-worker-again']) {
        expect(await ask(`http://www.bet365.com:${h.server.port}${path}`)).toMatch(/^failed /);
      }
      await new Promise((r) => setTimeout(r, 1_000));
      expect(h.server.requestsTo('bet365.com')).toEqual([]);
    });

    it('lets unlisted hosts load', async () => {
      await tab.go(h.server.url('allowed.example.test', '/fine'));
      await tab.waitForHref((u) => u.startsWith('http://allowed.example.test'));
      expect(await tab.text('#host')).toBe('allowed.example.test');
      expect(h.server.requestsTo('allowed.example.test').length).toBeGreaterThan(0);
    });

    it('shows the personal-use banner only on sites allowed with a banner now', async () => {
      await tab.go(h.server.url('www.social-site.test', '/feed'));
      await tab.waitForHref((u) => u.startsWith('http://www.social-site.test'));
      await expect.poll(() => tab.evaluate(() => document.querySelectorAll('aup-guard-banner').length), { timeout: 10_000 }).toBe(1);
      await tab.go(h.server.url('plain.example.test', '/'));
      await tab.waitForHref((u) => u.startsWith('http://plain.example.test'));
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await tab.evaluate(() => document.querySelectorAll('aup-guard-banner').length)).toBe(0);
    });

    it('keeps ICT-provided services open although their category is blocked (exemption)', async () => {
      await tab.go(h.server.url('chat.council-ict.test', '/'));
      await tab.waitForHref((u) => u.startsWith('http://chat.council-ict.test'));
      expect(h.server.requestsTo('chat.council-ict.test').length).toBeGreaterThan(0);
      await tab.go(h.server.url('other.council-ict.test', '/'));
      await tab.waitForHref(isPage('blocked'));
      expect(h.server.requestsTo('other.council-ict.test')).toEqual([]);
      await tab.go(h.server.url('web.whatsapp.com', '/'));
      await tab.waitForHref(isPage('blocked'));
      expect(h.server.requestsTo('whatsapp.com')).toEqual([]);
    });

    it('warns; Continue opens the site in that tab only, other tabs are still warned', async () => {
      const url = h.server.url('www.netflix.com', '/watch');
      const first = await driver.newTab();
      await first.go(url);
      await first.waitForHref(isPage('warn'));
      expect(h.server.requestsTo('netflix.com')).toEqual([]);
      await expect.poll(() => first.text('[data-testid=page-category]').catch(() => ''), { timeout: 10_000 }).toBe('Streaming video and music');
      await checkPage(first, 'the warn page');
      await first.click('[data-testid=warn-continue]');
      await first.waitForHref((u) => u.startsWith('http://www.netflix.com'), 15_000);
      expect(await first.text('#host')).toBe('www.netflix.com');
      expect(h.server.requestsTo('netflix.com').length).toBeGreaterThan(0);

      const second = await driver.newTab();
      await second.go(url);
      await second.waitForHref(isPage('warn'));
      await second.close();

      // Re-enforcing (here: a settings change) sweeps open tabs, but keeps the one that continued.
      const before = (await workerStatus(driver)).enforcedAt;
      await setLocalConfig(driver, { policyUrl: h.policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: E2E_GROUP, refreshMinutes: 61 });
      await expect.poll(async () => (await workerStatus(driver)).enforcedAt, { timeout: 15_000 }).not.toBe(before);
      expect(await first.href()).toMatch(/^http:\/\/www\.netflix\.com/);
      await first.close();
    });

    it('sends a framed page of a warned site to the warn page too, while its images pass', async () => {
      h.server.route((req, res) => {
        if (req.url !== '/frames-a-warned-site') return false;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(`<!doctype html><html lang="en"><title>Framer</title><h1 id="host">framer</h1>
          <iframe title="embedded" src="${h.server.url('www.netflix.com', '/embedded-player')}"></iframe>
          <img alt="" src="${h.server.url('www.netflix.com', '/pixel.png')}">`);
        return true;
      });
      const framer = await driver.newTab();
      await framer.go(h.server.url('framer.example.test', '/frames-a-warned-site'));
      await expect.poll(() => h.server.requestsTo('netflix.com').some((r) => r.path === '/pixel.png'), { timeout: 10_000 }).toBe(true);
      await new Promise((r) => setTimeout(r, 500));
      expect(h.server.requestsTo('netflix.com').filter((r) => r.path === '/embedded-player')).toEqual([]);
      await framer.close();
    });

    it('shows an internal failure to apply the rules on the popup and the options page, left open, and clears it once the rules apply', async () => {
      // Fill the browser's session rules to their limit (5,000 in both browsers) with rules that
      // are not the policy's, so the next update of the policy's session rules is refused.
      const filler = Array.from({ length: 5_000 }, (_, i) => ({ id: 50_000 + i, priority: 1, action: { type: 'allow' }, condition: { requestDomains: [`filler-${i}.test`] } }));
      const sessionRules = async (add: unknown[], remove: number[]) => driver.inExtension(async ({ add, remove }) => {
        const g = globalThis as unknown as { browser?: { declarativeNetRequest: DnrApi }; chrome?: { declarativeNetRequest: DnrApi } };
        type DnrApi = { updateSessionRules(o: { addRules?: unknown[]; removeRuleIds?: number[] }): Promise<void>; getSessionRules(): Promise<Array<{ id: number }>> };
        const dnr = (g.browser ?? g.chrome)!.declarativeNetRequest;
        const ours = (await dnr.getSessionRules()).filter((r) => r.id < 10_000).map((r) => r.id);
        await dnr.updateSessionRules({ removeRuleIds: [...remove, ...ours], addRules: add });
      }, { add, remove });
      // The popup and the options page are open before anything goes wrong: they must hear of it
      // (and of the recovery) without being reloaded.
      const popup = await driver.openExtensionTab('popup');
      const options = await driver.openExtensionTab('options');
      const warnings = () => popup.text('[data-testid=status-warnings]').catch(() => '');
      const internalError = () => options.text('[data-testid=status-internal-error]').catch(() => '');
      try {
        for (const page of [popup, options]) {
          await expect.poll(() => page.text('[data-testid=policy-status]').catch(() => ''), { timeout: 10_000 }).toMatch(/\S/);
        }
        expect(await warnings()).not.toMatch(/Something went wrong/);

        await sessionRules(filler, []);
        await setLocalConfig(driver, { policyUrl: h.policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: E2E_GROUP, refreshMinutes: 62 });
        await expect.poll(async () => (await workerStatus(driver) as { internalError?: { what: string } | null }).internalError?.what ?? null, { timeout: 15_000 })
          .toMatch(/enforce/);
        await expect.poll(warnings, { timeout: 10_000 }).toMatch(/Something went wrong inside AUP Guard/);
        await expect.poll(internalError, { timeout: 10_000 }).toMatch(/enforce/);
        // The policy's session rules are gone and cannot be re-added: the static baseline, switched
        // back on because the rules could not be applied, still blocks what every group must block.
        await tab.go(`http://www.4tube.com:${h.server.port}/while-failing`);
        await tab.waitForHref(isPage('blocked'));
        expect(h.server.requestsTo('4tube.com')).toEqual([]);
      } finally {
        await sessionRules([], filler.map((r) => r.id));
      }
      try {
        const failedAt = (await workerStatus(driver)).enforcedAt;
        await setLocalConfig(driver, { policyUrl: h.policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: E2E_GROUP, refreshMinutes: 60 });
        await expect.poll(async () => {
          const s = await workerStatus(driver) as { internalError?: unknown; enforcedAt?: string | null };
          return s.enforcedAt !== failedAt && !s.internalError;
        }, { timeout: 15_000 }).toBe(true);
        await expect.poll(warnings, { timeout: 10_000 }).not.toMatch(/Something went wrong/);
        await expect.poll(internalError, { timeout: 10_000 }).toBe('');
      } finally {
        await popup.close();
        await options.close();
      }
    });

    it('rejects a tampered bundle, a rolled-back serial and an expired manifest, and keeps enforcing the last good one', async () => {
      // A chunk the device does not hold yet (a device never re-fetches a chunk it has by hash).
      const tampered = join(h.bundles, 'tampered-11');
      await writeBundle(h.rulesDir, tampered, { serial: 11, lists: { dating: ['new-dating-site.example'] } });
      const held = new Set(readdirSync(join(h.bundles, 'good-10', 'chunks')));
      const fresh = readdirSync(join(tampered, 'chunks')).filter((f) => !held.has(f));
      expect(fresh).toHaveLength(1);
      const chunk = join(tampered, 'chunks', fresh[0]!);
      const bytes = readFileSync(chunk);
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x55;
      writeFileSync(chunk, bytes);
      const rolledBack = join(h.bundles, 'old-9');
      await writeBundle(h.rulesDir, rolledBack, { serial: 9 });
      const expired = join(h.bundles, 'expired-12');
      await writeBundle(h.rulesDir, expired, { serial: 12, issuedAt: new Date(Date.now() - 40 * 86_400_000), validDays: 30 });

      for (const [dir, code] of [[tampered, 'chunk-hash-mismatch'], [rolledBack, 'rollback'], [expired, 'expired']] as const) {
        h.policy.serve(dir);
        const status = await workerStatus(driver, true);
        expect(status.lastErrorCode, dir).toBe(code);
        expect(status.policy?.serial, dir).toBe(10);
        await tab.go(`http://www.bet365.com:${h.server.port}/${code}`);
        await tab.waitForHref(isPage('blocked'));
      }
      h.policy.serve(join(h.bundles, 'good-10'));
      expect(h.server.requestsTo('bet365.com')).toEqual([]);
    });

    it('asks with If-None-Match, then fetches only the chunk that changed; open tabs on a newly listed host move to the block page', async () => {
      const chunkRequests = () => h.server.requests.filter((r) => r.host === 'policy.aup-guard.test' && r.path.startsWith('/policy/chunks/')).length;
      const before = chunkRequests();
      expect((await workerStatus(driver, true)).policy?.serial).toBe(10);
      expect(chunkRequests(), 'unchanged bundle: no chunk fetched').toBe(before);

      const open = await driver.newTab();
      await open.go(h.server.url('newly-listed.example.test', '/reading'));
      await open.waitForHref((u) => u.startsWith('http://newly-listed.example.test'));

      const next = join(h.bundles, 'good-13');
      await writeBundle(h.rulesDir, next, { serial: 13, lists: { dating: ['newly-listed.example.test'] } });
      h.policy.serve(next);
      expect((await workerStatus(driver, true)).policy?.serial).toBe(13);
      expect(chunkRequests() - before, 'one changed list: one chunk fetched').toBe(1);
      await open.waitForHref(isPage('blocked'));
      await open.close();
    });

    it('fetches a stored chunk again when it is lost, although the server would answer "not modified"', async () => {
      const chunkRequests = () => h.server.requests.filter((r) => r.host === 'policy.aup-guard.test' && r.path.startsWith('/policy/chunks/')).length;
      const before = chunkRequests();
      const removed = await driver.inExtension(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('aup-guard');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const keys = await new Promise<IDBValidKey[]>((resolve) => {
          const r = db.transaction('blobs').objectStore('blobs').getAllKeys();
          r.onsuccess = () => resolve(r.result);
        });
        const lost = keys.map(String).filter((k) => k.startsWith('chunk:'));
        await new Promise<void>((resolve) => {
          const tx = db.transaction('blobs', 'readwrite');
          tx.objectStore('blobs').delete(lost[0]!);
          tx.oncomplete = () => resolve();
        });
        db.close();
        return lost[0];
      }, null);
      expect(removed).toMatch(/^chunk:[0-9a-f]{64}$/);
      const status = await workerStatus(driver, true);
      expect(status.lastErrorCode).toBeNull();
      expect(chunkRequests() - before, 'the lost chunk is fetched again').toBe(1);
      // The bundle, not the baseline, is in force again.
      await waitForSerial(driver, status.policy!.serial);
    });

    it('gives up on a policy server that accepts the connection and never answers, and the next check is already scheduled', async () => {
      const held = (await workerStatus(driver)).policy?.serial;
      h.policy.hang();
      try {
        // The check in flight ends at its deadline (20 s), with the reason.
        const status = await workerStatus(driver, true);
        expect(status.lastErrorCode).toBe('fetch-failed');
        expect(status.lastError).toMatch(/no answer within 20 s/);
        expect(status.policy?.serial).toBe(held);
        const next = await driver.inExtension(async () => {
          const g = globalThis as unknown as { browser?: AlarmApi; chrome?: AlarmApi };
          type AlarmApi = { alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined> } };
          return (await (g.browser ?? g.chrome)!.alarms.get('policy-refresh'))?.scheduledTime ?? null;
        }, null);
        // One failure's back-off: about a minute, not the hour of a good check (and not never).
        expect(next).not.toBeNull();
        expect(next! - Date.now()).toBeLessThan(2 * 60_000);
      } finally {
        h.policy.serve(join(h.bundles, 'good-13'));
      }
    }, 90_000);

    it('keeps enforcing when the bundle server is down', async () => {
      h.policy.down();
      const status = await workerStatus(driver, true);
      expect(status.lastErrorCode).toBe('fetch-failed');
      expect(status.policy?.serial).toBe(13);
      await tab.go(`http://bet365.com:${h.server.port}/down`);
      await tab.waitForHref(isPage('blocked'));
      h.policy.serve(join(h.bundles, 'good-10'));
      expect(h.server.requestsTo('bet365.com')).toEqual([]);
    });

    it('drops the bundle in force when ICT stops trusting its key, and enforces one signed by the new key (even with a lower serial)', async () => {
      const generated = await generateSigningKey();
      const keyB = await importSigningKey(generated.jwk);
      const signedByB = join(h.bundles, 'key-b-5');
      await writeBundle(h.rulesDir, signedByB, { serial: 5, key: keyB, lists: { gambling: ['key-b-listed.example.test'] } });
      h.policy.serve(signedByB);
      await setLocalConfig(driver, { policyUrl: h.policy.url, trustedKeys: [generated.publicKeyBase64], group: E2E_GROUP, refreshMinutes: 60 });
      await waitForSerial(driver, 5);
      await tab.go(h.server.url('key-b-listed.example.test', '/'));
      await tab.waitForHref(isPage('blocked'));
      expect(h.server.requestsTo('key-b-listed.example.test')).toEqual([]);
      // Back to the development key for whatever runs next.
      h.policy.serve(join(h.bundles, 'good-10'));
      await setLocalConfig(driver, { policyUrl: h.policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: E2E_GROUP, refreshMinutes: 60 });
      await waitForSerial(driver, 10);
    });

    addressLiteralTests(() => ({ h, driver, tab }));
  });
}
