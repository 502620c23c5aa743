import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HostMatcher } from '../match/matcher.ts';
import { BucketsNotRead, PagedHostMatcher } from '../match/paged-matcher.ts';
import { ChunkedMatcher } from './chunked-matcher.ts';

const lists = [
  ['bet.test', 'casino.example'],
  ['social.test', 'example'],
  ['casino.example', 'deep.social.test'],
];

function combined() {
  return HostMatcher.build(lists.flatMap((hosts, category) => hosts.map((host) => ({ host, category }))));
}

function chunked() {
  return new ChunkedMatcher(lists.map((hosts, category) => ({ category, matcher: HostMatcher.build(hosts.map((host) => ({ host, category: 0 }))) })));
}

const key = (ms: Array<{ suffix: string; category: number }>) => ms.map((m) => `${m.suffix}#${m.category}`).sort();

describe('ChunkedMatcher', () => {
  it('finds what one combined matcher finds, with the policy category of each chunk', () => {
    for (const host of ['www.bet.test', 'casino.example', 'a.deep.social.test', 'nothing.test', 'example', 'x.example']) {
      expect(key(chunked().matches(host)), host).toEqual(key(combined().matches(host)));
    }
    expect(chunked().matches('a.deep.social.test')[0]).toEqual({ suffix: 'deep.social.test', category: 2 });
  });

  it('looks a deep host up in many lists at once (more probes than its first scratch space holds)', () => {
    const deep = (labels: number) => Array.from({ length: labels }, (_, i) => `l${labels - 1 - i}`).join('.'); // …l1.l0
    const many = Array.from({ length: 40 }, (_, c) => [deep((c % 14) + 1), `x${c}.${deep(5)}`]);
    const all = HostMatcher.build(many.flatMap((hosts, category) => hosts.map((host) => ({ host, category }))));
    const parts = new ChunkedMatcher(many.map((hosts, category) => ({ category, matcher: HostMatcher.build(hosts.map((host) => ({ host, category: 0 }))) })));
    for (const host of [`www.${deep(14)}`, deep(3), `x7.${deep(5)}`, 'nothing.test']) expect(key(parts.matches(host)), host).toEqual(key(all.matches(host)));
    expect(parts.matches(`www.${deep(14)}`)).toHaveLength(40);
    expect(parts.matches(`www.${deep(14)}`)[0]).toEqual({ suffix: deep(14), category: 13 });
  });

  it('agrees with the combined matcher on random hosts (property)', () => {
    const label = fc.stringMatching(/^[a-z]{1,4}$/);
    const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.'));
    fc.assert(
      fc.property(fc.array(fc.array(host, { maxLength: 6 }), { minLength: 1, maxLength: 4 }), host, (ls, probe) => {
        const all = HostMatcher.build(ls.flatMap((hosts, category) => hosts.map((h) => ({ host: h, category }))));
        const parts = new ChunkedMatcher(ls.map((hosts, category) => ({ category, matcher: HostMatcher.build(hosts.map((h) => ({ host: h, category: 0 }))) })));
        expect(key(parts.matches(probe))).toEqual(key(all.matches(probe)));
      }),
      { numRuns: 300 },
    );
  });

  it('answers from parts still being read once the host is prepared, and from their whole tables after', async () => {
    const hosts = ['www.bet.test', 'casino.example', 'a.deep.social.test', 'nothing.test', 'example', 'x.example'];
    const paged = async (list: string[]) => {
      const bytes = HostMatcher.build(list.map((host) => ({ host, category: 0 }))).toBinary();
      // A first read of the header alone, so that even these small tables are paged.
      return PagedHostMatcher.open(bytes.byteLength, async (start, end) => bytes.slice(start, end), 20);
    };
    const first = await paged(lists[0] as string[]);
    const third = await paged(lists[2] as string[]);
    const mixed = new ChunkedMatcher([
      { category: 0, matcher: first },
      { category: 1, matcher: HostMatcher.build((lists[1] as string[]).map((host) => ({ host, category: 0 }))) },
      { category: 2, matcher: third },
    ]);
    expect(() => mixed.matches('casino.example')).toThrow(BucketsNotRead);
    for (const host of hosts) {
      await mixed.prepare(host);
      expect(key(mixed.matches(host)), host).toEqual(key(combined().matches(host)));
    }
    await first.loadAll();
    await third.loadAll();
    expect(mixed.prepare('new.casino.example')).toBeNull();
    expect(key(mixed.matches('new.casino.example'))).toEqual(key(combined().matches('new.casino.example')));
    expect(new ChunkedMatcher(lists.map((l, category) => ({ category, matcher: HostMatcher.build(l.map((host) => ({ host, category: 0 }))) }))).prepare('x.example')).toBeNull();
  });
});
