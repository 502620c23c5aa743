/*
 * `npm run screenshots`: a full-page PNG of every AUP Guard page and state, in English and
 * Welsh, in Chromium and Firefox ESR (both headless, from /usr/bin), in one folder for ICT and
 * reviewers to look at: test-results/screenshots/all/<page>-<en_GB|cy>-<chromium|firefox>.png.
 *
 * It drives the BUILT extension (`npm run build` first) with the e2e rig of tests/ — a local
 * test server, a signed bundle whose e2e group reaches every page without waiting for the clock
 * (tests/e2e/support/bundles.ts, `everyPageRules`) and the real `aup serve` for the report's
 * receipt; a real download of software from a host ICT has not approved, for the download page
 * (support/download-setup.ts). It checks nothing: the tests do (tests/e2e/support/page-checks.ts); this is for eyes.
 * Usage: npm run screenshots [-- chromium|firefox] [-- en_GB|cy]
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_PUBLIC_KEY, E2E_GROUP, everyPageRules, writeBundle } from '../tests/e2e/support/bundles.ts';
import { chromiumDriver, firefoxDriver, type Driver, type Tab } from '../tests/e2e/support/driver.ts';
import { isPage, setLocalConfig, startHarness, waitForSerial, type Harness } from '../tests/e2e/support/harness.ts';
import { DIST_CHROME, DIST_FIREFOX, ROOT, assertBuilt, tempDir } from '../tests/e2e/support/paths.ts';
import { downloadPages, firefoxDownloadPrefs, handDownloadsToChromium, openDownloadPage, serveFiles, writeChromiumDownloadProfile } from '../tests/e2e/support/download-setup.ts';
import { E2E_REPORT_TOKEN, startReportServer } from '../tests/e2e/support/report-server.ts';

type Browser = 'chromium' | 'firefox';
type Lang = 'en_GB' | 'cy';

const OUT = join(ROOT, 'test-results/screenshots/all');
const NEWS = 'news.council-e2e.test';
const SOCIAL = 'social-site.test';
const WIDE = { width: 1024, height: 768 };
/** The popup as the browser shows it: its page is 22rem wide. */
const POPUP = { width: 360, height: 600 };

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const present = (tab: Tab, selector: string) => until(selector, async () => (await tab.evaluate(new Function(`return !!document.querySelector(${JSON.stringify(selector)})`) as () => boolean)));
const state = (tab: Tab, value: string) => until(`welcome state ${value}`, async () => (await tab.evaluate(() => document.querySelector('[data-testid=welcome-state]')?.getAttribute('data-state'))) === value);
/** The block, warn and report pages ask the worker for the category: wait until it is shown. */
const categoryShown = (tab: Tab, selector: string) => until(`${selector} filled in`, async () => {
  const text = (await tab.text(selector)) ?? '';
  return text !== '' && !/Loading|Yn llwytho/.test(text);
});

/** The browser in `lang`, saving downloads to `dir` without asking (the download page needs a real download to stop). */
async function launch(browser: Browser, lang: Lang, h: Harness, dir: string): Promise<Driver> {
  if (browser === 'chromium') {
    writeChromiumDownloadProfile(join(dir, 'profile'), join(dir, 'downloads'));
    const driver = await chromiumDriver({ userDataDir: join(dir, 'profile'), args: [`--lang=${lang === 'cy' ? 'cy' : 'en-GB'}`] });
    await handDownloadsToChromium(driver.rig);
    return driver;
  }
  return firefoxDriver({ prefs: { 'intl.locale.requested': lang === 'cy' ? 'cy' : 'en-GB', ...firefoxDownloadPrefs(join(dir, 'downloads')) } }, h.server.url('start.example.test'));
}

async function tour(browser: Browser, lang: Lang): Promise<string[]> {
  const h = await startHarness();
  const bundle = join(h.bundles, 'every-page-12');
  await writeBundle(everyPageRules(h.rulesDir), bundle, { serial: 12 });
  h.policy.serve(bundle);
  const server = await startReportServer(bundle);
  serveFiles(h);
  const dir = tempDir('screenshots');
  const driver = await launch(browser, lang, h, dir.path);
  const written: string[] = [];
  const shot = async (tab: Tab, page: string) => {
    const file = join(OUT, `${page}-${lang}-${browser}.png`);
    await tab.screenshot(file);
    written.push(file);
  };
  try {
    await setLocalConfig(driver, { policyUrl: h.policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: E2E_GROUP, refreshMinutes: 60, reportEndpoint: server.endpoint, reportToken: E2E_REPORT_TOKEN });
    await waitForSerial(driver, 12);

    const tab = await driver.newTab();
    await tab.setViewport(WIDE.width, WIDE.height);
    await tab.go(h.server.url(NEWS, '/'));
    await tab.waitForHref(isPage('welcome'));
    await state(tab, 'needed');
    await shot(tab, 'welcome-needed');
    await tab.click('[data-testid=welcome-agree]');
    await tab.waitForHref((u) => u.startsWith('http://'));
    await tab.go(driver.extensionPage('welcome'));
    await state(tab, 'accepted');
    await shot(tab, 'welcome-accepted');

    await tab.go(h.server.url('www.bet365.com', '/odds?race=1'));
    await tab.waitForHref(isPage('blocked'));
    await categoryShown(tab, '[data-testid=page-category]');
    await shot(tab, 'blocked');
    await tab.click('[data-testid=report-accident]');
    await tab.waitForHref(isPage('report'));
    await categoryShown(tab, '[data-testid=report-category]');
    await shot(tab, 'report');
    await tab.fill('#report-manager', 'line.manager');
    await tab.click('[data-testid=report-submit]');
    await present(tab, '[data-testid=error-summary]');
    await shot(tab, 'report-error');
    await tab.fill('#report-manager', 'line.manager@council.test');
    await tab.click('[data-testid=report-submit]');
    await present(tab, '[data-testid=report-sent]');
    await shot(tab, 'report-sent');

    await tab.go(h.server.url('www.netflix.com', '/watch'));
    await tab.waitForHref(isPage('warn'));
    await categoryShown(tab, '[data-testid=page-category]');
    await shot(tab, 'warn');

    const popup = await driver.openExtensionTab('popup');
    await popup.setViewport(POPUP.width, POPUP.height);
    await present(popup, '[data-testid=break-start]');
    await shot(popup, 'popup');
    await popup.click('[data-testid=break-start]');
    await present(popup, '[data-testid=break-end]');
    await shot(popup, 'popup-on-break');

    const site = await driver.newTab();
    await site.setViewport(WIDE.width, WIDE.height);
    await site.go(h.server.url(SOCIAL, '/'));
    await until('the banner', () => site.evaluate(() => document.querySelector('aup-guard-banner') !== null));
    await shot(site, 'banner');
    await popup.click('[data-testid=break-end]');
    await site.waitForHref(isPage('blocked'), 15_000);
    await until('the break-ended heading', async () => /\d\d:\d\d/.test((await site.text('h1')) ?? ''));
    await shot(site, 'break-ended');

    const options = await driver.openExtensionTab('options');
    await options.setViewport(WIDE.width, WIDE.height);
    await present(options, '[data-testid=events-table]');
    await shot(options, 'options');

    // Software from a host ICT has not approved: the browser never keeps it; the page explains.
    const downloading = await driver.newTab();
    void downloading.go(h.server.url('files.example.test', '/files/setup.exe')).catch(() => undefined);
    let stopped: string | undefined;
    await until('the download page', async () => (stopped = (await downloadPages(driver))[0]) !== undefined);
    const download = await openDownloadPage(driver, stopped!);
    await download.setViewport(WIDE.width, WIDE.height);
    await until('the stopped file named', async () => (await download.text('[data-testid=download-name]')) === 'setup.exe');
    await shot(download, 'download-blocked');
    return written;
  } finally {
    await driver.close();
    dir.remove();
    await server.close();
    await h.server.close();
    h.cleanup();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const browsers = (['chromium', 'firefox'] as const).filter((b) => !args.some((a) => a === 'chromium' || a === 'firefox') || args.includes(b));
  const langs = (['en_GB', 'cy'] as const).filter((l) => !args.some((a) => a === 'en_GB' || a === 'cy') || args.includes(l));
  if (browsers.includes('chromium')) assertBuilt(DIST_CHROME);
  if (browsers.includes('firefox')) assertBuilt(DIST_FIREFOX);
  if (browsers.length === 2 && langs.length === 2) rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  for (const browser of browsers) {
    for (const lang of langs) {
      const files = await tour(browser, lang);
      console.log(`${browser} ${lang}: ${files.length} screenshots`);
    }
  }
  console.log(`written to ${OUT}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
