import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';

/*
 * The guard's snapshot is what its listeners decide with (extension/background/guard.ts). Two
 * reads can overlap — the policy a start was reading, then a new bundle's after a sync — and
 * reading the whole matchers takes longer for some policies than others. Whichever finishes
 * last, the snapshot must be the newer read's, or the guard would go on deciding with the old
 * lists until the next refresh.
 */

const pending: Array<(serial: number) => void> = [];

vi.mock('virtual:aup-embedded', async () => {
  const { compilePolicy } = await import('../../src/policy/compile-policy.ts');
  const { SOURCE } = await import('../fixtures/policy.ts');
  const c = compilePolicy(SOURCE);
  if (!c.ok) throw new Error('fixture');
  return { default: { policy: c.policy, lists: {}, defaults: { policyUrl: 'https://policy.council.test/manifest.json', trustedKeys: [`${'A'.repeat(43)}=`], refreshMinutes: 60 } } };
});
vi.mock('../../extension/background/active-policy.ts', async () => {
  const { buildMatcher, indexPolicy } = await import('../../src/decide/policy-index.ts');
  const { policy } = (await import('virtual:aup-embedded')).default as { policy: import('../../src/policy/compiled-schema.ts').CompiledPolicy };
  const active = (serial: number) => ({
    source: 'bundle', policy, manifest: { serial }, index: indexPolicy(policy, buildMatcher(policy, {})), listVersions: {}, listCounts: {}, hostsOf: async () => [],
  });
  return {
    // Each read's whole policy arrives when the test says, with the serial it is given.
    activePolicy: () => new Promise((resolve) => pending.push((serial) => resolve(active(serial)))),
    earlyPolicy: async () => active(0),
    policyOutline: async () => active(0),
  };
});

const { refreshGuard, latestContext } = await import('../../extension/background/guard.ts');

beforeEach(async () => {
  vi.spyOn(fakeBrowser.management, 'getSelf').mockResolvedValue({ installType: 'admin' } as never);
  await fakeBrowser.storage.local.set({ 'aup.localConfig': { version: 2, config: { policyUrl: 'https://policy.council.test/manifest.json', trustedKeys: [`${'A'.repeat(43)}=`], group: 'office', refreshMinutes: 60 } } });
});

const settled = () => new Promise((r) => setTimeout(r, 20));
const serialOf = async () => (await latestContext()).active.manifest?.serial;

describe('the guard snapshot when two reads overlap', () => {
  it('keeps the newer read when the older one finishes last', async () => {
    const older = refreshGuard();
    const newer = refreshGuard();
    await settled();
    expect(pending).toHaveLength(2);
    pending[1]?.(2);
    await newer;
    expect(await serialOf()).toBe(2);
    pending[0]?.(1);
    await older;
    await settled();
    expect(await serialOf()).toBe(2);
  });
});
