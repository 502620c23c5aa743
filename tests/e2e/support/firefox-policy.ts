import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Driver } from './driver.ts';

/**
 * Firefox ESR as ICT runs it on Linux: enterprise policies from /etc/firefox/policies/policies.json,
 * the system-wide place, read once when Firefox starts. Needs root; only where SYSTEM_TESTS allows
 * (chromium-policy.ts). Used by `deploy.firefox` and `npm run bench -- firefox-managed`.
 */
export const FIREFOX_POLICY_DIR = '/etc/firefox/policies';
export const FIREFOX_POLICY_FILE = join(FIREFOX_POLICY_DIR, 'policies.json');

/** Write `policies` as the machine's policies.json; the returned function puts back what was there (someone's own file, or none). */
export function installFirefoxPolicy(policies: Record<string, unknown>): () => void {
  const saved = existsSync(FIREFOX_POLICY_FILE) ? readFileSync(FIREFOX_POLICY_FILE, 'utf8') : null;
  mkdirSync(FIREFOX_POLICY_DIR, { recursive: true });
  writeFileSync(FIREFOX_POLICY_FILE, JSON.stringify(policies));
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (saved === null) rmSync(FIREFOX_POLICY_FILE, { force: true });
    else writeFileSync(FIREFOX_POLICY_FILE, saved);
  };
}

type BackgroundApi = { runtime: { getBackgroundPage(): Promise<Window> } };

/** When the running background page started (its `performance.timeOrigin`), read from an options tab that is closed again: a new value means a new page. */
export async function backgroundStartedAt(driver: Driver): Promise<number> {
  const page = await driver.openExtensionTab('options');
  try {
    return await page.evaluate(async () => (await (globalThis as unknown as { browser: BackgroundApi }).browser.runtime.getBackgroundPage()).performance.timeOrigin);
  } finally {
    await page.close();
  }
}
