import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChromiumRig } from './chromium.ts';
import type { Driver, Tab } from './driver.ts';
import type { Harness } from './harness.ts';

/*
 * How the e2e browsers save downloads: to a folder of ours, without asking, as a person's browser
 * does once set up — so the extension sees real downloads (the download tests, the screenshots).
 */

/** Firefox saves to `dir` without asking (folderList 2: browser.download.dir). */
export function firefoxDownloadPrefs(dir: string): Record<string, string | number | boolean> {
  return {
    'browser.download.dir': dir,
    'browser.download.folderList': 2,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.helperApps.neverAsk.saveToDisk': 'application/octet-stream,application/x-msdownload,application/pdf',
    'pdfjs.disabled': true,
  };
}

/** Chromium writes downloads to the profile's download folder without asking: its Preferences, written before launch. */
export function writeChromiumDownloadProfile(profileDir: string, downloadDir: string): void {
  mkdirSync(join(profileDir, 'Default'), { recursive: true });
  writeFileSync(join(profileDir, 'Default', 'Preferences'), JSON.stringify({ download: { default_directory: downloadDir, prompt_for_download: false, directory_upgrade: true }, safebrowsing: { enabled: false } }));
}

/**
 * Playwright takes downloads over through CDP (Browser.setDownloadBehavior: its own folder, GUID
 * names, and no onDeterminingFilename for extensions); hand them back to the browser ('default'),
 * so the extension sees what a person's browser does.
 */
export async function handDownloadsToChromium(rig: ChromiumRig): Promise<void> {
  const page = await rig.context.newPage();
  const cdp = await rig.context.newCDPSession(page);
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
  await cdp.detach();
  await page.close();
}

/** The test server's file routes: /files/<name>?type=<mime>[&as=<attachment name>]. */
export function serveFiles(h: Harness): void {
  h.server.route((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith('/files/')) return false;
    const name = url.searchParams.get('as') ?? url.pathname.slice('/files/'.length);
    res.writeHead(200, { 'content-type': url.searchParams.get('type') ?? 'application/octet-stream', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' });
    res.end(Buffer.alloc(4096, 0x4d));
    return true;
  });
}

export type Api = { tabs: { query(q: object): Promise<Array<{ url?: string }>> }; runtime: { sendMessage(m: unknown): Promise<unknown> } };

/** The addresses of the download pages open in any tab. */
export async function downloadPages(driver: Driver): Promise<string[]> {
  return driver.inExtension(async () => {
    const g = globalThis as unknown as { browser?: Api; chrome?: Api };
    const tabs = await (g.browser ?? g.chrome)!.tabs.query({});
    return tabs.map((t) => t.url ?? '').filter((u) => u.includes('/extension/pages/download/index.html'));
  }, null);
}

/** A download page (its address from `downloadPages`), opened from another extension page as Firefox requires. */
export async function openDownloadPage(driver: Driver, url: string): Promise<Tab> {
  const tab = await driver.openExtensionTab('options');
  await tab.go(url);
  return tab;
}
