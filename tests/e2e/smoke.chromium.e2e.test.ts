import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromeExtensionPage, launchChromium, type ChromiumRig } from './support/chromium.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { DIST_CHROME } from './support/paths.ts';

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

  it('loads the extension with the id pinned by the manifest key', () => {
    const manifest = JSON.parse(readFileSync(join(DIST_CHROME, 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background.service_worker).toBeTruthy();
    expect(rig.extensionId).toBe('bfombaklaedpegnpncnkbanngnfcbiic');
  });

  it('opens the popup page and it talks to the worker', async () => {
    const page = await rig.context.newPage();
    await page.goto(chromeExtensionPage(rig, 'popup'));
    await expect.poll(() => page.locator('h1').textContent()).toBe('Acceptable use policy');
    await expect.poll(() => page.getByTestId('policy-status').textContent(), { timeout: 15_000 }).not.toMatch(/Checking/);
    expect(await page.getByTestId('policy-status').textContent()).not.toMatch(/could not/);
    await page.close();
  });

  it('loads a page from a test host, and the server saw the request', async () => {
    const page = await rig.context.newPage();
    await page.goto(server.url('smoke.example.test', '/hello'));
    expect(await page.locator('#host').textContent()).toBe('smoke.example.test');
    expect(server.requestsTo('smoke.example.test').map((r) => r.path)).toContain('/hello');
    expect(server.requestsTo('never-visited.example.test')).toHaveLength(0);
    await page.close();
  });
});
