import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Driver } from './driver.ts';
import { DEV_PUBLIC_KEY, E2E_GROUP, e2eRules, writeBundle } from './bundles.ts';
import { checkPage, expectQuietHeadingFocus, tabTo } from './page-checks.ts';
import { isPage, setLocalConfig, startHarness, waitForSerial, workerStatus, type Harness } from './harness.ts';
import { ROOT, tempDir } from './paths.ts';
import { E2E_REPORT_TOKEN, startReportServer, type ReportServer } from './report-server.ts';

/*
 * AUP acceptance end to end (issue 12): a group that requires acceptance cannot browse until the
 * person accepts on the welcome page — not by closing it, not by opening another tab — while the
 * AUP's own document stays reachable; accepting by keyboard lifts the gate and opens the site the
 * person wanted; the acceptance waits in the outbox for ICT; a new AUP version asks again.
 */

const SHOTS = join(ROOT, 'test-results/screenshots');
const NEWS = 'news.council-e2e.test';
const AUP_HOST = 'aup-doc.council-e2e.test';

type Api = { storage: { local: { get(key: string): Promise<Record<string, unknown>> } }; tabs: { query(q: object): Promise<Array<{ url?: string }>> } };
type OutboxEntry = { id: string; state: string; report: { id: string; aupVersion: string; aupTitle: string; policySerial: number | null; acceptedAt: string; device: { group: string; policySerial: number | null } } };

async function stored<T>(driver: Driver, key: string): Promise<T> {
  return driver.inExtension(async (k) => {
    const g = globalThis as unknown as { browser?: Api; chrome?: Api };
    return (await (g.browser ?? g.chrome)!.storage.local.get(k))[k];
  }, key) as Promise<T>;
}

/** How many tabs show exactly the welcome page with no original URL (as the worker opens it by itself). */
async function promptTabs(driver: Driver): Promise<number> {
  return driver.inExtension(async (url) => {
    const g = globalThis as unknown as { browser?: Api; chrome?: Api };
    return (await (g.browser ?? g.chrome)!.tabs.query({})).filter((t) => t.url === url).length;
  }, driver.extensionPage('welcome'));
}

/** rules/ for these tests: the e2e group requires acceptance; the AUP document is a test host. */
function acceptanceRules(dir: string, h: Harness, version: string): string {
  e2eRules(dir);
  const file = join(dir, 'policy.yaml');
  const policy = parse(readFileSync(file, 'utf8'));
  policy.groups[E2E_GROUP].acceptance = 'required';
  policy.aup.version = version;
  policy.aup.url = h.server.url(AUP_HOST, '/aup');
  writeFileSync(file, stringify(policy));
  return dir;
}

export function acceptanceSuite(name: string, launch: (h: Harness) => Promise<Driver>) {
  describe(`${name}: the AUP must be accepted before browsing`, () => {
    let h: Harness;
    let driver: Driver;
    let work: ReturnType<typeof tempDir>;
    let server: ReportServer;
    let receipt = '';
    const short = name.split(' ')[0]!.toLowerCase();

    /** Where this device sends acceptances: the real `aup serve` (…/api/acceptances beside …/api/reports). */
    const CONFIG = () => ({ policyUrl: h.policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: E2E_GROUP, reportEndpoint: server.endpoint, reportToken: E2E_REPORT_TOKEN, userIdentity: 'EMP-004217' });

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      h = await startHarness();
      work = tempDir('acceptance');
      await writeBundle(acceptanceRules(join(work.path, 'rules-30'), h, '2026.1'), join(work.path, 'b30'), { serial: 30 });
      await writeBundle(acceptanceRules(join(work.path, 'rules-31'), h, '2026.2'), join(work.path, 'b31'), { serial: 31 });
      h.policy.serve(join(work.path, 'b30'));
      server = await startReportServer(join(work.path, 'b30'));
      driver = await launch(h);
      await setLocalConfig(driver, { ...CONFIG(), refreshMinutes: 60 });
      await waitForSerial(driver, 30);
    });
    afterAll(async () => {
      await driver?.close();
      await server?.close();
      await h?.server.close();
      h?.cleanup();
      work?.remove();
    });

    it('every web page goes to the welcome page (0 requests reach the site), closing it does not help, the AUP document stays reachable; axe 0', async () => {
      const tab = await driver.newTab();
      await tab.go(h.server.url(NEWS, '/first'));
      expect(await tab.waitForHref(isPage('welcome'))).toContain(`#${h.server.url(NEWS, '/first')}`);
      expect(await tab.text('[data-testid=welcome-target]')).toBe(h.server.url(NEWS, '/first'));
      await expect.poll(() => tab.evaluate(() => document.querySelector('[data-testid=welcome-state]')?.getAttribute('data-state')), { timeout: 10_000 }).toBe('needed');
      expect(await tab.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      await expectQuietHeadingFocus(tab, 'the welcome page');
      expect(await tab.evaluate(() => (document.querySelector('[data-testid=aup-link]') as HTMLAnchorElement).href)).toBe(h.server.url(AUP_HOST, '/aup'));
      await checkPage(tab, 'welcome page (not yet accepted)');
      await tab.screenshot(join(SHOTS, `welcome-needed-${short}.png`));
      // Closing the welcome page does not lift the gate: the next page goes back to it.
      await tab.close();
      const again = await driver.newTab();
      await again.go(h.server.url(NEWS, '/second'));
      await again.waitForHref(isPage('welcome'));
      expect(h.server.requestsTo(NEWS), JSON.stringify(h.server.requestsTo(NEWS))).toEqual([]);
      // The AUP's own document is not gated: the person can read what they accept.
      const doc = await driver.newTab();
      await doc.go(h.server.url(AUP_HOST, '/aup'));
      expect(await doc.href()).toBe(h.server.url(AUP_HOST, '/aup'));
      expect(h.server.requestsTo(AUP_HOST).length).toBeGreaterThan(0);
      await doc.close();
      await again.close();
    });

    it('accepted by keyboard (Tab to the button, Enter): the site the person wanted opens, browsing works, the acceptance reaches ICT\'s server', async () => {
      const tab = await driver.newTab();
      const wanted = h.server.url(NEWS, '/wanted');
      await tab.go(wanted);
      await tab.waitForHref(isPage('welcome'));
      await expect.poll(() => tab.evaluate(() => !!document.querySelector('[data-testid=welcome-agree]')), { timeout: 10_000 }).toBe(true);
      await tabTo(tab, 'welcome-agree', 'the welcome page');
      await tab.press('Enter');
      expect(await tab.waitForHref((u) => u === wanted, 15_000)).toBe(wanted);
      expect(h.server.requestsTo(NEWS).map((r) => r.path)).toContain('/wanted');
      await tab.go(h.server.url(NEWS, '/after'));
      expect(await tab.href()).toBe(h.server.url(NEWS, '/after'));

      const record = await stored<{ acceptances: Array<{ id: string; aupVersion: string; policySerial: number }> }>(driver, 'aup.acceptance');
      expect(record.acceptances).toHaveLength(1);
      expect(record.acceptances[0]).toMatchObject({ aupVersion: '2026.1', policySerial: 30 });
      const outbox = await stored<{ entries: OutboxEntry[] }>(driver, 'aup.acceptanceOutbox');
      expect(outbox.entries).toHaveLength(1);
      const entry = outbox.entries[0]!;
      expect(entry.id).toBe(record.acceptances[0]!.id);
      expect(entry.report).toMatchObject({ id: entry.id, aupVersion: '2026.1', aupTitle: 'Internet Acceptable Use Policy', policySerial: 30, device: { group: E2E_GROUP, policySerial: 30 } });
      expect(entry.report.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      // Delivered to ICT's server: stored once, with its own A- receipt and who accepted.
      await expect.poll(async () => (await stored<{ entries: OutboxEntry[] }>(driver, 'aup.acceptanceOutbox')).entries[0]?.state, { timeout: 20_000 }).toBe('delivered');
      const rows = server.acceptances();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: entry.id, aup_version: '2026.1', policy_serial: 30, user_identity: 'EMP-004217' });
      expect(rows[0]!.receipt).toMatch(/^A-\d{4}-\d{6}$/);
      receipt = rows[0]!.receipt;
      await tab.close();
    });

    it('after accepting, the welcome page says when (axe 0); the options page shows the acceptance and its receipt from ICT', async () => {
      const tab = await driver.openExtensionTab('welcome');
      await expect.poll(() => tab.evaluate(() => document.querySelector('[data-testid=welcome-state]')?.getAttribute('data-state')), { timeout: 10_000 }).toBe('accepted');
      expect(await tab.text('[data-testid=welcome-accepted]')).toMatch(/You accepted the Internet Acceptable Use Policy \(version 2026\.1\) on /);
      expect(await tab.evaluate(() => !!document.querySelector('[data-testid=welcome-agree]'))).toBe(false);
      await checkPage(tab, 'welcome page (accepted)');
      await tab.screenshot(join(SHOTS, `welcome-accepted-${short}.png`));
      await tab.go(driver.extensionPage('options'));
      await expect.poll(() => tab.text('[data-testid=acceptance-delivery]').catch(() => ''), { timeout: 10_000 }).toBe(`Sent. Receipt number ${receipt}`);
      await tab.close();
    });

    it('a new bundle with a new AUP version asks again: open web pages move to the welcome page, which also opens by itself, once; accepted there: "Thank you"', async () => {
      const open = await driver.newTab();
      await open.go(h.server.url(NEWS, '/open-before'));
      expect(await open.href()).toBe(h.server.url(NEWS, '/open-before'));
      const prompts = await promptTabs(driver);
      h.policy.serve(join(work.path, 'b31'));
      await workerStatus(driver, true);
      await waitForSerial(driver, 31);
      expect(await open.waitForHref(isPage('welcome'))).toContain('#' + h.server.url(NEWS, '/open-before'));
      await expect.poll(() => promptTabs(driver), { timeout: 10_000 }).toBe(prompts + 1);
      // Enforcing again (a settings change enforces, as a browser start or a wake would) does not open it again.
      const enforcedAt = (await workerStatus(driver)).enforcedAt;
      await setLocalConfig(driver, { ...CONFIG(), refreshMinutes: 61 });
      await expect.poll(async () => (await workerStatus(driver)).enforcedAt, { timeout: 10_000 }).not.toBe(enforcedAt);
      expect(await promptTabs(driver)).toBe(prompts + 1);
      await open.close();
      const tab = await driver.newTab();
      const before = h.server.requestsTo(NEWS).length;
      await tab.go(h.server.url(NEWS, '/new-version'));
      expect(await tab.waitForHref(isPage('welcome'))).toContain('/new-version');
      await expect.poll(() => tab.evaluate(() => document.querySelector('[data-testid=welcome-state]')?.getAttribute('data-state')), { timeout: 10_000 }).toBe('needed');
      expect(await tab.text('main')).toContain('version 2026.2');
      expect(h.server.requestsTo(NEWS).length).toBe(before);
      // Accepted from the welcome page opened with no site to go on to: "Thank you", with the date.
      await tab.go(driver.extensionPage('welcome'));
      await tab.click('[data-testid=welcome-agree]');
      await expect.poll(() => tab.text('[data-testid=welcome-accepted]').catch(() => ''), { timeout: 10_000 }).toMatch(/^Thank you\. You accepted the Internet Acceptable Use Policy \(version 2026\.2\) on /);
      expect(await tab.evaluate(() => !!document.querySelector('[data-testid=welcome-continue]'))).toBe(false);
      const outbox = await stored<{ entries: OutboxEntry[] }>(driver, 'aup.acceptanceOutbox');
      expect(outbox.entries.map((e) => [e.report.aupVersion, e.report.policySerial])).toEqual([['2026.1', 30], ['2026.2', 31]]);
      await tab.go(h.server.url(NEWS, '/after-2026.2'));
      expect(await tab.href()).toBe(h.server.url(NEWS, '/after-2026.2'));
      await tab.close();
    });
  });
}
