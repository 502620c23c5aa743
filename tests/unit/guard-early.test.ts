import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import type { HostMatcher as WholeTable } from '../../src/match/matcher.ts';
import type { PagedHostMatcher as PagedTable } from '../../src/match/paged-matcher.ts';
import type { ChunkedMatcher as Chunked } from '../../src/decide/chunked-matcher.ts';

/*
 * Firefox, the first requests after the event page starts (extension/background/guard.ts,
 * `decideSoon`): they are answered while the long list's stored matcher is still paged, after
 * reading only the buckets each host needs — not after the whole table is read. Here the whole
 * policy never arrives until the test lets it, so an answer given before that can only have come
 * from the paged matcher.
 */

const read = { calls: 0 };
let releaseWhole: () => void = () => undefined;

vi.mock('virtual:aup-embedded', async () => {
  const { compilePolicy } = await import('../../src/policy/compile-policy.ts');
  const { SOURCE } = await import('../fixtures/policy.ts');
  const c = compilePolicy(SOURCE);
  if (!c.ok) throw new Error('fixture');
  return { default: { policy: c.policy, lists: {}, defaults: { policyUrl: 'https://policy.council.test/manifest.json', trustedKeys: [`${'A'.repeat(43)}=`], refreshMinutes: 60 } } };
});
vi.mock('../../extension/background/active-policy.ts', async () => {
  const { indexPolicy } = await import('../../src/decide/policy-index.ts');
  const { ChunkedMatcher } = await import('../../src/decide/chunked-matcher.ts');
  const { HostMatcher } = await import('../../src/match/matcher.ts');
  const { PagedHostMatcher } = await import('../../src/match/paged-matcher.ts');
  const { LISTS } = await import('../fixtures/policy.ts');
  const { policy } = (await import('virtual:aup-embedded')).default as { policy: import('../../src/policy/compiled-schema.ts').CompiledPolicy };
  const lists: Record<string, string[]> = { ...LISTS, gambling: [...LISTS.gambling, ...Array.from({ length: 20_000 }, (_, i) => `bet${i}.test`)] };
  const table = (id: string) => HostMatcher.build((lists[id] ?? []).map((host) => ({ host, category: 0 })));
  const bytes = table('gambling').toBinary();
  // The long list paged, as a start finds it: a first read of the header and offsets only.
  const paged = await PagedHostMatcher.open(bytes.byteLength, async (start, end) => (read.calls++, bytes.slice(start, end)), 4_096);
  const parts = (gambling: WholeTable | PagedTable) =>
    policy.categories.map((c, category) => ({ category, matcher: c.id === 'gambling' ? gambling : table(c.id) }));
  const active = (matcher: Chunked) => ({
    source: 'bundle', policy, manifest: { serial: 11 }, index: indexPolicy(policy, matcher),
    listVersions: {}, listCounts: Object.fromEntries(policy.categories.map((c) => [c.id, (lists[c.id] ?? []).length])), hostsOf: async (c: string) => lists[c] ?? [],
  });
  const early = active(new ChunkedMatcher(parts(paged)));
  const whole = new Promise((resolve) => (releaseWhole = () => resolve(active(new ChunkedMatcher(parts(table('gambling')))))));
  return { activePolicy: () => whole, earlyPolicy: async () => early, policyOutline: async () => early };
});

const { refreshGuard, decideSoon } = await import('../../extension/background/guard.ts');
const { blocksRequest } = await import('../../extension/background/request-guard.ts');

const WORK = Date.parse('2026-11-24T10:00:00Z');

beforeEach(async () => {
  // Firefox (platform/web-request.ts `guardMayWait`): only its listeners wait for an answer.
  Object.assign(fakeBrowser.runtime, { getBrowserInfo: async () => ({ name: 'Firefox', version: '153.8' }) });
  vi.spyOn(fakeBrowser.management, 'getSelf').mockResolvedValue({ installType: 'admin' } as never);
  await fakeBrowser.storage.local.set({ 'aup.localConfig': { version: 2, config: { policyUrl: 'https://policy.council.test/manifest.json', trustedKeys: [`${'A'.repeat(43)}=`], group: 'office', refreshMinutes: 60 } } });
});

describe('the guard before the whole matchers are read (Firefox, after a start)', () => {
  it('answers from the paged long list after reading the host\'s buckets, and from the whole snapshot once it is ready', async () => {
    vi.setSystemTime(WORK);
    let snapshotReady = false;
    refreshGuard().then(() => (snapshotReady = true), () => undefined);
    const opened = read.calls;
    const ask = (url: string) => decideSoon(url, (ctx) => blocksRequest(ctx, url, 7, 'image', WORK));

    expect(await ask('https://cdn.bet12345.test/pixel.png')).toBe(true);
    expect(await ask('https://allowed.test/pixel.png')).toBe(false);
    expect(await ask('https://notbet1.test/pixel.png')).toBe(false);
    // A list that is in memory already (chat: prohibited) needs no read at all.
    expect(await ask('https://im.test/x.js')).toBe(true);
    expect(snapshotReady).toBe(false);
    // A few buckets a host, read when asked for: not the 20,000-host table.
    expect(read.calls - opened).toBeGreaterThan(0);
    expect(read.calls - opened).toBeLessThanOrEqual(8);

    // Asked for something it did not prepare, the early context falls back to the whole snapshot.
    let decided = false;
    const unprepared = Promise.resolve(decideSoon('https://allowed.test/', (ctx) => blocksRequest(ctx, 'https://bet777.test/a.js', 7, 'script', WORK))).then((v) => ((decided = true), v));
    await new Promise((r) => setTimeout(r, 20));
    expect(decided).toBe(false);
    releaseWhole();
    expect(await unprepared).toBe(true);
    expect(snapshotReady).toBe(true);

    // With the snapshot, answers come at once (no promise), with no reads.
    const calls = read.calls;
    expect(decideSoon('https://bet999.test/', (ctx) => blocksRequest(ctx, 'https://bet999.test/', 7, 'image', WORK))).toBe(true);
    expect(read.calls).toBe(calls);
    vi.useRealTimers();
  });
});
