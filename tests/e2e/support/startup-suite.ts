import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Driver } from './driver.ts';
import { DEV_PUBLIC_KEY, E2E_GROUP, writeBundle } from './bundles.ts';
import { setLocalConfig, useHarness, waitForEnforcement, waitForSerial, type Harness } from './enforcement-suite.ts';
import { tempDir } from './paths.ts';
import { syntheticHosts } from './synthetic-hosts.ts';

export type Launcher = {
  /** Prepare a new profile folder so the extension is installed as ICT installs it. */
  prepare(profileDir: string, h: Harness): Promise<void>;
  launch(profileDir: string, h: Harness, startUrls: string[]): Promise<Driver>;
  /** Open tabs' URLs (to see where the start-up tab ended). */
  tabUrls(driver: Driver): Promise<string[]>;
};

export const RESTARTS = Number(process.env.AUP_RESTARTS ?? 10);
export const BIG_BUNDLE_HOSTS = Number(process.env.AUP_BIG_BUNDLE_HOSTS ?? 1_000_000);

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** Start-up scenarios of the Enforcement issue: baseline on a fresh profile, and the restart loop. */
export function startupSuite(name: string, launcher: Launcher, options: { restartLoop: boolean }) {
  describe(`${name}: protection at browser start`, () => {
    const harness = useHarness();

    it('on a fresh profile with the bundle server down, the built-in baseline blocks', async () => {
      const h = harness();
      const profile = tempDir('fresh');
      try {
        h.policy.down();
        await launcher.prepare(profile.path, h);
        const driver = await launcher.launch(profile.path, h, []);
        try {
          // Must-block categories hold from the first moment (static rules, no worker needed).
          const tab = await driver.newTab();
          await tab.go(h.server.url('www.pornhub.com', '/fresh'));
          expect(await tab.waitForHref((u) => u.includes('/extension/pages/blocked/'))).toContain('c=pornography');
          // The rest of the built-in policy once the worker has enforced it, bundle server down.
          await setLocalConfig(driver, { policyUrl: h.policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: E2E_GROUP });
          expect((await waitForEnforcement(driver)).policy).toBeNull();
          await tab.go(h.server.url('www.bet365.com', '/fresh'));
          expect(await tab.waitForHref((u) => u.includes('/extension/pages/blocked/'))).toContain('c=gambling');
          // The must-block categories now reach the block page through the worker's rules, which
          // carry the address (the static ones, one step below, cannot), so it can be reported.
          await tab.go(h.server.url('www.pornhub.com', '/with-address'));
          expect(await tab.waitForHref((u) => u.includes('/extension/pages/blocked/') && u.includes('/with-address'))).not.toContain('baseline=1');
          expect(h.server.requestsTo('pornhub.com'), JSON.stringify(h.server.requestsTo('pornhub.com'))).toEqual([]);
          expect(h.server.requestsTo('bet365.com'), JSON.stringify(h.server.requestsTo('bet365.com'))).toEqual([]);
        } finally {
          await driver.close();
        }
      } finally {
        h.policy.serve(join(h.bundles, 'good-10'));
        profile.remove();
      }
    });

    // Only where the start-up guard applies (see each browser's file): not defined at all elsewhere.
    if (options.restartLoop) it(`restart loop: ${RESTARTS} restarts with a ${BIG_BUNDLE_HOSTS}-host bundle and a blocked start-up URL, 0 requests reach it`, async () => {
      const h = harness();
      const big = join(h.bundles, 'big-20');
      const hosts = syntheticHosts(BIG_BUNDLE_HOSTS, 7);
      await writeBundle(h.rulesDir, big, { serial: 20, lists: { malware: hosts } });
      h.policy.serve(big);
      const profile = tempDir('restarts');
      try {
        await launcher.prepare(profile.path, h);
        const first = await launcher.launch(profile.path, h, []);
        await setLocalConfig(first, { policyUrl: h.policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: E2E_GROUP });
        const syncStarted = Date.now();
        const enforced = await waitForSerial(first, 20, 240_000);
        console.log(`${name}: ${BIG_BUNDLE_HOSTS} hosts fetched, verified and enforced in ${Date.now() - syncStarted} ms (worker: ${JSON.stringify(enforced.enforcedAt)})`);
        // The million-host rule is in force: a host from the middle of the list is blocked.
        const probe = hosts[Math.floor(hosts.length / 2)]!;
        const tab = await first.newTab();
        await tab.go(h.server.url(probe, '/'));
        expect(await tab.waitForHref((u) => u.includes('/extension/pages/blocked/'), 20_000)).toContain('c=malware');
        expect(h.server.requestsTo(probe)).toEqual([]);
        // Its subresources too (in Firefox the long list has no DNR rule: the request listener
        // cancels them): an allowed page fetches and loads an image from another listed host.
        const listed = hosts[Math.floor(hosts.length / 3)]!;
        await tab.go(h.server.url('allowed.example.test', `/page?target=${encodeURIComponent(h.server.url(listed, '/sub'))}`));
        await tab.evaluate(() => {
          const target = new URL(location.href).searchParams.get('target')!;
          new Image().src = `${target}-img`;
          return fetch(`${target}-fetch`).then(() => 'fetched', () => 'refused');
        });
        await new Promise((r) => setTimeout(r, 1_000));
        expect(h.server.requestsTo(listed), JSON.stringify(h.server.requestsTo(listed))).toEqual([]);
        await first.close();

        const outcomes: string[] = [];
        for (let i = 0; i < RESTARTS; i++) {
          // Half the restarts with the bundle server down: last-known-good must still hold.
          if (i % 2 === 1) h.policy.down();
          else h.policy.serve(big);
          // Every other start-up URL is over 9,000 characters: the guard decides by host, whatever the length.
          const url = h.server.url('www.bet365.com', `/restart-${i}${i % 2 === 0 ? `?long=${'x'.repeat(9_000)}` : ''}`);
          const launched = Date.now();
          const driver = await launcher.launch(profile.path, h, [url]);
          try {
            const blocked = await until(async () => (await launcher.tabUrls(driver)).some((u) => u.includes('/extension/pages/blocked/') && u.includes(`restart-${i}`)), 30_000);
            outcomes.push(`${i}:${blocked ? 'blocked' : 'NOT BLOCKED'}`);
            console.log(`${name}: restart ${i} (${i % 2 === 1 ? 'bundle server down' : 'bundle server up'}): ${blocked ? 'blocked' : 'NOT BLOCKED'} ${Date.now() - launched} ms after launch`);
          } finally {
            await driver.close();
          }
        }
        expect(h.server.requestsTo('bet365.com')).toEqual([]);
        expect(outcomes.filter((o) => !o.endsWith(':blocked'))).toEqual([]);
      } finally {
        h.policy.serve(join(h.bundles, 'good-10'));
        profile.remove();
      }
    }, 600_000);
  });
}
