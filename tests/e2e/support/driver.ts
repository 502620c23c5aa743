import type { ExtensionPage } from '../../../src/protocol/page-location.ts';
import type { Page as PwPage } from 'playwright-core';
import type { Page as PpPage } from 'puppeteer-core';
import { chromeExtensionPage, launchChromium, type ChromiumRig } from './chromium.ts';
import { firefoxExtensionPage, launchFirefox, navigateByScript, type FirefoxRig } from './firefox.ts';

/**
 * One small interface over Playwright (Chromium) and Puppeteer/WebDriver BiDi (Firefox ESR), so
 * each end-to-end scenario is written once and run in both browsers.
 */
export type Tab = {
  /** Navigate and wait until the tab settles (an extension page after a redirect counts). */
  go(url: string): Promise<void>;
  href(): Promise<string>;
  /** Wait until location.href satisfies `test`; returns it. */
  waitForHref(test: (href: string) => boolean, timeoutMs?: number): Promise<string>;
  text(selector: string): Promise<string | null>;
  click(selector: string): Promise<void>;
  evaluate<T>(fn: () => T): Promise<T>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
};

export type Driver = {
  kind: 'chromium' | 'firefox';
  extensionPage(page: ExtensionPage): string;
  newTab(): Promise<Tab>;
  /** Run `fn(arg)` in an extension page, where the extension API (`chrome`/`browser`) is available. */
  inExtension<A, T>(fn: (arg: A) => Promise<T> | T, arg: A): Promise<T>;
  close(): Promise<void>;
};

async function poll<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < end) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch {
      // the page is between documents
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

function playwrightTab(page: PwPage): Tab {
  const tab: Tab = {
    async go(url) {
      await page.goto(url, { waitUntil: 'load', timeout: 15_000 }).catch(() => undefined);
    },
    href: () => page.evaluate(() => location.href),
    waitForHref: (test, timeoutMs = 10_000) => poll(tab.href, test, timeoutMs, 'a URL'),
    text: (selector) => page.locator(selector).first().textContent({ timeout: 10_000 }),
    click: (selector) => page.locator(selector).first().click({ timeout: 10_000 }),
    evaluate: (fn) => page.evaluate(fn),
    screenshot: async (path) => void (await page.screenshot({ path, fullPage: true })),
    close: () => page.close(),
  };
  return tab;
}

function puppeteerTab(page: PpPage): Tab {
  const tab: Tab = {
    async go(url) {
      // BiDi reports no navigation events for moz-extension pages (a blocked navigation ends on
      // one), so navigate by script and wait for a new, complete document.
      await page
        .evaluate((u) => {
          (window as unknown as { __aupOld?: boolean }).__aupOld = true;
          location.href = u;
        }, url)
        .catch(() => undefined);
      await poll(
        () => page.evaluate(() => !(window as unknown as { __aupOld?: boolean }).__aupOld && document.readyState === 'complete'),
        (ready) => ready,
        15_000,
        `navigation to ${url}`,
      ).catch(() => undefined);
    },
    href: () => page.evaluate(() => location.href),
    waitForHref: (test, timeoutMs = 10_000) => poll(tab.href, test, timeoutMs, 'a URL'),
    text: async (selector) => {
      await page.waitForSelector(selector, { timeout: 10_000 });
      return page.$eval(selector, (el) => el.textContent);
    },
    click: async (selector) => {
      await page.waitForSelector(selector, { timeout: 10_000 });
      await page.$eval(selector, (el) => (el as HTMLElement).click());
    },
    evaluate: (fn) => page.evaluate(fn),
    screenshot: async (path) => void (await page.screenshot({ path, fullPage: true })),
    close: () => page.close(),
  };
  return tab;
}

export async function chromiumDriver(options: Parameters<typeof launchChromium>[0] = {}): Promise<Driver & { rig: ChromiumRig }> {
  const rig = await launchChromium(options);
  let control: PwPage | null = null;
  const driver = {
    kind: 'chromium' as const,
    rig,
    extensionPage: (page: ExtensionPage) => chromeExtensionPage(rig, page),
    newTab: async () => playwrightTab(await rig.context.newPage()),
    async inExtension<A, T>(fn: (arg: A) => Promise<T> | T, arg: A): Promise<T> {
      if (!control) {
        control = await rig.context.newPage();
        await control.goto(chromeExtensionPage(rig, 'welcome'));
      }
      return control.evaluate(fn as never, arg as never) as Promise<T>;
    },
    close: () => rig.close(),
  };
  return driver;
}

export async function firefoxDriver(options: Parameters<typeof launchFirefox>[0] = {}, startUrl: string): Promise<Driver & { rig: FirefoxRig }> {
  const rig = await launchFirefox(options);
  let control: PpPage | null = null;
  const driver = {
    kind: 'firefox' as const,
    rig,
    extensionPage: (page: ExtensionPage) => firefoxExtensionPage(rig, page),
    newTab: async () => puppeteerTab(await rig.browser.newPage()),
    async inExtension<A, T>(fn: (arg: A) => Promise<T> | T, arg: A): Promise<T> {
      if (!control) {
        control = await rig.browser.newPage();
        await control.goto(startUrl);
        await navigateByScript(control, firefoxExtensionPage(rig, 'welcome'));
      }
      return control.evaluate(fn as never, arg as never) as Promise<T>;
    },
    close: () => rig.close(),
  };
  return driver;
}
