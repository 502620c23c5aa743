import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HostMatcher } from './matcher.ts';
import { FORMAT_VERSION } from './matcher-format.ts';
import { hostSuffixes } from './host.ts';

const entry = (host: string, category: number) => ({ host, category });

describe('HostMatcher lookups', () => {
  const matcher = HostMatcher.build([
    entry('example.com', 1),
    entry('a.example.org', 2),
    entry('shop.example.com', 3),
    entry('shop.example.com', 5),
    entry('10.1.2.3', 4),
    entry('2001:db8::1', 6),
    entry('localhost', 7),
  ]);

  it('matches the exact host and every subdomain', () => {
    expect(matcher.categoriesOf('example.com')).toEqual([1]);
    expect(matcher.categoriesOf('www.example.com')).toEqual([1]);
    expect(matcher.categoriesOf('x.y.z.example.com')).toEqual([1]);
  });

  it('does not match a parent of a listed subdomain', () => {
    expect(matcher.categoriesOf('a.example.org')).toEqual([2]);
    expect(matcher.categoriesOf('b.a.example.org')).toEqual([2]);
    expect(matcher.categoriesOf('example.org')).toEqual([]);
    expect(matcher.categoriesOf('b.example.org')).toEqual([]);
  });

  it('matches only at label boundaries', () => {
    expect(matcher.categoriesOf('badexample.com')).toEqual([]);
    expect(matcher.categoriesOf('example.com.evil.test')).toEqual([]);
    expect(matcher.categoriesOf('com')).toEqual([]);
  });

  it('collects every category, sorted and unique', () => {
    expect(matcher.categoriesOf('shop.example.com')).toEqual([1, 3, 5]);
    expect(matcher.categoriesOf('cart.shop.example.com')).toEqual([1, 3, 5]);
  });

  it('matches IP literals whole, never by a partial address', () => {
    expect(matcher.categoriesOf('10.1.2.3')).toEqual([4]);
    expect(matcher.categoriesOf('11.10.1.2.3')).toEqual([]);
    expect(matcher.categoriesOf('10.1.2.4')).toEqual([]);
    expect(matcher.categoriesOf('2001:db8::1')).toEqual([6]);
    expect(matcher.categoriesOf('2001:db8::2')).toEqual([]);
  });

  it('matches single-label hosts', () => {
    expect(matcher.categoriesOf('localhost')).toEqual([7]);
    expect(matcher.categoriesOf('a.localhost')).toEqual([7]);
  });

  it('gives answers that later lookups leave alone, and that cannot be changed', () => {
    const none = matcher.categoriesOf('example.net');
    const one = matcher.categoriesOf('www.example.com');
    const several = matcher.categoriesOf('shop.example.com');
    matcher.categoriesOf('a.example.org');
    matcher.categoriesOf('cart.shop.example.com');
    expect([none, one, several]).toEqual([[], [1], [1, 3, 5]]);
    // Shared answers (none, one category) are frozen: a caller cannot change them for everyone.
    expect(() => (none as number[]).push(9)).toThrow(TypeError);
    expect(() => ((one as number[])[0] = 9)).toThrow(TypeError);
    expect(matcher.categoriesOf('example.com')).toEqual([1]);
  });

  it('explains which suffix matched, most specific first', () => {
    expect(matcher.matches('cart.shop.example.com')).toEqual([
      { suffix: 'shop.example.com', category: 3 },
      { suffix: 'shop.example.com', category: 5 },
      { suffix: 'example.com', category: 1 },
    ]);
    expect(matcher.matches('example.net')).toEqual([]);
  });

  it('probes only the depths listed, yet finds a listed top-level domain and hosts 32 labels deep or more', () => {
    const deep = (labels: number) => Array.from({ length: labels }, (_, i) => `l${labels - 1 - i}`).join('.'); // …l2.l1.l0
    const tld = HostMatcher.build([entry('com', 1), entry('example.org', 2)]);
    expect(tld.categoriesOf('www.example.com')).toEqual([1]);
    expect(tld.matches('www.example.com')).toEqual([{ suffix: 'com', category: 1 }]);
    expect(tld.categoriesOf('www.example.org')).toEqual([2]);
    expect(tld.categoriesOf('org')).toEqual([]);
    // An IPv4 literal is hashed whole and gives no depth, yet is always found.
    expect(HostMatcher.build([entry('10.1.2.3', 5), entry('example.org', 2)]).categoriesOf('10.1.2.3')).toEqual([5]);
    const deepOnes = HostMatcher.build([entry(deep(33), 3), entry(deep(40), 4), entry('example.org', 2)]);
    expect(deepOnes.categoriesOf(`www.${deep(33)}`)).toEqual([3]);
    expect(deepOnes.categoriesOf(`a.b.${deep(40)}`)).toEqual([3, 4]);
    expect(deepOnes.categoriesOf(deep(32))).toEqual([]);
    expect(deepOnes.categoriesOf('www.example.org')).toEqual([2]);
  });

  it('finds every entry wherever a lookup starts in its bucket (categoriesOf, matches, matchesInEach): the lowest and highest fingerprints, and one host in many categories', () => {
    // A few hundred hosts in a handful of buckets, and one host in 40 categories (40 equal
    // fingerprints side by side: a lookup that starts among them must step back to the first).
    const hosts = Array.from({ length: 300 }, (_, i) => `site${i}.example`);
    const crowded = HostMatcher.build([...hosts.map((host, i) => entry(host, i % 7)), ...Array.from({ length: 40 }, (_, c) => entry('many.example', c + 10))]);
    for (const [i, host] of hosts.entries()) {
      expect(crowded.categoriesOf(host)).toEqual([i % 7]);
      expect(crowded.categoriesOf(`www.${host}`)).toEqual([i % 7]);
      expect(HostMatcher.matchesInEach([{ category: 3, matcher: crowded }], `www.${host}`)).toEqual([{ suffix: host, category: 3 }]);
      expect(crowded.matches(`www.${host}`)).toEqual([{ suffix: host, category: i % 7 }]);
    }
    const forty = Array.from({ length: 40 }, (_, c) => c + 10);
    expect(crowded.categoriesOf('many.example')).toEqual(forty);
    expect(crowded.categoriesOf('a.many.example')).toEqual(forty);
    expect(HostMatcher.matchesInEach([{ category: 0, matcher: crowded }], 'many.example')).toHaveLength(40);
    expect(crowded.matches('a.many.example')).toEqual(forty.map((category) => ({ suffix: 'many.example', category })));
    for (let i = 0; i < 300; i++) expect(crowded.categoriesOf(`other${i}.example`)).toEqual([]);
  });

  it('counts entries and resident bytes', () => {
    expect(matcher.size).toBe(7);
    // 7 entries fit in 2 buckets (k = 1, up to 64 a bucket): 3 offsets, 7 fingerprints, 7 categories.
    expect(matcher.byteLength).toBe(4 * 3 + 4 * 7 + 7);
  });

  it('works with no entries', () => {
    const empty = HostMatcher.build([]);
    expect(empty.size).toBe(0);
    expect(empty.categoriesOf('example.com')).toEqual([]);
    expect(HostMatcher.fromBinary(empty.toBinary()).categoriesOf('example.com')).toEqual([]);
  });

  it('finds listed suffixes of an over-long (unnormalised) host', () => {
    const long = `${'a'.repeat(60)}.`.repeat(5) + 'www.example.com';
    expect(long.length).toBeGreaterThan(253);
    expect(matcher.categoriesOf(long)).toEqual([1]);
    expect(matcher.matches(long)).toEqual([{ suffix: 'example.com', category: 1 }]);
    expect(matcher.categoriesOf('b'.repeat(300))).toEqual([]);
  });

  it('refuses bad entries', () => {
    expect(() => HostMatcher.build([entry('', 1)])).toThrow(/empty host/);
    expect(() => HostMatcher.build([entry(`${'a'.repeat(250)}.com`, 1)])).toThrow(/longer than 253/);
    expect(() => HostMatcher.build([entry('a.test', 255)])).toThrow(/categories are integers 0..254/);
    expect(() => HostMatcher.build([entry('a.test', -1)])).toThrow(/categories are integers/);
    expect(() => HostMatcher.build([entry('a.test', 1.5)])).toThrow(/categories are integers/);
  });
});

describe('HostMatcher binary form', () => {
  const hosts = Array.from({ length: 500 }, (_, i) => entry(`host${i}.example${i % 7}.test`, i % 11));
  const matcher = HostMatcher.build(hosts);

  it('round-trips', () => {
    const loaded = HostMatcher.fromBinary(matcher.toBinary());
    expect(loaded.size).toBe(matcher.size);
    expect(loaded.byteLength).toBe(matcher.byteLength);
    for (const { host, category } of hosts) expect(loaded.categoriesOf(`www.${host}`)).toEqual([category]);
    expect(loaded.categoriesOf('host1.example2.test')).toEqual([]);
    expect(loaded.toBinary()).toEqual(matcher.toBinary());
  });

  it('loads from an unaligned view', () => {
    const bytes = matcher.toBinary();
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const loaded = HostMatcher.fromBinary(shifted.subarray(1));
    expect(loaded.categoriesOf('host42.example0.test')).toEqual([42 % 11]);
  });

  it('starts with the AUPM header', () => {
    const bytes = matcher.toBinary();
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('AUPM');
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(4, true)).toBe(FORMAT_VERSION);
    expect(view.getUint32(12, true)).toBe(500);
    expect(view.getUint32(16, true)).toBe(0b100); // every entry has three labels
    expect(bytes.length % 4).toBe(0);
  });

  it('gives the same bytes for the same entries in any order, duplicates or not', () => {
    const reference = matcher.toBinary();
    fc.assert(
      fc.property(fc.shuffledSubarray(hosts, { minLength: hosts.length }), fc.nat(20), (shuffled, repeats) => {
        const withDuplicates = [...shuffled, ...shuffled.slice(0, repeats)];
        expect(HostMatcher.build(withDuplicates).toBinary()).toEqual(reference);
      }),
      { numRuns: 20 },
    );
  });

  const corrupt = (edit: (bytes: Uint8Array, view: DataView) => Uint8Array | void) => {
    const bytes = matcher.toBinary();
    const edited = edit(bytes, new DataView(bytes.buffer)) ?? bytes;
    return () => HostMatcher.fromBinary(edited);
  };

  it('rejects truncated data', () => {
    expect(corrupt((b) => b.subarray(0, 10))).toThrow(/truncated/);
    expect(corrupt((b) => b.subarray(0, b.length - 4))).toThrow(/does not match its header/);
    expect(corrupt(() => new Uint8Array(0))).toThrow(/truncated/);
  });

  it('rejects the wrong magic and unknown versions', () => {
    expect(corrupt((b) => void (b[0] = 0x58))).toThrow(/wrong magic/);
    expect(corrupt((_, v) => v.setUint32(4, FORMAT_VERSION + 1, true))).toThrow(/is not supported/);
  });

  it('rejects tables of earlier formats, whose hashes no longer match (stored ones are rebuilt from their chunk)', () => {
    expect(FORMAT_VERSION).toBe(3);
    expect(corrupt((_, v) => v.setUint32(4, 2, true))).toThrow(/version 2 is not supported \(this code reads version 3\)/);
  });

  it('rejects inconsistent lengths and offsets', () => {
    expect(corrupt((_, v) => v.setUint32(12, 501, true))).toThrow(/does not match its header/);
    expect(corrupt((_, v) => v.setUint32(8, 31, true))).toThrow(/k=31/);
    expect(corrupt((_, v) => v.setUint32(8, v.getUint32(8, true) + 1, true))).toThrow(/does not match its header/);
    expect(corrupt((_, v) => v.setUint32(20, 1, true))).toThrow(/first bucket offset/);
    expect(corrupt((_, v) => v.setUint32(24, 0xffffffff, true))).toThrow(/go backwards|offsets end/);
    expect(corrupt((b, v) => v.setUint32(20 + 4 * ((b.length - 20 - 4 * 500 - 500) / 4 - 1), 499, true))).toThrow(/offsets end at 499/);
  });
});

/** The obvious implementation the matcher must agree with. */
function reference(entries: Array<{ host: string; category: number }>) {
  const byHost = new Map<string, Set<number>>();
  for (const { host, category } of entries) byHost.set(host, (byHost.get(host) ?? new Set()).add(category));
  return (host: string): number[] => {
    const found = new Set<number>();
    for (const suffix of hostSuffixes(host)) for (const c of byHost.get(suffix) ?? []) found.add(c);
    return [...found].sort((a, b) => a - b);
  };
}

describe('HostMatcher against a Map + suffix walk', () => {
  // A small alphabet of labels so random queries often share suffixes with random entries.
  const label = fc.constantFrom('a', 'b', 'ab', 'www', 'example', 'com', 'co', 'uk', 'x-1', '0');
  const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
  // Deep hosts too: the depths mask gives every depth from 32 labels on one bit.
  const deepHost = fc.array(label, { minLength: 29, maxLength: 36 }).map((labels) => labels.join('.'));
  const ipv4 = fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3), fc.nat(3)).map((parts) => parts.join('.'));
  const anyHost = fc.oneof({ weight: 8, arbitrary: host }, { weight: 2, arbitrary: ipv4 }, { weight: 1, arbitrary: deepHost });

  it('gives the same categories for random lists and hosts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ host: anyHost, category: fc.nat(254) }), { maxLength: 60 }),
        fc.array(anyHost, { minLength: 1, maxLength: 30 }),
        (entries, queries) => {
          const expected = reference(entries);
          const built = HostMatcher.build(entries);
          const loaded = HostMatcher.fromBinary(built.toBinary());
          for (const query of queries) {
            expect(built.categoriesOf(query)).toEqual(expected(query));
            expect(loaded.categoriesOf(query)).toEqual(expected(query));
            const explained = loaded.matches(query);
            expect([...new Set(explained.map((m) => m.category))].sort((a, b) => a - b)).toEqual(expected(query));
            for (const { suffix } of explained) expect(hostSuffixes(query)).toContain(suffix);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
