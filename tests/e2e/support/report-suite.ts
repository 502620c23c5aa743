import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Driver, Tab } from './driver.ts';
import { DEV_PUBLIC_KEY, E2E_GROUP } from './bundles.ts';
import { isPage, setLocalConfig, startHarness, waitForSerial, workerStatus, type Harness } from './harness.ts';
import { ROOT, tempDir } from './paths.ts';
import { checkPage, expectQuietHeadingFocus, focused, expectVisibleFocus, tabTo } from './page-checks.ts';
import { HELPDESK, E2E_REPORT_TOKEN, startReportServer, type ReportServer } from './report-server.ts';

/*
 * Reports end to end: filed from the block page, through the extension's durable outbox, into
 * the real `aup serve` (its SQLite file and its mail, caught by a local SMTP sink). Then the
 * ways a report could be lost between queueing and delivery: the server down, the worker
 * stopped, the browser restarted.
 */

const SHOTS = join(ROOT, 'test-results/screenshots');
const MANAGER = 'line.manager@council.test';
/** ICT's identity for the person using the device (managed `userIdentity`). */
const IDENTITY = 'EMP-004217';
/** In rules/ (pornography: sensitive; gambling: not), blocked for every group at every time. */
const SENSITIVE_HOST = 'www.pornhub.com';
const GAMBLING_HOST = 'www.bet365.com';
/** First retry after 30 s ± 20 % (src/reports/outbox.ts), plus a late alarm. */
const RETRY_WAIT_MS = 75_000;

type Listed = { id: string; state: string; receipt: string | null; lastError: string | null };

async function myReports(driver: Driver): Promise<Listed[]> {
  const reply = await driver.inExtension(async () => {
    type Api = { runtime: { sendMessage(message: unknown): Promise<unknown> } };
    const g = globalThis as unknown as { browser?: Api; chrome?: Api };
    return (g.browser ?? g.chrome)!.runtime.sendMessage({ type: 'reports/list' });
  }, null) as { reports: Listed[] };
  return reply.reports;
}

export type ReportLauncher = {
  /** Launch a browser on `profileDir` (kept across launches: a restart is close + launch). */
  launch(profileDir: string, h: Harness): Promise<Driver>;
  /** Stop the extension's worker (Chromium's service worker, Firefox's event page) as the browser does when it is idle. */
  stopWorker(driver: Driver): Promise<void>;
};

/** From a blocked page to the report form, by the block page's own link. */
async function openReportFrom(tab: Tab, url: string, link: 'report-accident' | 'report-wrong-category'): Promise<void> {
  await tab.go(url);
  await tab.waitForHref(isPage('blocked'));
  await tab.click(`[data-testid=${link}]`);
  await tab.waitForHref(isPage('report'));
  await expect.poll(() => tab.text('[data-testid=report-category]').catch(() => ''), { timeout: 10_000 }).not.toBe('');
}

export function reportSuite(name: string, launcher: ReportLauncher) {
  describe(`${name}: reports reach ICT and the line manager, and none is lost on the way`, () => {
    let h: Harness;
    let server: ReportServer;
    let profile: ReturnType<typeof tempDir>;
    let driver: Driver;

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      h = await startHarness();
      server = await startReportServer(join(h.bundles, 'good-10'));
      profile = tempDir('reports');
      driver = await launcher.launch(profile.path, h);
      await setLocalConfig(driver, {
        policyUrl: h.policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: E2E_GROUP, refreshMinutes: 60,
        reportEndpoint: server.endpoint, reportToken: E2E_REPORT_TOKEN, userIdentity: IDENTITY,
      });
      await waitForSerial(driver, 10);
    });
    afterAll(async () => {
      await driver?.close();
      await server?.close();
      await h?.server.close();
      h?.cleanup();
      profile?.remove();
    });

    it('a report from the block page, by keyboard only, lands in the database with its receipt; the helpdesk is told, the line manager without the address (sensitive)', async () => {
      const tab = await driver.newTab();
      const visited = h.server.url(SENSITIVE_HOST, '/videos/123?search=private#top');
      const blockedAt = Date.now();
      await tab.go(visited);
      await tab.waitForHref(isPage('blocked'));
      await expect.poll(() => tab.text('[data-testid=page-category]').catch(() => ''), { timeout: 10_000 }).toBe('Pornography and adult');
      await checkPage(tab, 'the block page');
      // Keyboard only: Tab to "report", Enter; type in the fields; Tab to "Send", Enter.
      await tabTo(tab, 'report-accident', 'the block page');
      await tab.press('Enter');
      await tab.waitForHref(isPage('report'));
      await expect.poll(() => tab.text('[data-testid=report-category]').catch(() => ''), { timeout: 10_000 }).not.toBe('');
      await checkPage(tab, 'the report form');
      // Query and fragment are dropped unless the person keeps the query.
      const reported = h.server.url(SENSITIVE_HOST, '/videos/123');
      expect(await tab.text('[data-testid=report-url]')).toBe(reported);
      await tabTo(tab, 'report-note', 'the report form');
      await tab.type('A search result opened this by mistake.');
      await tabTo(tab, 'report-manager', 'the report form');
      await tab.type('line.manager');
      await tabTo(tab, 'report-submit', 'the report form');
      await tab.press('Enter');
      // GOV.UK error summary: it takes focus (and shows it), its link leads to the field.
      await expect.poll(async () => (await focused(tab)).id, { timeout: 10_000 }).toBe('error-summary');
      const summary = await focused(tab);
      expect(summary.outline, 'the error summary shows its focus').not.toBe('none');
      await checkPage(tab, 'the report form with an error');
      await tab.press('Tab');
      expectVisibleFocus(await focused(tab), 'the error summary link');
      await tab.press('Enter');
      expect((await focused(tab)).id).toBe('report-manager');
      await tab.press('End');
      await tab.type('@council.test');
      await tabTo(tab, 'report-submit', 'the report form');
      await tab.press('Enter');
      await expect.poll(() => tab.text('[data-testid=report-sent]').catch(() => ''), { timeout: 15_000 }).toBe('Report sent');
      const receipt = (await tab.text('.receipt'))?.trim() ?? '';
      expect(receipt).toMatch(/^R-\d{4}-\d{6}$/);
      await expectQuietHeadingFocus(tab, 'the confirmation page');
      await checkPage(tab, 'the confirmation page');
      await tab.screenshot(join(SHOTS, `report-sent-${driver.kind}.png`));

      const stored = server.reports();
      expect(stored).toHaveLength(1);
      const row = stored[0]!;
      expect(row).toMatchObject({ receipt, kind: 'inadvertent', url: reported, host: SENSITIVE_HOST, category: 'pornography', sensitive: 1, line_manager_email: MANAGER, user_identity: IDENTITY });
      expect(row.note).toBe('A search result opened this by mistake.');
      // The time of the access is the block page's, not the time the form was sent.
      const accessed = Date.parse(row.accessed_at);
      expect(Math.abs(accessed - blockedAt)).toBeLessThan(60_000);
      expect(h.server.requestsTo('pornhub.com')).toEqual([]);

      await expect.poll(() => server.mails.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
      const helpdesk = server.mails.find((m) => m.to.includes(HELPDESK));
      const manager = server.mails.find((m) => m.to.includes(MANAGER));
      expect(helpdesk?.text).toContain(reported);
      expect(helpdesk?.text).toContain(receipt);
      expect(manager, 'the line manager is told').toBeDefined();
      expect(manager!.text).toContain('Pornography and adult');
      expect(manager!.text).toContain(receipt);
      expect(manager!.text).toContain(`Who: ${IDENTITY}`);
      expect(`${manager!.subject}\n${manager!.text}`).not.toMatch(/pornhub|videos\/123/i);
      // Stated in "My reports" with the same receipt.
      expect((await myReports(driver)).find((r) => r.receipt === receipt)?.state).toBe('delivered');
      await tab.close();
    });

    it('the server down and the worker stopped after queueing: delivered once the server is back, exactly once', async () => {
      await server.stop();
      const before = server.reports().length;
      const tab = await driver.newTab();
      await openReportFrom(tab, h.server.url(GAMBLING_HOST, '/odds'), 'report-wrong-category');
      await tab.click('[data-testid=report-submit]');
      await expect.poll(() => tab.text('[data-testid=report-sent]').catch(() => ''), { timeout: 15_000 }).toBe('Report saved');
      expect(await tab.text('[data-testid=report-queued]')).toContain('will be sent');
      await checkPage(tab, 'the report page (saved, not yet sent)');
      await tab.screenshot(join(SHOTS, `report-saved-${driver.kind}.png`));
      const queued = (await myReports(driver))[0]!;
      expect(queued.state).toBe('queued');
      expect(queued.lastError).toContain('cannot reach the report server');
      const queuedAt = Date.now();
      await tab.close();

      await launcher.stopWorker(driver);
      await server.start();
      await expect.poll(async () => (await myReports(driver)).find((r) => r.id === queued.id), { timeout: RETRY_WAIT_MS, interval: 2_000 }).toMatchObject({ state: 'delivered' });
      const mine = server.reports().filter((r) => r.id === queued.id);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ kind: 'wrongly-blocked', category: 'gambling', host: GAMBLING_HOST });
      expect(server.reports()).toHaveLength(before + 1);
      expect((await myReports(driver)).find((r) => r.id === queued.id)?.receipt).toBe(mine[0]!.receipt);
      // The worker that delivered it is not the one that queued it.
      expect(Date.parse((await workerStatus(driver)).workerStartedAt ?? '')).toBeGreaterThan(queuedAt);
    }, RETRY_WAIT_MS + 60_000);

    it('the browser restarted after queueing: delivered after the restart, exactly once', async () => {
      await server.stop();
      const tab = await driver.newTab();
      await openReportFrom(tab, h.server.url(GAMBLING_HOST, '/restart'), 'report-accident');
      await tab.click('[data-testid=report-submit]');
      await expect.poll(() => tab.text('[data-testid=report-sent]').catch(() => ''), { timeout: 15_000 }).toBe('Report saved');
      const queued = (await myReports(driver))[0]!;
      expect(queued.state).toBe('queued');

      await driver.close();
      await server.start();
      driver = await launcher.launch(profile.path, h);
      await expect.poll(async () => (await myReports(driver)).find((r) => r.id === queued.id), { timeout: RETRY_WAIT_MS, interval: 2_000 }).toMatchObject({ state: 'delivered' });
      expect(server.reports().filter((r) => r.id === queued.id)).toHaveLength(1);
    }, RETRY_WAIT_MS + 60_000);
  });
}
