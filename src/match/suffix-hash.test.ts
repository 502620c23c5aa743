import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashHost, hashSuffixes, suffixHash1, suffixHash2, suffixStarts } from './suffix-hash.ts';

/** Copy the shared output before anything hashes again. */
function suffixesOf(host: string) {
  const count = hashSuffixes(host);
  return Array.from({ length: count }, (_, i) => ({
    suffix: host.slice(suffixStarts[i]),
    hash1: suffixHash1[i],
    hash2: suffixHash2[i],
  }));
}

describe('hashSuffixes', () => {
  it('yields every label-boundary suffix, most general first', () => {
    expect(suffixesOf('www.example.com').map((s) => s.suffix)).toEqual(['com', 'example.com', 'www.example.com']);
    expect(suffixesOf('localhost').map((s) => s.suffix)).toEqual(['localhost']);
  });

  it('keeps IP literals whole', () => {
    expect(suffixesOf('10.1.2.3').map((s) => s.suffix)).toEqual(['10.1.2.3']);
    expect(suffixesOf('2001:db8::1').map((s) => s.suffix)).toEqual(['2001:db8::1']);
    expect(suffixesOf('a.example.c0m').map((s) => s.suffix)).toEqual(['c0m', 'example.c0m', 'a.example.c0m']);
  });

  it('gives each suffix the same hashes as hashing that suffix on its own', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,10}$/);
    const host = fc.array(label, { minLength: 1, maxLength: 6 }).map((labels) => labels.join('.'));
    fc.assert(
      fc.property(host, (h) => {
        for (const { suffix, hash1, hash2 } of suffixesOf(h)) expect(hashHost(suffix)).toMatchObject({ hash1, hash2 });
      }),
    );
  });

  it('gives each host its depth: its label count, or 0 for an IPv4 literal hashed whole', () => {
    expect(hashHost('www.example.co.uk').depth).toBe(4);
    expect(hashHost('example.com').depth).toBe(2);
    expect(hashHost('localhost').depth).toBe(1);
    expect(hashHost('2001:db8::1').depth).toBe(1);
    expect(hashHost('10.1.2.3').depth).toBe(0);
    expect(hashHost('a.b.1').depth).toBe(0);
  });

  it('separates hosts that differ only slightly', () => {
    const hashes = ['example.com', 'example.con', 'exampl.ecom', 'xample.com', 'example.co', 'badexample.com'].map((h) => hashHost(h));
    expect(new Set(hashes.map((h) => h.hash1)).size).toBe(hashes.length);
    expect(new Set(hashes.map((h) => h.hash2)).size).toBe(hashes.length);
  });

  it('refuses hosts longer than a normalised host can be', () => {
    expect(() => hashSuffixes('a'.repeat(254))).toThrow(RangeError);
  });
});
