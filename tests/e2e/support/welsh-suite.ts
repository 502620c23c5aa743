import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Driver, Tab } from './driver.ts';
import { axeOnTab, formatViolations } from './axe.ts';
import { isPage, useEnforcingBrowser, type Harness } from './harness.ts';
import { ROOT } from './paths.ts';

/*
 * The extension with the browser's own UI in Welsh (Debian's chromium-l10n and
 * firefox-esr-l10n-cy, installed by .ci/setup): every page speaks Welsh, says so in `lang`, and
 * passes axe — the block, warn, report, popup and options pages.
 */

const SHOTS = join(ROOT, 'test-results/screenshots');
const CY = JSON.parse(readFileSync(join(ROOT, 'public/_locales/cy/messages.json'), 'utf8')) as Record<string, { message: string }>;
const cy = (key: string) => CY[key]!.message;

async function inWelsh(tab: Tab, heading: string, shot: string): Promise<void> {
  await expect.poll(() => tab.text('h1').catch(() => ''), { timeout: 10_000 }).toBe(heading);
  expect(await tab.evaluate(() => document.documentElement.lang)).toBe('cy');
  const violations = await axeOnTab(tab);
  expect(violations, formatViolations(violations)).toEqual([]);
  await tab.screenshot(join(SHOTS, `cy-${shot}.png`));
}

export function welshSuite(name: string, launch: (h: Harness) => Promise<Driver>) {
  describe(`${name} in Welsh`, () => {
    const session = useEnforcingBrowser(launch);

    it('block, report, warn, popup and options pages are in Welsh, lang="cy", and pass axe', async () => {
      mkdirSync(SHOTS, { recursive: true });
      const { h, driver } = session();
      const prefix = driver.kind;
      const tab = await driver.newTab();
      await tab.go(h.server.url('www.bet365.com', '/cy'));
      await tab.waitForHref(isPage('blocked'));
      await inWelsh(tab, cy('blockedHeading'), `${prefix}-blocked`);
      // The policy's own texts in Welsh (rules/ gives `cy:` for the categories), not marked as English.
      await expect.poll(() => tab.text('[data-testid=page-category]'), { timeout: 10_000 }).toBe('Gamblo');
      expect(await tab.evaluate(() => document.querySelector('[data-testid=page-clause]')?.getAttribute('lang') ?? 'none')).toBe('none');
      expect(await tab.text('[data-testid=page-clause]')).toMatch(/^Rhaid i chi beidio â defnyddio gwefannau gamblo/);
      await tab.click('[data-testid=report-accident]');
      await tab.waitForHref(isPage('report'));
      await inWelsh(tab, cy('reportHeading'), `${prefix}-report`);

      await tab.go(h.server.url('www.netflix.com', '/cy'));
      await tab.waitForHref(isPage('warn'));
      await inWelsh(tab, cy('warnHeading'), `${prefix}-warn`);
      await tab.close();

      for (const [page, key] of [['popup', 'popupHeading'], ['options', 'optionsHeading']] as const) {
        const own = await driver.openExtensionTab(page);
        if (page === 'options') {
          // "Everything AUP Guard keeps and sends", from the records inventory, in Welsh.
          await expect.poll(() => own.text('#inventory-heading').catch(() => ''), { timeout: 10_000 }).toBe(cy('recordsHeading'));
          expect(await own.text('[data-testid=inventory-never]')).toBe(cy('recordsNever'));
        }
        await inWelsh(own, cy(key), `${prefix}-${page}`);
        if (page === 'popup') {
          // The e2e group's title has no Welsh in the bundle: shown in English, marked as English (WCAG 3.1.2).
          await expect.poll(() => own.evaluate(() => document.querySelector('[data-testid=status-group]')?.getAttribute('lang') ?? 'none'), { timeout: 10_000 }).toBe('en');
        }
        await own.close();
      }
    });
  });
}
