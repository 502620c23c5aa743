import { describe, expect, it } from 'vitest';
import { chromiumDriver } from './support/driver.ts';
import { enforcementSuite, useEnforcingBrowser } from './support/enforcement-suite.ts';
import { workerStatus } from './support/harness.ts';
import { POLICY_HOST } from './support/policy-server.ts';
import { stopChromiumWorker } from './support/stop-worker.ts';

enforcementSuite('Chromium', () => chromiumDriver());

describe('Chromium: the block and warn pages are web-accessible only at a per-session URL (use_dynamic_url)', () => {
  const session = useEnforcingBrowser(() => chromiumDriver());

  it('redirected pages and frames still show them; a site can neither fetch nor frame them by their fixed address', async () => {
    const { h, driver } = session();
    h.server.route((req, res) => {
      if (req.url !== '/frames-listed-sites') return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(
        `<!doctype html><html lang="en"><title>Framer</title><h1>framer</h1>` +
        `<iframe title="blocked" src="http://www.bet365.com:${h.server.port}/framed"></iframe>` +
        `<iframe title="warned" src="${h.server.url('www.netflix.com', '/framed')}"></iframe>`,
      );
      return true;
    });
    const page = await (driver as Awaited<ReturnType<typeof chromiumDriver>>).rig.context.newPage();
    await page.goto(`http://www.bet365.com:${h.server.port}/top`).catch(() => undefined);
    await expect.poll(() => page.locator('h1').textContent().catch(() => ''), { timeout: 10_000 }).toBe('This site is blocked');

    await page.goto(h.server.url('framer.example.test', '/frames-listed-sites'));
    const frameText = (title: string) => page.frameLocator(`iframe[title=${title}]`).locator('body').innerText({ timeout: 10_000 }).catch(() => '');
    await expect.poll(() => frameText('blocked'), { timeout: 10_000 }).toMatch(/This site is blocked/);
    await expect.poll(() => frameText('warned'), { timeout: 10_000 }).toMatch(/Check before you continue/);

    // A hostile page that knows the extension's id and the warn page's path.
    const fixed = driver.extensionPage('warn') + '?c=streaming#http://www.netflix.com/';
    expect(fixed).toMatch(/^chrome-extension:\/\/[a-p]{32}\//);
    await page.goto(h.server.url('hostile.example.test', '/'));
    expect(await page.evaluate((u) => fetch(u).then((r) => `fetched ${r.status}`, () => 'refused'), fixed)).toBe('refused');
    await page.evaluate((u) => {
      const frame = document.createElement('iframe');
      frame.title = 'fixed';
      frame.src = u;
      document.body.append(frame);
    }, fixed);
    await new Promise((r) => setTimeout(r, 1_500));
    const framed = page.frames().find((f) => f !== page.mainFrame());
    expect(framed?.url()).not.toContain('/extension/pages/warn/');
    expect(await frameText('fixed')).not.toMatch(/Check before you continue/);
    expect(h.server.requestsTo('bet365.com')).toEqual([]);
    expect(h.server.requestsTo('netflix.com')).toEqual([]);
    await page.close();
  });
});

describe('Chromium: waking the worker asks the policy server nothing (checks follow the schedule)', () => {
  const session = useEnforcingBrowser(() => chromiumDriver());

  it('the options page and messages wake it without a manifest request; "check now" makes one', async () => {
    const { h, driver } = session();
    const manifests = () => h.server.requestsTo(POLICY_HOST).filter((r) => r.path.endsWith('/manifest.json')).length;
    const chromium = driver as Awaited<ReturnType<typeof chromiumDriver>>;
    // Settle first: on a busy machine the install's own check can still be queued behind the one
    // the settings started (it then asks once more, as it may). Counting starts when all is quiet.
    let last = -1;
    await expect.poll(() => {
      const now = manifests();
      const quiet = now === last;
      last = now;
      return quiet;
    }, { timeout: 30_000, interval: 3_000 }).toBe(true);
    // A check still queued after that quiet spell runs before this one (checks run one at a time).
    await workerStatus(driver, true);
    const before = manifests();
    const checkedBefore = (await workerStatus(driver)).checkedAt;
    for (let wake = 0; wake < 3; wake++) {
      const stoppedAt = Date.now();
      await stopChromiumWorker(chromium);
      // Opening the options page wakes the worker (it asks for the status and settings).
      const tab = await driver.openExtensionTab('options');
      await expect.poll(async () => Date.parse((await workerStatus(driver)).workerStartedAt ?? '') > stoppedAt, { timeout: 15_000 }).toBe(true);
      // What a wake does (guard refresh, the schedule decision) ends within a second or two; wait well past it.
      await new Promise((r) => setTimeout(r, 3_000));
      await tab.close();
    }
    expect(manifests() - before, `manifest requests from three wakes (last check before: ${checkedBefore}, after: ${(await workerStatus(driver)).checkedAt})`).toBe(0);
    expect((await workerStatus(driver)).enforcedSerial).toBe(10);
    await workerStatus(driver, true);
    expect(manifests() - before, 'a person asked').toBe(1);
  }, 90_000);
});
