/**
 * For `npm run bench -- enforcement`: Chromium with the extension, driven WITHOUT any DevTools
 * session on its service worker, so the worker sleeps as it would for a person. Playwright
 * attaches to every service worker of its contexts, and an attached worker is never stopped for
 * idleness; Puppeteer's `targetFilter` lets us leave the worker's target alone. Whether the
 * worker runs is read from the browser's target list (`Target.getTargets` lists a service worker
 * only while it runs), over a CDP session of a page, never of the worker.
 */
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer-core';
import { chromiumArgs } from '../../tests/e2e/support/chromium.ts';
import type { Driver } from '../../tests/e2e/support/driver.ts';
import { CHROMIUM, DIST_CHROME, tempDir } from '../../tests/e2e/support/paths.ts';
import { pagePath } from '../../src/protocol/page-location.ts';

export type AsleepRig = {
  /** Runs in the extension's welcome page (a page, not the worker): enough for the harness's helpers. */
  driver: Driver;
  /** Close that page (an open extension page may keep the worker from being stopped). */
  closeExtensionPage(): Promise<void>;
  /** A tab for the timed loads. */
  page: Page;
  workerRunning(): Promise<boolean>;
  /** Stop the worker now (as the browser does after 30 s idle); resolves once it is gone. */
  stopWorker(): Promise<void>;
  close(): Promise<void>;
};

type TargetInfo = { targetId: string; type: string; url: string };

/**
 * `extensionId` null: the same harness without the extension (the baseline of the asleep
 * figures: Puppeteer and Playwright drive a page differently, so each is compared with its own).
 */
export async function launchAsleepRig(extensionId: string | null): Promise<AsleepRig> {
  const profile = tempDir('chromium-asleep');
  const browser: Browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile.path,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: chromiumArgs(extensionId ? DIST_CHROME : null),
    // Never attach to a service worker: an attached worker stays awake.
    targetFilter: (target) => target.type() !== 'service_worker',
  });
  const control = await browser.newPage();
  const cdp: CDPSession = await control.createCDPSession();
  const ownWorker = async (): Promise<TargetInfo | undefined> => {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    return targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  };
  const extensionPage = (name: Parameters<typeof pagePath>[0]) => `chrome-extension://${extensionId}/${pagePath(name)}`;
  let welcome: Page | null = null;
  const driver = {
    kind: 'chromium',
    extensionPage,
    async inExtension<A, T>(fn: (arg: A) => Promise<T> | T, arg: A): Promise<T> {
      if (!welcome) {
        welcome = await browser.newPage();
        await welcome.goto(extensionPage('welcome'));
      }
      return welcome.evaluate(fn as never, arg as never) as Promise<T>;
    },
    close: () => browser.close(),
  } as unknown as Driver;
  const page = await browser.newPage();
  return {
    driver,
    page,
    async closeExtensionPage() {
      await (welcome as Page | null)?.close();
      welcome = null;
    },
    workerRunning: async () => (await ownWorker()) !== undefined,
    async stopWorker() {
      const worker = await ownWorker();
      if (worker) await cdp.send('Target.closeTarget', { targetId: worker.targetId });
      for (let i = 0; i < 50 && (await ownWorker()); i++) await new Promise((r) => setTimeout(r, 20));
    },
    async close() {
      await browser.close();
      profile.remove();
    },
  };
}

/** Navigate a Puppeteer tab and time until `load`, as the Playwright tabs are timed. */
export async function timedGotoAsleep(page: Page, url: string): Promise<{ ms: number; href: string; error: string | null }> {
  const start = performance.now();
  let error: string | null = null;
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
  } catch (e) {
    error = (e as Error).message.split('\n')[0] ?? 'error';
  }
  return { ms: performance.now() - start, href: page.url(), error };
}

/** Leave the browser alone for up to `maxMs`: does it stop the worker by itself, and when? */
export async function leftIdle(rig: AsleepRig, maxMs: number): Promise<{ stoppedAlone: boolean; idleStopMs: number }> {
  const idleStart = performance.now();
  while (performance.now() - idleStart < maxMs) {
    if (!(await rig.workerRunning())) return { stoppedAlone: true, idleStopMs: performance.now() - idleStart };
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return { stoppedAlone: false, idleStopMs: performance.now() - idleStart };
}
