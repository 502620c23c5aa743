/**
 * A Firefox start timed without a harness in the way (for `npm run bench -- firefox`, section 1).
 *
 * Launching through puppeteer makes Firefox wait for the WebDriver BiDi session: the connection is
 * ready only ~2.5 s after launch here, while plain Firefox asks for its start-up URL ~1.1 s after
 * being spawned (`npm run bench -- firefox-floor`). So Firefox is spawned directly, with its remote
 * agent listening but nobody connected (measured: that alone moves the floor from 1,124 to
 * 1,202 ms median, within its spread), and only after `settleMs` does the bench connect and ask
 * the pages themselves when they finished loading (`performance.timeOrigin` + the navigation
 * entry's `loadEventEnd`, the browser's own clock) — after the fact, so the connection cannot
 * delay what it measures.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { HARNESS_PREFS } from '../../tests/e2e/support/firefox.ts';
import { FIREFOX } from '../../tests/e2e/support/paths.ts';

/** What a start showed: when (epoch ms) a page matching `shown` had loaded, and what the page says of itself. */
export type LateStart<T> = { launchedEpoch: number; loadedEpoch: number | null; href: string | null; extra: T | null };

/** A fresh profile's first-run pages and prompts kept out of the way (no puppeteer to do it). */
export const FIRST_RUN_PREFS: Record<string, unknown> = {
  'browser.startup.homepage_override.mstone': 'ignore',
  'startup.homepage_welcome_url': '',
  'browser.aboutwelcome.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
};

/** The harness's prefs (support/firefox.ts) and the first-run ones, `prefs` on top, as the profile's user.js. */
export function writeUserPrefs(profileDir: string, prefs: Record<string, unknown>): void {
  const all = { ...HARNESS_PREFS, ...FIRST_RUN_PREFS, ...prefs };
  const lines = Object.entries(all).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`);
  writeFileSync(join(profileDir, 'user.js'), `${lines.join('\n')}\n`);
}

/**
 * Spawn Firefox on `profileDir` with `url` as its start-up page, wait `settleMs`, connect, and read
 * the first page whose address passes `shown`: when it finished loading, and `extra` evaluated in
 * it (self-contained: sent as source). Firefox is closed before this returns.
 */
export async function lateConnectStart<T>(profileDir: string, url: string, shown: (href: string) => boolean, settleMs: number, extra?: () => Promise<T>): Promise<LateStart<T>> {
  const launchedEpoch = Date.now();
  const firefox = spawn(FIREFOX, ['--headless', '--no-remote', '--remote-debugging-port', '0', '--profile', profileDir, url], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => firefox.once('exit', () => resolve()));
  let browser: Browser | null = null;
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`Firefox did not open its remote agent within 30 s: ${text.slice(-300)}`)), 30_000);
      firefox.stderr!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const found = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(text);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      });
    });
    await new Promise((r) => setTimeout(r, Math.max(0, launchedEpoch + settleMs - Date.now())));
    browser = await puppeteer.connect({ browserWSEndpoint: `${endpoint}/session`, protocol: 'webDriverBiDi' });
    // Normally loaded long before; a slow start is waited for (its page's own clock still says when).
    const end = Date.now() + 20_000;
    for (;;) {
      for (const page of await browser.pages()) {
        const href = page.url();
        if (!shown(href)) continue;
        const loadedEpoch = await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          return nav && nav.loadEventEnd > 0 ? performance.timeOrigin + nav.loadEventEnd : null;
        }).catch(() => null);
        if (loadedEpoch !== null) return { launchedEpoch, loadedEpoch, href, extra: extra ? await page.evaluate(extra).catch(() => null) : null };
      }
      if (Date.now() > end) return { launchedEpoch, loadedEpoch: null, href: (await browser.pages()).map((p) => p.url()).join(' | ') || null, extra: null };
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await browser?.close().catch(() => undefined);
    const killer = setTimeout(() => firefox.kill('SIGKILL'), 15_000);
    if (!browser) firefox.kill('SIGTERM');
    await exited;
    clearTimeout(killer);
  }
}
