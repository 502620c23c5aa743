import { expect, it } from 'vitest';
import { join } from 'node:path';
import type { Driver, Tab } from './driver.ts';
import { writeBundle } from './bundles.ts';
import { isPage, waitForSerial, workerStatus, type Harness } from './harness.ts';

/**
 * Hosts written as IP literals (part of the enforcement suite, run in both browsers): a listed
 * IPv6 address, and a listed IPv4 address reached through the IPv6 forms that embed it.
 */
export function addressLiteralTests(session: () => { h: Harness; driver: Driver; tab: Tab }) {
  it('blocks a listed IPv6 literal for pages and subresources, 0 requests (requestDomains "[::1]")', async () => {
    const { h, driver, tab } = session();
    // The rig maps every host to the test server, [::1] included: the control shows it is reached.
    const v6 = (path: string) => `http://[::1]:${h.server.port}${path}`;
    await tab.go(v6('/control'));
    expect(h.server.requestsTo('[::1]').map((r) => r.path)).toContain('/control');
    const next = join(h.bundles, 'good-14-ipv6');
    await writeBundle(h.rulesDir, next, { serial: 14, lists: { dating: ['::1'] } });
    h.policy.serve(next);
    await workerStatus(driver, true);
    await waitForSerial(driver, 14);
    const seen = h.server.requestsTo('[::1]').length;
    await tab.go(v6('/page'));
    expect(await tab.waitForHref(isPage('blocked'))).toContain('?c=dating');
    await tab.go(h.server.url('allowed-page.example.test', '/sends-to-ipv6'));
    await tab.waitForHref((u) => u.startsWith('http://allowed-page.example.test'));
    await tab.evaluate(new Function(`
      fetch(${JSON.stringify(v6('/fetched'))}, { mode: 'no-cors' }).catch(() => {});
      navigator.sendBeacon(${JSON.stringify(v6('/beacon'))}, 'x');
      const img = new Image(); img.src = ${JSON.stringify(v6('/pixel.png'))};
    `) as () => void);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(h.server.requestsTo('[::1]').slice(seen)).toEqual([]);
  });

  it('blocks a listed IPv4 address reached through its IPv4-mapped and NAT64 IPv6 forms, for pages and subresources, 0 requests', async () => {
    const { h, driver, tab } = session();
    const at = (host: string, path: string) => `http://${host}:${h.server.port}${path}`;
    // Control: an unlisted address in the same forms is reached (the rig maps every host to the test server).
    await tab.go(at('[::ffff:203.0.113.8]', '/control'));
    expect(h.server.requests.some((r) => r.path === '/control' && r.host.includes('cb00:7108'))).toBe(true);
    const next = join(h.bundles, 'good-15-ipv4-in-ipv6');
    await writeBundle(h.rulesDir, next, { serial: 15, lists: { dating: ['203.0.113.7'] } });
    h.policy.serve(next);
    await workerStatus(driver, true);
    await waitForSerial(driver, 15);
    const before = h.server.requests.length;
    for (const form of ['[::ffff:203.0.113.7]', '[64:ff9b::203.0.113.7]']) {
      await tab.go(at(form, '/page'));
      expect(await tab.waitForHref(isPage('blocked')), form).toContain('?c=dating');
    }
    await tab.go(h.server.url('allowed-page.example.test', '/sends-to-mapped'));
    await tab.waitForHref((u) => u.startsWith('http://allowed-page.example.test'));
    const sentBefore = h.server.requests.length;
    await tab.evaluate(new Function(`
      for (const host of ['[::ffff:203.0.113.7]', '[64:ff9b::203.0.113.7]']) {
        const url = 'http://' + host + ':${h.server.port}';
        fetch(url + '/fetched', { mode: 'no-cors' }).catch(() => {});
        navigator.sendBeacon(url + '/beacon', 'x');
        const img = new Image(); img.src = url + '/pixel.png';
      }
    `) as () => void);
    await new Promise((r) => setTimeout(r, 1_500));
    const reached = h.server.requests.slice(before).filter((r) => r.host.includes('cb00:7107'));
    expect(reached, `requests after ${sentBefore - before} allowed-page loads`).toEqual([]);
  });
}
