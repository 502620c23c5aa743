/**
 * The personal-use banner's cost per page. The banner's content script is registered only for
 * the hosts of categories allowed with a banner in the current mode, so an ordinary allowed page
 * must pay nothing for it; a banner page pays for one small script and one message to the worker.
 *
 * One Chromium with the extension (the e2e group: social media always allowed with a banner) and
 * one without, the same fresh hosts in both, order rotated. Figures: median load time of
 * (a) ordinary allowed pages and (b) banner pages, each against the browser without the
 * extension; and how many ordinary pages got a banner element (must be 0).
 *
 * Run: npm run bench -- banner
 */
import type { Page } from 'playwright-core';
import { DEV_PUBLIC_KEY, E2E_GROUP } from '../../tests/e2e/support/bundles.ts';
import { launchChromium, type ChromiumRig } from '../../tests/e2e/support/chromium.ts';
import { chromiumDriver, type Driver } from '../../tests/e2e/support/driver.ts';
import { setLocalConfig, startHarness, waitForSerial, type Harness } from '../../tests/e2e/support/harness.ts';
import { DIST_CHROME, assertBuilt } from '../../tests/e2e/support/paths.ts';
import { median } from './measure.ts';
import { signed } from './overhead.ts';

const LOADS = 30;
const WARM_UP = 3;
/** Listed in social-media by the e2e rules (tests/e2e/support/bundles.ts): a subdomain of it is a fresh banner host. */
const BANNER_PARENT = 'social-site.test';

async function timedLoad(page: Page, url: string): Promise<number> {
  const start = performance.now();
  await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
  return performance.now() - start;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

export async function benchBanner(): Promise<void> {
  assertBuilt(DIST_CHROME);
  let h: Harness | null = null;
  let driver: Driver | null = null;
  let plain: ChromiumRig | null = null;
  try {
    h = await startHarness();
    driver = await chromiumDriver();
    await setLocalConfig(driver, { policyUrl: h.policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: E2E_GROUP, refreshMinutes: 60 });
    await waitForSerial(driver, 10);
    plain = await launchChromium({ extensionDir: null, waitForWorker: false });
    const withPage = await (driver as Driver & { rig: ChromiumRig }).rig.context.newPage();
    const withoutPage = await plain.context.newPage();
    const times = { allowedWith: [] as number[], allowedWithout: [] as number[], bannerWith: [] as number[], bannerWithout: [] as number[] };
    let bannersOnAllowed = 0;
    let bannersOnBannerPages = 0;
    for (let i = 0; i < LOADS + WARM_UP; i++) {
      const allowed = h.server.url(`site-${i}.allowed.bench.test`, `/p${i}`);
      const banner = h.server.url(`u${i}.${BANNER_PARENT}`, `/p${i}`);
      const order: Array<[keyof typeof times, Page, string]> = [
        ['allowedWith', withPage, allowed], ['allowedWithout', withoutPage, allowed],
        ['bannerWith', withPage, banner], ['bannerWithout', withoutPage, banner],
      ];
      for (let k = 0; k < order.length; k++) {
        const [name, page, url] = order[(i + k) % order.length]!;
        const took = await timedLoad(page, url);
        if (i >= WARM_UP) times[name].push(took);
        if (name === 'allowedWith' || name === 'bannerWith') {
          // The banner asks the worker after load; give it a moment before counting.
          await page.waitForTimeout(name === 'bannerWith' ? 300 : 100);
          const count = await page.evaluate(() => document.querySelectorAll('aup-guard-banner').length);
          if (name === 'allowedWith') bannersOnAllowed += count;
          else bannersOnBannerPages += count > 0 ? 1 : 0;
        }
      }
    }
    const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])) as Record<keyof typeof times, number>;
    const pct = (a: number, b: number) => ((a - b) / b) * 100;
    console.log(`\nBanner cost per page (Chromium, ${LOADS} loads each after ${WARM_UP} warm-up, medians; baseline: the same pages in a browser without the extension)`);
    console.log(`  ordinary allowed page: ${ms(m.allowedWith)} with vs ${ms(m.allowedWithout)} without = ${signed(pct(m.allowedWith, m.allowedWithout))} %  (target: no banner cost; banner elements seen: ${bannersOnAllowed}, target 0)`);
    console.log(`  banner page:           ${ms(m.bannerWith)} with vs ${ms(m.bannerWithout)} without = ${signed(pct(m.bannerWith, m.bannerWithout))} %  (banner shown on ${bannersOnBannerPages} of ${LOADS + WARM_UP})`);
    console.log(`  banner page minus ordinary page, both with the extension: ${signed(m.bannerWith - m.allowedWith)} ms`);
  } finally {
    await plain?.close().catch(() => undefined);
    await driver?.close().catch(() => undefined);
    await h?.server.close();
    h?.cleanup();
  }
}
