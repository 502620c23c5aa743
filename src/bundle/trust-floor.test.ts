import { describe, expect, it } from 'vitest';
import { heldTrust, sameManifest } from './trust-floor.ts';
import type { SignedManifest } from './manifest.ts';

const manifest = (keyId: string, serial = 7): SignedManifest => ({
  format: 1, kind: 'aup-guard-bundle', serial, issuedAt: '2026-11-01T00:00:00Z', expiresAt: '2026-12-01T00:00:00Z', keyId,
  policy: {} as SignedManifest['policy'], chunks: [], attribution: [],
});
const URL_A = 'https://policy.council.test/manifest.json';

describe('the trust a held bundle keeps', () => {
  it('sets the floor only under the key and the policy URL it was reached under', () => {
    expect(heldTrust(manifest('aaaaaaaaaaaaaaaa'), URL_A, URL_A, ['aaaaaaaaaaaaaaaa']).kind).toBe('floor');
    expect(heldTrust(manifest('aaaaaaaaaaaaaaaa'), URL_A, 'https://new.council.test/m.json', ['aaaaaaaaaaaaaaaa']).kind).toBe('no-floor');
  });

  it('drops a bundle whose key ICT no longer trusts (a development bundle accepted before ICT\'s settings arrived)', () => {
    expect(heldTrust(manifest('d0d0d0d0d0d0d0d0', 2 ** 52), URL_A, URL_A, ['bbbbbbbbbbbbbbbb']).kind).toBe('revoked');
  });

  it('has nothing to say without a held bundle', () => {
    expect(heldTrust(null, null, URL_A, ['aaaaaaaaaaaaaaaa']).kind).toBe('none');
  });

  it('compares bundles by content', () => {
    expect(sameManifest(manifest('aaaaaaaaaaaaaaaa'), manifest('aaaaaaaaaaaaaaaa'))).toBe(true);
    expect(sameManifest(manifest('aaaaaaaaaaaaaaaa'), { ...manifest('aaaaaaaaaaaaaaaa'), attribution: ['x'] })).toBe(false);
  });

  it('compares content, not key order (Chromium\'s storage hands objects back with sorted keys)', () => {
    const sortKeys = (v: unknown): unknown => (v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1)).reverse().map(([k, w]) => [k, sortKeys(w)]))
      : Array.isArray(v) ? v.map(sortKeys) : v);
    const held = manifest('aaaaaaaaaaaaaaaa');
    const reordered = sortKeys(held) as typeof held;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(held));
    expect(sameManifest(held, reordered)).toBe(true);
    // Arrays keep their order: that is content.
    expect(sameManifest(held, { ...held, chunks: [...held.chunks].reverse() })).toBe(held.chunks.length < 2);
  });
});
