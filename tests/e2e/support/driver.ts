import type { ExtensionPage } from '../../../src/protocol/page-location.ts';
import type { Page as PwPage } from 'playwright-core';
import type { Page as PpPage } from 'puppeteer-core';
import { chromeExtensionPage, launchChromium, type ChromiumRig } from './chromium.ts';
import { firefoxExtensionPage, launchFirefox, navigateByScript, openExtensionPageFirefox, stepFromWeb, type FirefoxRig } from './firefox.ts';
import { AXE_TAGS, axeInPage, axeSource, runAxe, type AxeViolation } from './axe.ts';

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
  /**
   * Click what closes this very page (the download page's "Go back" closes the tab the worker
   * opened); resolves once the page has gone, fails if it is still open 10 s later.
   */
  clickToClose(selector: string): Promise<void>;
  /** Type into a field as a person would (the page sees input events), replacing what was there. */
  fill(selector: string, text: string): Promise<void>;
  evaluate<T>(fn: () => T): Promise<T>;
  screenshot(path: string): Promise<void>;
  /** Press a key in the page, as a person would (e.g. 'Tab', 'Escape', 'Enter'). */
  press(key: string): Promise<void>;
  /** Type text into the focused element, key by key. */
  type(text: string): Promise<void>;
  /**
   * Put the shadow root of the first `<tag>` element, even a closed one, on `window[name]` of the
   * page's own world, through the browser's automation protocol (CDP in Chromium, WebDriver BiDi
   * in Firefox): the only way a test can look inside what the page's scripts cannot. False when
   * there is no such element or it has no shadow root.
   */
  exposeShadowRoot(tag: string, name: string): Promise<boolean>;
  /** axe-core's WCAG 2.2 AA and best-practice violations on the page (tests/e2e/support/axe.ts). */
  axe(): Promise<AxeViolation[]>;
  /** Resize the page's viewport in CSS pixels (reflow checks: 320 px wide, or 1280 at 200 % zoom). */
  setViewport(width: number, height: number): Promise<void>;
  close(): Promise<void>;
};

type CdpNode = { localName?: string; backendNodeId: number; children?: CdpNode[]; shadowRoots?: CdpNode[] };

function findCdpNode(node: CdpNode, tag: string): CdpNode | null {
  if (node.localName === tag) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findCdpNode(child, tag);
    if (found) return found;
  }
  return null;
}

export type Driver = {
  kind: 'chromium' | 'firefox';
  extensionPage(page: ExtensionPage): string;
  newTab(): Promise<Tab>;
  /** A new tab showing one of the extension's own pages (the popup, the options page…). */
  openExtensionTab(page: ExtensionPage): Promise<Tab>;
  /** Run `fn(arg)` in an extension page, where the extension API (`chrome`/`browser`) is available. */
  inExtension<A, T>(fn: (arg: A) => Promise<T> | T, arg: A): Promise<T>;
  /** A tab the browser or the extension opened (not the test), found by its address; null if none. */
  openedTab(test: (href: string) => boolean): Promise<Tab | null>;
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
    async clickToClose(selector) {
      const closed = page.waitForEvent('close', { timeout: 10_000 });
      closed.catch(() => undefined); // awaited below; not left unhandled if the click throws first
      await page.locator(selector).first().click({ timeout: 10_000 }).catch((e: unknown) => {
        // The page closing can beat Playwright's own steps after the click, which then reports
        // "Target page, context or browser has been closed" (CI, 7 December 2026). A closed page
        // is the outcome wanted here; any other failure is still one.
        if (!page.isClosed()) throw e;
      });
      if (!page.isClosed()) await closed;
    },
    fill: (selector, text) => page.locator(selector).first().fill(text, { timeout: 10_000 }),
    evaluate: (fn) => page.evaluate(fn),
    screenshot: async (path) => void (await page.screenshot({ path, fullPage: true })),
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    async exposeShadowRoot(tag, name) {
      const cdp = await page.context().newCDPSession(page);
      try {
        const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
        const shadow = findCdpNode(root, tag)?.shadowRoots?.[0];
        if (!shadow) return false;
        const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
        if (!object.objectId) return false;
        await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: `function () { window[${JSON.stringify(name)}] = this; }` });
        return true;
      } finally {
        await cdp.detach().catch(() => undefined);
      }
    },
    axe: () => runAxe(page),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    close: () => page.close(),
  };
  return tab;
}

type BidiNode = { type: string; sharedId?: string; value?: { shadowRoot?: BidiNode | null } };
type BidiConnection = { send(method: string, params: unknown): Promise<unknown> };

function puppeteerTab(page: PpPage): Tab {
  const tab: Tab = {
    async go(url) {
      // BiDi reports no navigation events for moz-extension pages (a blocked navigation ends on
      // one), so navigate by script and wait for a new, complete document. Not the about:blank a
      // tab holds for a moment when the navigation moves it to another process (from an
      // extension page to a web page): seen complete there, the test read `about:blank` (CI).
      await page
        .evaluate((u) => {
          (window as unknown as { __aupOld?: boolean }).__aupOld = true;
          location.href = u;
        }, url)
        .catch(() => undefined);
      const toBlank = url === 'about:blank';
      await poll(
        () => page.evaluate((blankWanted) => !(window as unknown as { __aupOld?: boolean }).__aupOld && document.readyState === 'complete' && (blankWanted || location.href !== 'about:blank'), toBlank),
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
    async clickToClose(selector) {
      await page.waitForSelector(selector, { timeout: 10_000 });
      // Puppeteer over BiDi does not mark a page closed, nor drop it from browser.pages(), when the
      // extension closed its tab (seen with Firefox ESR 153); the browser itself then answers
      // "no such frame" for its browsing context.
      const closedError = (e: unknown) => page.isClosed() || /no such frame/i.test(String(e));
      // As in Chromium, the page may close before the script's answer arrives.
      await page.$eval(selector, (el) => (el as HTMLElement).click()).catch((e: unknown) => {
        if (!closedError(e)) throw e;
      });
      const gone = () => (page.isClosed() ? Promise.resolve(true) : page.evaluate(() => false).catch(closedError));
      await poll(gone, (yes) => yes, 10_000, `the page to close after clicking ${selector}`);
    },
    fill: async (selector, text) => {
      await page.waitForSelector(selector, { timeout: 10_000 });
      await page.$eval(selector, (el) => {
        (el as HTMLInputElement).focus();
        (el as HTMLInputElement).select();
      });
      await page.keyboard.type(text);
    },
    evaluate: (fn) => page.evaluate(fn),
    screenshot: async (path) => void (await page.screenshot({ path, fullPage: true })),
    press: (key) => page.keyboard.press(key as never),
    type: (text) => page.keyboard.type(text),
    async exposeShadowRoot(tag, name) {
      // Puppeteer has no public call for this; its WebDriver BiDi connection does (includeShadowTree: 'all').
      const connection = (page.browser() as unknown as { connection: BidiConnection }).connection;
      const context = (page.mainFrame() as unknown as { _id: string })._id;
      const answer = (await connection.send('script.callFunction', {
        functionDeclaration: `() => document.querySelector(${JSON.stringify(tag)})`,
        awaitPromise: false,
        target: { context },
        serializationOptions: { maxDomDepth: 1, includeShadowTree: 'all' },
        resultOwnership: 'root',
      })) as { result?: { result?: BidiNode } };
      const shadow = answer.result?.result?.value?.shadowRoot;
      if (!shadow?.sharedId) return false;
      await connection.send('script.callFunction', {
        functionDeclaration: `(root) => { window[${JSON.stringify(name)}] = root; }`,
        arguments: [{ sharedId: shadow.sharedId }],
        awaitPromise: false,
        target: { context },
      });
      return true;
    },
    async axe() {
      // Evaluated over WebDriver BiDi, which an extension page's CSP does not apply to.
      if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
      return page.evaluate(axeInPage, [...AXE_TAGS]);
    },
    // WebDriver BiDi's browsingContext.setViewport.
    setViewport: (width, height) => page.setViewport({ width, height }),
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
    async openExtensionTab(page: ExtensionPage) {
      const tab = playwrightTab(await rig.context.newPage());
      await tab.go(chromeExtensionPage(rig, page));
      return tab;
    },
    async inExtension<A, T>(fn: (arg: A) => Promise<T> | T, arg: A): Promise<T> {
      if (!control) {
        control = await rig.context.newPage();
        await control.goto(chromeExtensionPage(rig, 'welcome'));
      }
      return control.evaluate(fn as never, arg as never) as Promise<T>;
    },
    async openedTab(test: (href: string) => boolean) {
      const page = rig.context.pages().find((p) => test(p.url()));
      return page ? playwrightTab(page) : null;
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
    async openExtensionTab(page: ExtensionPage) {
      const pp = await rig.browser.newPage();
      await openExtensionPageFirefox(rig, pp, startUrl, firefoxExtensionPage(rig, page));
      return puppeteerTab(pp);
    },
    async inExtension<A, T>(fn: (arg: A) => Promise<T> | T, arg: A): Promise<T> {
      if (!control) {
        control = await rig.browser.newPage();
        await stepFromWeb(rig, control, startUrl);
        await navigateByScript(control, firefoxExtensionPage(rig, 'welcome'));
      }
      return control.evaluate(fn as never, arg as never) as Promise<T>;
    },
    async openedTab(test: (href: string) => boolean) {
      // BiDi reports no navigation events for moz-extension pages: a page's url() may be stale, so ask each page.
      for (const page of await rig.browser.pages()) {
        const href = await page.evaluate(() => location.href).catch(() => page.url());
        if (test(href)) return puppeteerTab(page);
      }
      return null;
    },
    close: () => rig.close(),
  };
  return driver;
}
