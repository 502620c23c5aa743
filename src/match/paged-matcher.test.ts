import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HostMatcher } from './matcher.ts';
import { HEADER_BYTES } from './matcher-format.ts';
import { BucketsNotRead, PagedHostMatcher } from './paged-matcher.ts';

/** A stored table read by range, counting what was read. */
function stored(bytes: Uint8Array) {
  const reads: Array<[number, number]> = [];
  return {
    reads,
    read: async (start: number, end: number) => {
      reads.push([start, end]);
      return bytes.slice(start, end);
    },
    bytesRead: () => reads.reduce((sum, [s, e]) => sum + (Math.min(e, bytes.byteLength) - s), 0),
  };
}

const build = (hosts: readonly string[]) => HostMatcher.build(hosts.map((host) => ({ host, category: 0 })));
const suffixes = (m: HostMatcher, host: string) => m.matches(host).map((x) => x.suffix);

/** Below the test tables' size, so that they are paged (the default first read takes a table of up to ~50,000 entries whole). */
const SMALL_FIRST_READ = 16_384;

const MANY = Array.from({ length: 20_000 }, (_, i) => `site${i}.example${i % 50}.test`);

describe('PagedHostMatcher', () => {
  it('answers each prepared host as the whole table does, after reading a small part of it', async () => {
    const whole = build([...MANY, 'example.com', 'a.b.example.org']);
    const bytes = whole.toBinary();
    const store = stored(bytes);
    const paged = await PagedHostMatcher.open(bytes.byteLength, store.read, SMALL_FIRST_READ);
    const opened = store.bytesRead();
    const probes = ['www.site7.example7.test', 'site19999.example49.test', 'x.example.com', 'example.org', 'a.b.example.org', 'nothing.test', 'com'];
    for (const host of probes) {
      await paged.prepare(host);
      expect(paged.suffixesOf(host), host).toEqual(suffixes(whole, host));
    }
    expect(paged.suffixesOf('www.site7.example7.test')).toEqual(['site7.example7.test']);
    expect(paged.suffixesOf('nothing.test')).toEqual([]);
    // Beyond the header and offsets, a bucket of ~40 fingerprints for each suffix probed: a few kB.
    expect(store.bytesRead() - opened).toBeLessThan(4_000);
    expect(store.bytesRead() - opened).toBeGreaterThan(0);
  });

  it('takes a table that fits in the first read whole, in that one read', async () => {
    const whole = build(['example.com', 'ads.example.org']);
    const store = stored(whole.toBinary());
    const paged = await PagedHostMatcher.open(whole.toBinary().byteLength, store.read);
    expect(store.reads).toHaveLength(1);
    expect(paged.whole?.size).toBe(2);
    expect(paged.prepare('www.example.com')).toBeNull();
    expect(paged.suffixesOf('www.example.com')).toEqual(['example.com']);
  });

  it('refuses to answer for a host whose buckets it has not read, instead of saying "not listed"', async () => {
    const whole = build(MANY);
    const paged = await PagedHostMatcher.open(whole.toBinary().byteLength, stored(whole.toBinary()).read, SMALL_FIRST_READ);
    expect(() => paged.suffixesOf('site3.example3.test')).toThrow(BucketsNotRead);
    await paged.prepare('site3.example3.test');
    expect(paged.suffixesOf('site3.example3.test')).toEqual(['site3.example3.test']);
    expect(paged.prepare('site3.example3.test')).toBeNull();
  });

  it('shares one read between lookups of the same bucket', async () => {
    const whole = build(MANY);
    const store = stored(whole.toBinary());
    const paged = await PagedHostMatcher.open(whole.toBinary().byteLength, store.read, SMALL_FIRST_READ);
    const before = store.reads.length;
    await Promise.all([paged.prepare('site5.example5.test'), paged.prepare('site5.example5.test')]);
    // example5.test and site5.example5.test: at most one read each.
    expect(store.reads.length - before).toBeLessThanOrEqual(2);
  });

  it('uses the whole table once it is loaded, with no further reads', async () => {
    const whole = build(MANY);
    const store = stored(whole.toBinary());
    const paged = await PagedHostMatcher.open(whole.toBinary().byteLength, store.read, SMALL_FIRST_READ);
    expect(paged.whole).toBeNull();
    await paged.loadAll();
    const reads = store.reads.length;
    expect(paged.prepare('site9.example9.test')).toBeNull();
    expect(paged.suffixesOf('www.site9.example9.test')).toEqual(['site9.example9.test']);
    expect(paged.whole?.size).toBe(whole.size);
    expect(store.reads.length).toBe(reads);
  });

  it('reads offsets that do not fit in the first read with a second one', async () => {
    const whole = build(MANY);
    const bytes = whole.toBinary();
    const store = stored(bytes);
    const paged = await PagedHostMatcher.open(bytes.byteLength, store.read, HEADER_BYTES + 8);
    expect(store.reads.slice(0, 2).map(([s]) => s)).toEqual([0, HEADER_BYTES + 8]);
    await paged.prepare('site11.example11.test');
    expect(paged.suffixesOf('site11.example11.test')).toEqual(['site11.example11.test']);
  });

  it('rejects a table that is shorter than its header says, has broken offsets or is not a table', async () => {
    const bytes = build(MANY).toBinary();
    await expect(PagedHostMatcher.open(bytes.byteLength - 4, stored(bytes).read)).rejects.toThrow(/does not match its header/);
    await expect(PagedHostMatcher.open(bytes.byteLength, stored(bytes.slice(0, 1000)).read)).rejects.toThrow(/truncated/);
    const backwards = bytes.slice();
    new DataView(backwards.buffer).setUint32(HEADER_BYTES + 4 * 3, 0xffffff, true);
    await expect(PagedHostMatcher.open(backwards.byteLength, stored(backwards).read)).rejects.toThrow(/offsets/);
    const junk = new Uint8Array(64).fill(0xff);
    await expect(PagedHostMatcher.open(junk.byteLength, stored(junk).read)).rejects.toThrow(/magic/);
  });

  it('fails a lookup whose bucket read is cut short, rather than answering from part of it', async () => {
    const bytes = build(MANY).toBinary();
    let cut = false;
    const paged = await PagedHostMatcher.open(bytes.byteLength, async (s, e) => bytes.slice(s, cut ? e - 4 : e), SMALL_FIRST_READ);
    cut = true;
    await expect(paged.prepare('site1.example1.test')).rejects.toThrow(/truncated/);
    expect(() => paged.suffixesOf('site1.example1.test')).toThrow(BucketsNotRead);
  });

  it('agrees with the whole table on random lists and hosts (property)', async () => {
    const label = fc.constantFrom('a', 'b', 'ab', 'www', 'example', 'com', 'co', 'uk', 'x-1', '0');
    const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
    await fc.assert(
      fc.asyncProperty(fc.array(host, { maxLength: 60 }), fc.array(host, { minLength: 1, maxLength: 8 }), async (listed, probes) => {
        const whole = build(listed);
        const bytes = whole.toBinary();
        const paged = await PagedHostMatcher.open(bytes.byteLength, stored(bytes).read, HEADER_BYTES);
        for (const probe of probes) {
          await paged.prepare(probe);
          expect(paged.suffixesOf(probe)).toEqual(suffixes(whole, probe));
        }
      }),
      { numRuns: 200 },
    );
  });
});
