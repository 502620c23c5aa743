import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Driver } from './driver.ts';
import { formatViolations } from './axe.ts';
import { setLocalConfig, useEnforcingBrowser, type Harness } from './harness.ts';
import { DEV_PUBLIC_KEY, E2E_GROUP } from './bundles.ts';
import { E2E_REPORT_TOKEN, HELPDESK, startReportServer } from './report-server.ts';
import { ROOT } from './paths.ts';
import { startHttpsRecorder } from './https-recorder.ts';
import { downloadPages, openDownloadPage, serveFiles, type Api } from './download-setup.ts';

/*
 * Safe search and downloads (issue 13) in a real browser, against the local test server (every
 * host resolves to it): search URLs arrive with the safe parameter whatever was typed, YouTube
 * gets its header, software from a host ICT has not approved leaves NO file in the download
 * folder (checked on disk, partial files included) and the download page explains, while the
 * same file from the approved portal and a PDF download as usual.
 */

const SHOTS = join(ROOT, 'test-results/screenshots');
const EXE = 'application/x-msdownload';

async function stoppedView(driver: Driver, pageUrl: string): Promise<{ found: boolean; download?: { name: string; host: string; action: string; fileType: { id: string } | null } }> {
  const token = new URL(pageUrl).searchParams.get('d');
  return driver.inExtension(async (t) => {
    const g = globalThis as unknown as { browser?: Api; chrome?: Api };
    return (g.browser ?? g.chrome)!.runtime.sendMessage({ type: 'download/get', token: t });
  }, token) as never;
}

const files = (dir: string) => readdirSync(dir).sort();

export function downloadSuite(name: string, downloadDir: string, launch: (h: Harness) => Promise<Driver>) {
  describe(`${name}: safe search and downloads`, () => {
    const session = useEnforcingBrowser(async (h) => {
      serveFiles(h);
      return launch(h);
    });

    it('search pages arrive with the safe parameter whatever was typed; YouTube gets YouTube-Restrict', async () => {
      const { driver } = session();
      const https = await startHttpsRecorder();
      try {
        const tab = await driver.newTab();
        const cases: Array<[string, string, string]> = [
          ['www.google.co.uk', '/search?q=cats&safe=off&safe=off', '/search?q=cats&safe=active'],
          ['www.bing.com', '/search?q=cats&adlt=off', '/search?q=cats&adlt=strict'],
          ['duckduckgo.com', '/?q=cats&kp=-2', '/?q=cats&kp=1'],
        ];
        for (const [host, typed, arrives] of cases) {
          await tab.go(https.url(host, typed));
          await expect.poll(() => https.seen.filter((s) => s.host === host).map((s) => s.url), { timeout: 10_000 }).toContain(arrives);
          // Never the unsafe one: the redirect happens before the request leaves the browser.
          expect(https.seen.filter((s) => s.host === host).map((s) => s.url)).not.toContain(typed);
        }
        // youtube.com itself is a warned streaming site in the e2e group; YouTube's API host is not.
        await tab.go(https.url('youtubei.googleapis.com', '/youtubei/v1/search'));
        await expect.poll(() => https.seen.find((s) => s.host === 'youtubei.googleapis.com')?.headers['youtube-restrict'], { timeout: 10_000 }).toBe('Moderate');
        await tab.close();
      } finally {
        await https.close();
      }
    });

    it('software from a non-approved host leaves no file and the download page explains; approved software and a PDF download', async () => {
      mkdirSync(SHOTS, { recursive: true });
      const { h, driver } = session();
      // Each download from a tab of its own, not waited for: a download never becomes a new
      // document, which a navigation would wait for (Firefox over BiDi) until it timed out.
      const start = async (url: string) => {
        const t = await driver.newTab();
        void t.go(url).catch(() => undefined);
      };
      const stopped: Array<[string, string, string]> = [
        ['setup.exe', h.server.url('files.example.test', '/files/setup.exe'), 'setup.exe'],
        ['tool.msi', h.server.url('files.example.test', '/files/tool.msi'), 'tool.msi'],
        // A misleading name: report.pdf, served as an executable.
        ['report.pdf', h.server.url('files.example.test', `/files/report.pdf?type=${encodeURIComponent(EXE)}`), 'report.pdf'],
      ];
      let pages = 0;
      for (const [label, url, fileName] of stopped) {
        await start(url);
        await expect.poll(async () => (await downloadPages(driver)).length, { timeout: 15_000, message: `download page for ${label}` }).toBeGreaterThan(pages);
        const all = await downloadPages(driver);
        pages = all.length;
        const view = await stoppedView(driver, all[all.length - 1]!);
        expect(view).toMatchObject({ found: true, download: { name: fileName, host: 'files.example.test', action: 'block', fileType: { id: 'software' } } });
        expect(files(downloadDir), `nothing of ${label} on disk`).toEqual([]);
      }
      // The page itself: the name as text, the class and its clause, axe clean.
      const page = await openDownloadPage(driver, (await downloadPages(driver))[0]!);
      await expect.poll(() => page.text('[data-testid=download-name]').catch(() => ''), { timeout: 10_000 }).toBe('setup.exe');
      expect(await page.text('[data-testid=download-type]')).toBe('Software and scripts');
      expect(await page.text('[data-testid=download-clause]')).toContain('ICT has not approved');
      const violations = await page.axe();
      expect(violations, formatViolations(violations)).toEqual([]);
      await page.screenshot(join(SHOTS, `${driver.kind}-download-blocked.png`));

      // The same installer from ICT's approved portal, and a PDF: downloaded as usual.
      // (Each in a tab of its own: a browser may hold back a second automatic download from one page.)
      await start(h.server.url('software-portal.test', '/files/setup.exe'));
      await expect.poll(() => files(downloadDir), { timeout: 15_000 }).toEqual(['setup.exe']).catch(async (e: unknown) => {
        const items = await driver.inExtension(async () => {
          const g = globalThis as unknown as { browser?: { downloads: { search(q: object): Promise<unknown[]> } }; chrome?: { downloads: { search(q: object): Promise<unknown[]> } } };
          return (g.browser ?? g.chrome)!.downloads.search({});
        }, null);
        throw new Error(`${String(e)}\n${JSON.stringify(items, null, 1)}`);
      });
      await start(h.server.url('files.example.test', '/files/minutes.pdf?type=application%2Fpdf'));
      await expect.poll(() => files(downloadDir), { timeout: 15_000 }).toEqual(['minutes.pdf', 'setup.exe']);
      // No download page for either: only the worker's three and the one this test opened.
      expect(await downloadPages(driver)).toHaveLength(pages + 1);
    });

    it('a warned archive: nothing on disk until "Download anyway", which downloads it and is recorded', async () => {
      const { h, driver } = session();
      const before = (await downloadPages(driver)).length;
      const t = await driver.newTab();
      void t.go(h.server.url('files.example.test', '/files/data.zip?type=application%2Fzip')).catch(() => undefined);
      await expect.poll(async () => (await downloadPages(driver)).length, { timeout: 15_000 }).toBe(before + 1);
      const all = await downloadPages(driver);
      expect(await stoppedView(driver, all[all.length - 1]!)).toMatchObject({ found: true, download: { name: 'data.zip', action: 'warn', fileType: { id: 'archives' } } });
      expect(files(downloadDir)).not.toContain('data.zip');
      const page = await openDownloadPage(driver, all[all.length - 1]!);
      await expect.poll(() => page.text('[data-testid=download-name]').catch(() => ''), { timeout: 10_000 }).toBe('data.zip');
      const violations = await page.axe();
      expect(violations, formatViolations(violations)).toEqual([]);
      await page.click('[data-testid=download-anyway]');
      await expect.poll(() => page.text('[data-testid=download-proceeded]').catch(() => ''), { timeout: 10_000 }).not.toBe('');
      await expect.poll(() => files(downloadDir), { timeout: 15_000 }).toContain('data.zip');
      // The re-started download was not stopped again (no new download page), and the choice is on record.
      expect(await downloadPages(driver)).toHaveLength(before + 2);
      const events = await driver.inExtension(async () => {
        const g = globalThis as unknown as { browser?: Api; chrome?: Api };
        return (g.browser ?? g.chrome)!.runtime.sendMessage({ type: 'events/get' });
      }, null) as { events: Array<{ kind: string; name?: string; fileType?: string }> };
      expect(events.events).toContainEqual(expect.objectContaining({ kind: 'download-anyway', name: 'data.zip', fileType: 'archives' }));
      await page.screenshot(join(SHOTS, `${driver.kind}-download-warn-done.png`));
    });

    it('"I need this for work — ask ICT" files a software request that reaches the report server (and ICT\'s mail)', async () => {
      const { h, driver } = session();
      const server = await startReportServer(join(h.bundles, 'good-10'));
      try {
        await setLocalConfig(driver, { policyUrl: h.policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: E2E_GROUP, refreshMinutes: 60, reportEndpoint: server.endpoint, reportToken: E2E_REPORT_TOKEN });
        const page = await openDownloadPage(driver, (await downloadPages(driver))[0]!);
        await expect.poll(() => page.text('[data-testid=download-name]').catch(() => ''), { timeout: 10_000 }).toBe('setup.exe');
        await page.fill('[data-testid=download-note]', 'Needed for the planning system');
        await page.click('[data-testid=download-ask-ict]');
        await expect.poll(() => page.text('[data-testid=download-asked]').catch(() => ''), { timeout: 15_000 }).toMatch(/R-\d{4}-\d{6}/);
        const [report] = server.reports();
        expect(report).toMatchObject({ kind: 'software-request', category: 'software', host: 'files.example.test', url: h.server.url('files.example.test', '/files/setup.exe'), sensitive: 0, line_manager_email: null });
        expect(report!.note).toContain('File: setup.exe');
        expect(report!.note).toContain('Needed for the planning system');
        await expect.poll(() => server.mails.filter((m) => m.to.includes(HELPDESK)).length, { timeout: 15_000 }).toBe(1);
        await page.screenshot(join(SHOTS, `${driver.kind}-download-asked.png`));
      } finally {
        await server.close();
      }
    });

    it('"Go back" on the download page the worker opened closes that tab, back to the page the download came from', async () => {
      const { h, driver } = session();
      const before = await downloadPages(driver);
      const from = h.server.url('files.example.test', '/before-download');
      const site = await driver.newTab();
      await site.go(from);
      void site.go(h.server.url('files.example.test', '/files/another.exe')).catch(() => undefined);
      await expect.poll(async () => (await downloadPages(driver)).length, { timeout: 15_000 }).toBe(before.length + 1);
      const opened = (await downloadPages(driver)).find((u) => !before.includes(u))!;
      const page = await driver.openedTab((href) => href === opened);
      expect(page, 'the worker\'s download page, found among the browser\'s tabs').not.toBeNull();
      await expect.poll(() => page!.text('[data-testid=download-name]').catch(() => ''), { timeout: 10_000 }).toBe('another.exe');
      // It opened in a tab of its own: nothing behind it to go back to.
      expect(await page!.evaluate(() => history.length)).toBe(1);
      await page!.clickToClose('[data-testid=download-back]');
      await expect.poll(async () => (await downloadPages(driver)).includes(opened), { timeout: 10_000 }).toBe(false);
      // The page the download came from is still there, as it was.
      expect(await site.href()).toBe(from);
      await site.close();
    });
  });
}

