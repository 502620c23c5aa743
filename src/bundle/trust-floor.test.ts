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
});
