import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { firefoxDriver } from './support/driver.ts';
import { DEV_PUBLIC_KEY, E2E_GROUP } from './support/bundles.ts';
import { useHarness, waitForSerial, workerStatus } from './support/enforcement-suite.ts';
import { ROOT, tempDir } from './support/paths.ts';
import { GECKO_ID } from '../../manifest.config.ts';
import { loadRules } from '../../src/rules/load-rules.ts';
import { disk } from '../../src/cli/disk.ts';

/**
 * Managed configuration as Firefox delivers it (native managed storage manifest in
 * $HOME/.mozilla/managed-storage, the same store policies.json `3rdparty` fills), no root needed.
 */
function managedHome(data: Record<string, unknown>) {
  const home = tempDir('home');
  const dir = join(home.path, '.mozilla', 'managed-storage');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${GECKO_ID}.json`), JSON.stringify({ name: GECKO_ID, description: 'AUP Guard test config', type: 'storage', data }));
  return home;
}

describe('Firefox ESR: managed configuration', () => {
  const harness = useHarness();

  it('reads policy URL, trusted keys and group from managed storage and enforces the bundle', async () => {
    const h = harness();
    const home = managedHome({ policyUrl: h.policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: E2E_GROUP });
    const driver = await firefoxDriver({ home: home.path }, h.server.url('start.example.test'));
    try {
      const status = await waitForSerial(driver, 10);
      expect(status).toMatchObject({ managed: true, configSource: 'managed', group: E2E_GROUP });
      const tab = await driver.newTab();
      await tab.go(h.server.url('www.bet365.com', '/managed'));
      expect(await tab.waitForHref((u) => u.includes('/extension/pages/blocked/'))).toContain('c=gambling');
      expect(h.server.requestsTo('bet365.com')).toEqual([]);
    } finally {
      await driver.close();
      home.remove();
    }
  });

  it('gives a managed device with an unknown group the strictest group', async () => {
    const h = harness();
    const home = managedHome({ policyUrl: h.policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: 'no-such-group' });
    const driver = await firefoxDriver({ home: home.path }, h.server.url('start.example.test'));
    try {
      await waitForSerial(driver, 10);
      const strictest = loadRules(disk, h.rulesDir).policy.strictestGroup;
      expect((await workerStatus(driver) as unknown as { group: string }).group).toBe(strictest);
    } finally {
      await driver.close();
      home.remove();
    }
  });

  it('refuses managed configuration that is not valid, says why, and keeps protecting', async () => {
    const h = harness();
    const home = managedHome({ policyUrl: 'http://plain-http.example.com/manifest.json', trustedKeys: [DEV_PUBLIC_KEY], refreshMinutes: 'often', colour: 'blue' });
    const driver = await firefoxDriver({ home: home.path }, h.server.url('start.example.test'));
    try {
      // 'config' is also the code while the managed answer has not arrived ("not configured by ICT
      // yet"), so wait for the refusal itself: a slow managed-storage read on a busy machine.
      await expect.poll(async () => (await workerStatus(driver)).lastError ?? '', { timeout: 30_000 }).toMatch(/policyUrl/);
      expect((await workerStatus(driver)).lastErrorCode).toBe('config');
      const tab = await driver.newTab();
      await tab.go(h.server.url('www.pornhub.com', '/'));
      await tab.waitForHref((u) => u.includes('/extension/pages/blocked/'));
      expect(h.server.requestsTo('pornhub.com')).toEqual([]);

      // The options page says which setting was refused and why, which were taken, and which are unknown.
      const options = await driver.openExtensionTab('options');
      await expect.poll(() => options.text('[data-testid=managed-fields]').catch(() => ''), { timeout: 10_000 }).toContain('policyUrl');
      const rows = await options.evaluate(() => Array.from(document.querySelectorAll('[data-testid=managed-fields] tbody tr'))
        .map((tr) => `${tr.getAttribute('data-state')} ${tr.textContent}`));
      expect(rows.find((r) => r.includes('policyUrl'))).toMatch(/^invalid .*Refused: must be an https URL.*No policy can be fetched/);
      expect(rows.find((r) => r.includes('trustedKeys'))).toMatch(/^valid /);
      expect(rows.find((r) => r.includes('refreshMinutes'))).toMatch(/^invalid .*Refused, so it is ignored/);
      expect(rows.find((r) => r.includes('colour'))).toMatch(/^unknown .*Not a setting AUP Guard knows/);
      await options.screenshot(join(ROOT, 'test-results/screenshots/options-managed-invalid-firefox.png'));
    } finally {
      await driver.close();
      home.remove();
    }
  });
});
