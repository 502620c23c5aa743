import { describe, expect, it } from 'vitest';
import { firefoxDriver } from './support/driver.ts';
import { useEnforcingBrowser, workerStatus } from './support/harness.ts';

/*
 * Firefox lets a user withdraw an MV3 extension's access to sites. A DNR redirect then no longer
 * applies (measured: the navigation reached the blocked host), so the rules switch to blocking
 * outright and the tab is sent to the block or warn page after the blocked navigation fails.
 * Its own browser: access withdrawn by script cannot be given back without a user's gesture.
 */
describe('Firefox ESR with the extension\'s access to sites withdrawn', () => {
  const session = useEnforcingBrowser((h) => firefoxDriver({}, h.server.url('start.example.test', '/')));

  it('still blocks navigations and every other request to blocked hosts, and still shows the block and warn pages', async () => {
    const { h, driver } = session();
    const before = (await workerStatus(driver)).enforcedAt;
    const access = await driver.inExtension(async () => {
      const b = (globalThis as unknown as { browser: { permissions: { remove(p: object): Promise<boolean>; contains(p: object): Promise<boolean> } } }).browser;
      await b.permissions.remove({ origins: ['<all_urls>'] });
      return b.permissions.contains({ origins: ['<all_urls>'] });
    }, null);
    expect(access).toBe(false);
    // The worker hears of it and applies rules that need no access.
    await expect.poll(async () => (await workerStatus(driver)).enforcedAt !== before, { timeout: 15_000 }).toBe(true);

    const tab = await driver.newTab();
    await tab.go(h.server.url('www.bet365.com', '/no-access'));
    await tab.waitForHref((u) => u.includes('/extension/pages/blocked/index.html?c=gambling'));
    await tab.go(h.server.url('www.netflix.com', '/no-access'));
    await tab.waitForHref((u) => u.includes('/extension/pages/warn/index.html?c=streaming'));
    await tab.go(h.server.url('allowed-page.example.test', '/'));
    await tab.waitForHref((u) => u.startsWith('http://allowed-page.example.test'));
    const base = h.server.url('www.bet365.com', '');
    await tab.evaluate(new Function(`
      const img = new Image(); img.src = ${JSON.stringify(base + '/pixel.png')};
      navigator.sendBeacon(${JSON.stringify(base + '/beacon')}, 'x');
      fetch(${JSON.stringify(base + '/fetch')}, { mode: 'no-cors' }).catch(() => {});
    `) as () => void);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(h.server.requestsTo('bet365.com')).toEqual([]);
    expect(h.server.requestsTo('netflix.com')).toEqual([]);
    expect(h.server.requestsTo('allowed-page.example.test').length).toBeGreaterThan(0);

    // The popup says so, for ICT.
    // (A tab of its own, opened the way Firefox allows, which fails loudly if the popup never loads.)
    const popup = await driver.openExtensionTab('popup');
    await expect.poll(() => popup.text('[data-testid=status-warnings]').catch(() => ''), { timeout: 10_000 }).toMatch(/access to websites has been turned off/);
    await popup.close();
  });
});
