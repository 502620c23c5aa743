import { acceptAupInPage } from './support/harness.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromeExtensionPage, launchChromium, type ChromiumRig } from './support/chromium.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { DIST_CHROME, DIST_FIREFOX } from './support/paths.ts';
import { DEV_PUBLIC_KEY } from './support/bundles.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));
}

describe('Chromium smoke: the rig works', () => {
  let server: TestServer;
  let rig: ChromiumRig;

  beforeAll(async () => {
    server = await startTestServer();
    rig = await launchChromium();
  });
  afterAll(async () => {
    await rig?.close();
    await server?.close();
  });

  it('loads the release build, which pins no id (a CRX takes its id from ICT\'s packaging key)', () => {
    const manifest = JSON.parse(readFileSync(join(DIST_CHROME, 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background.service_worker).toBeTruthy();
    expect(manifest.key).toBeUndefined();
    // Unpacked, Chromium derives the id from the folder's path: not the development key's id.
    expect(rig.extensionId).toMatch(/^[a-p]{32}$/);
    expect(rig.extensionId).not.toBe('bfombaklaedpegnpncnkbanngnfcbiic');
  });

  it('opens the popup page and it talks to the worker', async () => {
    const page = await rig.context.newPage();
    await page.goto(chromeExtensionPage(rig, 'popup'));
    await expect.poll(() => page.locator('h1').textContent()).toBe('Acceptable use policy');
    await expect.poll(() => page.getByTestId('policy-status').textContent(), { timeout: 15_000 }).not.toMatch(/Checking/);
    expect(await page.getByTestId('policy-status').textContent()).not.toMatch(/could not/);
    await page.close();
  });

  it('the release build trusts no development key or server; with no settings it says ICT has not set it up and keeps the built-in rules', async () => {
    for (const file of [...filesUnder(DIST_CHROME), ...filesUnder(DIST_FIREFOX)]) {
      const text = readFileSync(file, 'latin1');
      expect(text.includes(DEV_PUBLIC_KEY), file).toBe(false);
      expect(text.includes('127.0.0.1:8080'), file).toBe(false);
    }
    const page = await rig.context.newPage();
    await page.goto(chromeExtensionPage(rig, 'options'));
    await expect.poll(() => page.getByTestId('status-warnings').textContent().catch(() => ''), { timeout: 15_000 }).toMatch(/ICT has not set up AUP Guard on this device/);
    expect(await page.getByTestId('policy-status').textContent()).toMatch(/built-in policy/);
    expect(await page.getByTestId('development-build').count()).toBe(0);
    await page.close();
  });

  it('the built-in policy asks for the AUP first (the welcome page, no request); once accepted, loads a page from a test host, and the server saw the request', async () => {
    const page = await rig.context.newPage();
    // The gate is a rule the install's first enforcement adds: on a busy machine it may still be
    // on its way, and a page opened before it would reach the server. Wait for it, as a device would be.
    await page.goto(chromeExtensionPage(rig, 'options'));
    await expect.poll(() => page.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ enforcedAt?: string | null }> } } }).chrome;
      const status = await api.runtime.sendMessage({ type: 'status/get' });
      return Boolean(status?.enforcedAt);
    }).catch(() => false), { timeout: 30_000 }).toBe(true);
    await page.goto(server.url('smoke.example.test', '/gated')).catch(() => undefined);
    await expect.poll(() => page.url(), { timeout: 10_000 }).toContain('/extension/pages/welcome/');
    expect(server.requestsTo('smoke.example.test')).toHaveLength(0);
    await page.evaluate(acceptAupInPage);
    await page.goto(server.url('smoke.example.test', '/hello'));
    expect(await page.locator('#host').textContent()).toBe('smoke.example.test');
    expect(server.requestsTo('smoke.example.test').map((r) => r.path)).toContain('/hello');
    expect(server.requestsTo('never-visited.example.test')).toHaveLength(0);
    await page.close();
  });
});
