import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';

/*
 * Firefox enforces the long lists in the request listener (extension/background/request-guard.ts),
 * not with a DNR rule: `blocksRequest` is then all that stands between a page and a blocked host's
 * images, scripts and beacons. Decided here against the fixture policy with a 20,000-host list (the
 * size that goes to the listener), through the same context the worker builds from storage.
 */

vi.mock('virtual:aup-embedded', async () => {
  const { compilePolicy } = await import('../../src/policy/compile-policy.ts');
  const { LISTS, SOURCE } = await import('../fixtures/policy.ts');
  const c = compilePolicy(SOURCE);
  if (!c.ok) throw new Error('fixture');
  return {
    default: {
      policy: c.policy,
      lists: { ...LISTS, gambling: [...LISTS.gambling, ...Array.from({ length: 20_000 }, (_, i) => `bet${i}.test`)] },
      defaults: { policyUrl: 'https://policy.council.test/manifest.json', trustedKeys: [`${'A'.repeat(43)}=`], refreshMinutes: 60 },
    },
  };
});
vi.mock('../../extension/background/active-policy.ts', async () => {
  const { buildMatcher, indexPolicy } = await import('../../src/decide/policy-index.ts');
  const { policy, lists } = (await import('virtual:aup-embedded')).default as { policy: import('../../src/policy/compiled-schema.ts').CompiledPolicy; lists: Record<string, string[]> };
  const active = {
    source: 'bundle', policy, manifest: { serial: 11 }, index: indexPolicy(policy, buildMatcher(policy, lists)),
    listVersions: Object.fromEntries(policy.categories.map((c) => [c.id, `v-${(lists[c.id] ?? []).length}`])),
    listCounts: Object.fromEntries(policy.categories.map((c) => [c.id, (lists[c.id] ?? []).length])),
    hostsOf: async (c: string) => lists[c] ?? [],
  };
  return { activePolicy: async () => active, policyOutline: async () => active };
});

const { blocksRequest } = await import('../../extension/background/request-guard.ts');
const { currentContext } = await import('../../extension/background/context.ts');

// Tuesday 10:00 London (working time), 12:30 (the fixed break), Saturday 10:00 (personal time).
const WORK = Date.parse('2026-11-24T10:00:00Z');
const BREAK = Date.parse('2026-11-24T12:30:00Z');
const SATURDAY = Date.parse('2026-11-28T10:00:00Z');
const TAB = 7;

beforeEach(async () => {
  fakeBrowser.reset();
  // Installed by policy, as on a council device (the fake browser has no management API of its own).
  vi.spyOn(fakeBrowser.management, 'getSelf').mockResolvedValue({ installType: 'admin' } as never);
  await fakeBrowser.storage.local.set({ 'aup.localConfig': { version: 2, config: { policyUrl: 'https://policy.council.test/manifest.json', trustedKeys: [`${'A'.repeat(43)}=`], group: 'office', refreshMinutes: 60 } } });
});

describe('the request listener (Firefox, long lists out of DNR)', () => {
  it('cancels an image, a script and a beacon to a host on the long list, and to its subdomains', async () => {
    const ctx = await currentContext(WORK);
    expect(blocksRequest(ctx, 'https://bet19999.test/pixel.png', TAB, 'image', WORK)).toBe(true);
    expect(blocksRequest(ctx, 'https://cdn.bet42.test/app.js', TAB, 'script', WORK)).toBe(true);
    expect(blocksRequest(ctx, 'http://bet7.test:8080/collect', TAB, 'beacon', WORK)).toBe(true);
    expect(blocksRequest(ctx, 'wss://bet7.test/live', TAB, 'websocket', WORK)).toBe(true);
  });

  it('lets requests to hosts on no list through, and never touches a host that only looks alike', async () => {
    const ctx = await currentContext(WORK);
    expect(blocksRequest(ctx, 'https://allowed.test/pixel.png', TAB, 'image', WORK)).toBe(false);
    expect(blocksRequest(ctx, 'https://notbet1.test/pixel.png', TAB, 'image', WORK)).toBe(false);
    expect(blocksRequest(ctx, 'https://bet1.test.example/pixel.png', TAB, 'image', WORK)).toBe(false);
  });

  it('follows the time: personal-use hosts are cancelled at work and pass in the break and on Saturday; prohibited ones never pass', async () => {
    const ctx = await currentContext(WORK);
    expect(blocksRequest(ctx, 'https://social.test/feed.js', TAB, 'script', WORK)).toBe(true);
    expect(blocksRequest(ctx, 'https://social.test/feed.js', TAB, 'script', BREAK)).toBe(false);
    expect(blocksRequest(ctx, 'https://social.test/feed.js', TAB, 'script', SATURDAY)).toBe(false);
    expect(blocksRequest(ctx, 'https://bet3.test/feed.js', TAB, 'script', SATURDAY)).toBe(true);
  });

  it('fails closed on a web address it cannot read, and leaves the browser\'s own and the extension\'s addresses alone', async () => {
    const ctx = await currentContext(WORK);
    expect(blocksRequest(ctx, 'http://[not-a-host/x.png', TAB, 'image', WORK)).toBe(true);
    expect(blocksRequest(ctx, 'moz-extension://0a1b2c/blocked.html', TAB, 'image', WORK)).toBe(false);
    expect(blocksRequest(ctx, 'data:image/png;base64,iVBORw0KGgo=', TAB, 'image', WORK)).toBe(false);
  });
});
