import { describe, expect, it } from 'vitest';
import { firefoxDriver } from './support/driver.ts';
import { enforcementSuite, useEnforcingBrowser } from './support/enforcement-suite.ts';
import { workerStatus } from './support/harness.ts';
import { POLICY_HOST } from './support/policy-server.ts';

enforcementSuite('Firefox ESR', (h) => firefoxDriver({}, h.server.url('start.example.test')));

/** Firefox suspends an idle event page after this (default 30 s); short here, so the test can wake it often. */
const IDLE_MS = 1_000;

describe('Firefox ESR: waking the background asks the policy server nothing (checks follow the schedule)', () => {
  const session = useEnforcingBrowser((h) => firefoxDriver({ prefs: { 'extensions.background.idle.timeout': IDLE_MS } }, h.server.url('start.example.test')));

  it('after idle spells, the options page and messages wake it without a manifest request; "check now" makes one', async () => {
    const { h, driver } = session();
    const manifests = () => h.server.requestsTo(POLICY_HOST).filter((r) => r.path.endsWith('/manifest.json')).length;
    // Settle first (as in the Chromium test): an install check queued behind the settings' check may still ask once.
    let last = -1;
    await expect.poll(() => {
      const now = manifests();
      const quiet = now === last;
      last = now;
      return quiet;
    }, { timeout: 30_000, interval: 3_000 }).toBe(true);
    // A check still queued after that quiet spell runs before this one (checks run one at a time);
    // asked again if BiDi loses the answer (see readStatus): before counting, so an extra check is harmless.
    await workerStatus(driver, true).catch(() => workerStatus(driver, true));
    const before = manifests();
    // A read of the status only (no side effects), tried again once if Firefox's WebDriver BiDi
    // fails to return the value (seen in CI: "script.callFunction: right-hand side of 'in' should
    // be an object, got null", as the event page was being suspended around the call).
    const readStatus = () => workerStatus(driver).catch((error: Error) => {
      if (!/Protocol error \(script\.callFunction\)/.test(error.message)) throw error;
      return new Promise((r) => setTimeout(r, 500)).then(() => workerStatus(driver));
    });
    let started = (await readStatus()).workerStartedAt ?? '';
    const starts = new Set([started]);
    for (let wake = 0; wake < 3; wake++) {
      // Idle well past the timeout: Firefox suspends the event page (the status below shows it started again).
      await new Promise((r) => setTimeout(r, IDLE_MS * 4));
      const tab = await driver.openExtensionTab('options');
      await expect.poll(() => tab.text('h1').catch(() => ''), { timeout: 10_000 }).not.toBe('');
      started = (await readStatus()).workerStartedAt ?? '';
      starts.add(started);
      await new Promise((r) => setTimeout(r, 3_000));
      await tab.close();
    }
    // The event page really was suspended and started again (else this test would prove nothing).
    expect(starts.size, 'background starts seen').toBeGreaterThanOrEqual(3);
    expect(manifests() - before, 'manifest requests from the wakes').toBe(0);
    expect((await readStatus()).enforcedSerial).toBe(10);
    await workerStatus(driver, true);
    expect(manifests() - before, 'a person asked').toBe(1);
  }, 120_000);
});
