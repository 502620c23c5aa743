import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROME_DEV_ID } from '../../../manifest.config.ts';
import { CHROMIUM, DIST_CHROME, ROOT, tempDir } from './paths.ts';
import type { TestServer } from './test-server.ts';

/**
 * Chromium as ICT runs it: the extension force-installed by enterprise policy from a CRX on an
 * update server, with its configuration in the policy's `3rdparty` section (managed storage).
 * Writes /etc/chromium/policies/managed, so it needs root and runs only when CI=true or
 * AUP_SYSTEM_TESTS=1; `remove()` restores the machine.
 */
export const SYSTEM_TESTS = process.env.CI === 'true' || process.env.AUP_SYSTEM_TESTS === '1';
export const POLICY_DIR = '/etc/chromium/policies/managed';
/** Only ever written by these tests, so a leftover (a run killed mid-test) is safe to remove. */
export const POLICY_FILE = join(POLICY_DIR, 'aup-guard-e2e.json');

export function removeLeftoverPolicy(): void {
  if (existsSync(POLICY_FILE)) rmSync(POLICY_FILE, { force: true });
}
export const UPDATE_HOST = 'updates.aup-guard.test';

export function packCrx(extensionDir = DIST_CHROME): Buffer {
  const work = tempDir('crx');
  try {
    const ext = join(work.path, 'ext');
    cpSync(extensionDir, ext, { recursive: true });
    execFileSync(CHROMIUM, ['--no-sandbox', '--headless', '--disable-gpu', `--pack-extension=${ext}`, `--pack-extension-key=${join(ROOT, 'tests/fixtures/dev-extension-key.pem')}`], { stdio: 'ignore' });
    return readFileSync(`${ext}.crx`);
  } finally {
    work.remove();
  }
}

let served = 0;

/**
 * Serve the CRX (of the release build, or of `extensionDir`) and its update manifest from the test
 * server, under paths of its own: a later test on the same server must not be handed an earlier
 * test's build (routes are tried in the order they were added).
 */
export function serveCrx(server: TestServer, extensionDir = DIST_CHROME): string {
  const crx = packCrx(extensionDir);
  const n = ++served;
  const version = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')).version as string;
  server.route((req, res) => {
    if ((req.headers.host ?? '').replace(/:\d+$/, '') !== UPDATE_HOST) return false;
    if (req.url?.startsWith(`/updates-${n}.xml`)) {
      res.writeHead(200, { 'content-type': 'text/xml' }).end(
        `<?xml version='1.0' encoding='UTF-8'?><gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>` +
          `<app appid='${CHROME_DEV_ID}'><updatecheck codebase='${server.url(UPDATE_HOST, `/aup-guard-${n}.crx`)}' version='${version}' /></app></gupdate>`,
      );
      return true;
    }
    if (req.url === `/aup-guard-${n}.crx`) {
      res.writeHead(200, { 'content-type': 'application/x-chrome-extension' }).end(crx);
      return true;
    }
    return false;
  });
  return server.url(UPDATE_HOST, `/updates-${n}.xml`);
}

/**
 * `extra`: more Chromium policies, e.g. `DeveloperToolsAvailability: 1`, without which Chromium
 * refuses DevTools (and so Playwright) on the pages of a force-installed extension: Playwright
 * reports such a tab closed.
 */
export function installPolicy(updateUrl: string, managedConfig: Record<string, unknown>, extra: Record<string, unknown> = {}): { remove(): void } {
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(
    POLICY_FILE,
    JSON.stringify({
      ...extra,
      ExtensionInstallForcelist: [`${CHROME_DEV_ID};${updateUrl}`],
      '3rdparty': { extensions: { [CHROME_DEV_ID]: managedConfig } },
    }),
  );
  return { remove: () => rmSync(POLICY_FILE, { force: true }) };
}

