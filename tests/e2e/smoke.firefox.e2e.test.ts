import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firefoxExtensionPage, launchFirefox, openExtensionPageFirefox, type FirefoxRig } from './support/firefox.ts';
import { acceptAupInPage } from './support/harness.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

describe('Firefox ESR smoke: the rig works', () => {
  let server: TestServer;
  let rig: FirefoxRig;

  beforeAll(async () => {
    server = await startTestServer();
    rig = await launchFirefox();
  });
  afterAll(async () => {
    await rig?.close();
    await server?.close();
  });

  it('opens the popup page and it talks to the worker', async () => {
    const page = await rig.browser.newPage();
    await openExtensionPageFirefox(rig, page, server.url('start.example.test'), firefoxExtensionPage(rig, 'popup'));
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Acceptable use policy');
    await page.waitForFunction(() => !/Checking/.test(document.querySelector('[data-testid=policy-status]')?.textContent ?? 'Checking'));
    const status = await page.$eval('[data-testid=policy-status]', (el) => el.textContent);
    expect(status).not.toMatch(/could not/);
    await page.close();
  });

  it('the built-in policy asks for the AUP first (no request reaches the site); once accepted, loads a page from a test host, and the server saw the request', async () => {
    const page = await rig.browser.newPage();
    await openExtensionPageFirefox(rig, page, server.url('smoke.example.test', '/gated'), firefoxExtensionPage(rig, 'welcome'));
    expect(server.requestsTo('smoke.example.test')).toHaveLength(0);
    await page.evaluate(acceptAupInPage);
    await page.goto(server.url('smoke.example.test', '/hello'));
    expect(await page.$eval('#host', (el) => el.textContent)).toBe('smoke.example.test');
    expect(server.requestsTo('smoke.example.test').map((r) => r.path)).toContain('/hello');
    await page.close();
  });
});
