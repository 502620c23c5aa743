import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Driver, Tab } from './driver.ts';
import { formatViolations } from './axe.ts';
import { useEnforcingBrowser, type Harness } from './harness.ts';
import { ROOT } from './paths.ts';

/*
 * "Everything AUP Guard keeps and sends" on the options page: every stored key and every sent
 * field listed with what, why, who sees it and for how long (the list itself is held equal to
 * the code's definitions by tests/unit/records-inventory.test.ts); the events' retention period
 * is the policy's; it reads without horizontal scrolling at 320 px and passes axe.
 */

const SHOTS = join(ROOT, 'test-results/screenshots');

/** Every inventory table: its rows as [name, the whole row's text], by the table's test id. */
function tables(tab: Tab): Promise<Record<string, [string, string][]>> {
  return tab.evaluate(() => Object.fromEntries([...document.querySelectorAll('table.inventory')].map((table) => [
    table.getAttribute('data-testid') ?? '',
    [...table.querySelectorAll('tbody tr')].map((tr) => {
      const th = tr.querySelector('th');
      return [th?.querySelector('.mono')?.textContent ?? th?.textContent ?? '', tr.textContent ?? ''] as [string, string];
    }),
  ])));
}
const names = async (tab: Tab, testid: string) => ((await tables(tab))[testid] ?? []).map(([n]) => n);
const rowText = async (tab: Tab, testid: string, name: string) => ((await tables(tab))[testid] ?? []).find(([n]) => n === name)?.[1] ?? '';

export function recordsSuite(name: string, launch: (h: Harness) => Promise<Driver>) {
  describe(`${name}: what AUP Guard records`, () => {
    const session = useEnforcingBrowser(launch);

    it('lists every stored record and sent field with who sees it and for how long; nothing else is kept', async () => {
      mkdirSync(SHOTS, { recursive: true });
      const { driver } = session();
      const tab = await driver.openExtensionTab('options');
      await expect.poll(() => tab.text('#inventory-heading').catch(() => ''), { timeout: 10_000 }).toBe('Everything AUP Guard keeps and sends');
      expect(await tab.text('[data-testid=inventory-never]')).toMatch(/never keeps or sends the content of the pages you visit.*browsing history/);

      const stored = await names(tab, 'inventory-stored');
      for (const key of ['aup.events', 'aup.reportOutbox', 'aup.acceptance', 'aup.unreadable.<key>', 'chunk:<sha256>']) expect(stored).toContain(key);
      // The events are kept for the policy's retention period (rules/: retention.eventDays 90), and the record says so.
      await expect.poll(() => rowText(tab, 'inventory-stored', 'aup.events'), { timeout: 10_000 }).toMatch(/Kept: 90 days \(the policy's retention period\)/);
      await expect.poll(() => tab.text('[data-testid=events-retention]').catch(() => ''), { timeout: 10_000 })
        .toBe('Under the policy in force, each entry is deleted 90 days after it was recorded.');

      expect(await names(tab, 'inventory-fields-report')).toEqual(expect.arrayContaining(['url', 'note', 'lineManagerEmail', 'userIdentity', 'device.policySerial']));
      expect(await rowText(tab, 'inventory-fields-report', 'lineManagerEmail')).toMatch(/your line manager/);
      expect(await names(tab, 'inventory-fields-checkin')).toContain('findings.detail');
      expect(await names(tab, 'inventory-fields-policyFetch')).toEqual(['if-none-match']);
      expect(await names(tab, 'inventory-fields-delivery')).toEqual(['content-type', 'authorization']);

      const violations = await tab.axe();
      expect(violations, formatViolations(violations)).toEqual([]);
      await tab.screenshot(join(SHOTS, `${driver.kind}-options-records.png`));
      await tab.close();
    });
  });
}
