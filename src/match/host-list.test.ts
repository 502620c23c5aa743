import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeHostList, encodeHostList } from './host-list.ts';

const sorted = (hosts: Iterable<string>) => [...hosts].sort();

/** Build a v1 chunk by hand: prefix column, then newline-terminated suffixes. */
function rawChunk(prefixes: number[], suffixes: string[], count = prefixes.length): Uint8Array {
  const text = new TextEncoder().encode(suffixes.map((s) => `${s}\n`).join(''));
  const out = new Uint8Array(9 + prefixes.length + text.length);
  out.set([0x41, 0x55, 0x50, 0x4c, 1]);
  new DataView(out.buffer).setUint32(5, count, true);
  out.set(prefixes, 9);
  out.set(text, 9 + prefixes.length);
  return out;
}

describe('encodeHostList / decodeHostList', () => {
  const hosts = ['www.example.com', 'example.com', 'mail.example.com', 'example.org', 'a.b.c.d', '10.0.0.1', '::1', 'xn--bcher-kva.de'];

  it('round-trips a set of hosts', () => {
    expect(sorted(decodeHostList(encodeHostList(hosts)))).toEqual(sorted(hosts));
  });

  it('is canonical: duplicates and order do not change the bytes', () => {
    const reference = encodeHostList(hosts);
    expect(encodeHostList([...hosts].reverse())).toEqual(reference);
    expect(encodeHostList([...hosts, ...hosts.slice(0, 3)])).toEqual(reference);
    expect(decodeHostList(reference)).toHaveLength(hosts.length);
  });

  it('stores reversed-label keys, front-coded, with the prefixes in their own column', () => {
    const bytes = encodeHostList(['www.example.com', 'example.com', 'example.org']);
    expect(Array.from(bytes.subarray(0, 12))).toEqual([0x41, 0x55, 0x50, 0x4c, 1, 3, 0, 0, 0, 0, 11, 0]);
    expect(new TextDecoder().decode(bytes.subarray(12))).toBe('com.example\n.www\norg.example\n');
    expect(decodeHostList(bytes)).toEqual(['example.com', 'www.example.com', 'example.org']);
  });

  it('round-trips an empty list', () => {
    expect(decodeHostList(encodeHostList([]))).toEqual([]);
  });

  it('round-trips random host sets', () => {
    const label = fc.stringMatching(/^[a-z0-9_-]{1,12}$/);
    const host = fc.array(label, { minLength: 1, maxLength: 5 }).map((l) => l.join('.'));
    fc.assert(
      fc.property(fc.array(host, { maxLength: 80 }), (list) => {
        expect(sorted(decodeHostList(encodeHostList(list)))).toEqual(sorted(new Set(list)));
      }),
      { numRuns: 200 },
    );
  });

  it('accepts only normalised ASCII hosts', () => {
    expect(() => encodeHostList(['bücher.de'])).toThrow(/not a normalised host/);
    expect(() => encodeHostList(['Example.com'])).toThrow(/not a normalised host/);
    expect(() => encodeHostList(['example.com.'])).toThrow(/empty label/);
    expect(() => encodeHostList(['a..b'])).toThrow(/empty label/);
    expect(() => encodeHostList([''])).toThrow(/empty/);
    expect(() => encodeHostList([`${'a'.repeat(64)}.com`])).toThrow(/label longer than 63/);
  });

  it('rejects malformed chunks', () => {
    const good = encodeHostList(['a.example', 'b.example']);
    expect(() => decodeHostList(good.subarray(0, 5))).toThrow(/truncated/);
    expect(() => decodeHostList(new TextEncoder().encode('a.example\nb.example\n'))).toThrow(/wrong magic/);
    const version2 = good.slice();
    version2[4] = 2;
    expect(() => decodeHostList(version2)).toThrow(/version 2 is not supported/);
    expect(() => decodeHostList(good.subarray(0, good.length - 1))).toThrow(/cut off/);
    expect(() => decodeHostList(new Uint8Array([...good, 0x61]))).toThrow(/unexpected bytes/);
    expect(() => decodeHostList(rawChunk([0], ['example'], 1000))).toThrow(/claims 1000 hosts/);
  });

  it('rejects chunks that are not canonical', () => {
    expect(() => decodeHostList(rawChunk([0, 0], ['org.example', 'com.example']))).toThrow(/out of order/);
    expect(() => decodeHostList(rawChunk([0, 11], ['com.example', '']))).toThrow(/out of order or repeated/);
    // Shares fewer characters than it could: a second encoding of the same set.
    expect(() => decodeHostList(rawChunk([0, 4], ['com.example', 'example.www']))).toThrow(/out of order/);
    expect(() => decodeHostList(rawChunk([3], ['com']))).toThrow(/shares 3 characters/);
    expect(() => decodeHostList(rawChunk([0, 20], ['com.a', 'b']))).toThrow(/shares 20 characters/);
  });

  it('rejects hosts no normaliser would produce', () => {
    expect(() => decodeHostList(rawChunk([0], ['com.Example']))).toThrow(/byte 0x45/);
    expect(() => decodeHostList(rawChunk([0], ['com..a']))).toThrow(/empty label/);
    expect(() => decodeHostList(rawChunk([0, 0], ['', 'com.example']))).toThrow(/entry 1 is empty/);
    expect(() => decodeHostList(rawChunk([0], [`com.${'a'.repeat(64)}`]))).toThrow(/label longer than 63/);
    expect(() => decodeHostList(rawChunk([0], ['a'.repeat(254)]))).toThrow(/longer than 253/);
  });
});
