import { describe, expect, it } from 'vitest';
import { assessPosture, isBehind, type PostureFacts, type OtherExtension } from './assess.ts';
import { Finding } from '../protocol/checkin-wire.ts';

const NOW = Date.parse('2026-12-05T09:00:00Z');

/** A force-installed, fully hardened device with a fresh bundle: nothing to find. */
function hardened(change: Partial<PostureFacts> = {}): PostureFacts {
  return {
    installType: 'admin',
    managed: { source: 'managed', missing: [], refused: [], requiredRefused: false },
    incognito: { allowed: false, windows: 'disabled' },
    proxy: { levelOfControl: 'controllable_by_this_extension', routed: false },
    others: [],
    policy: {
      source: 'bundle', serial: 12, issuedAt: '2026-12-01T00:00:00Z', expiresAt: '2026-12-31T00:00:00Z',
      lastSyncAt: '2026-12-05T08:30:00Z', lastError: null, refreshMinutes: 60,
    },
    rules: { session: { expected: 9, inForce: 9 }, dynamic: { expected: 2, inForce: 2 } },
    hostAccess: true,
    now: NOW,
    ...change,
  };
}

const ids = (f: PostureFacts) => assessPosture(f).map((x) => x.id);
const vpn: OtherExtension = { id: 'abcdefghijklmnopabcdefghijklmnop', name: 'Free VPN', enabled: true, installType: 'normal', permissions: ['proxy', 'storage'] };

describe('the posture self-check', () => {
  it('finds nothing on a force-installed, hardened device with a fresh bundle', () => {
    expect(assessPosture(hardened())).toEqual([]);
  });

  it('Incognito: a finding unless AUP Guard runs in it or the browser says it cannot be opened', () => {
    expect(ids(hardened({ incognito: { allowed: false, windows: 'available' } }))).toEqual(['incognito-available']);
    expect(ids(hardened({ incognito: { allowed: false, windows: 'unknown' } }))).toEqual(['incognito-available']);
    expect(ids(hardened({ incognito: { allowed: true, windows: 'available' } }))).toEqual([]);
    expect(ids(hardened({ incognito: { allowed: null, windows: 'unknown' } }))).toEqual(['incognito-available']);
  });

  it('names the extension that controls the proxy, and every extension that could route traffic', () => {
    const found = assessPosture(hardened({ proxy: { levelOfControl: 'controlled_by_other_extensions', routed: true }, others: [vpn] }));
    expect(found).toEqual([
      { id: 'proxy-controlled-by-other', severity: 'high', detail: 'set by Free VPN (abcdefghijklmnopabcdefghijklmnop)' },
      { id: 'proxy-extension-installed', severity: 'high', detail: 'Free VPN (abcdefghijklmnopabcdefghijklmnop)' },
    ]);
    // A disabled one routes nothing; a proxy set by enterprise policy is ICT's own.
    expect(ids(hardened({ others: [{ ...vpn, enabled: false }] }))).toEqual([]);
    expect(ids(hardened({ proxy: { levelOfControl: 'not_controllable', routed: true } }))).toEqual([]);
    expect(assessPosture(hardened({ proxy: { levelOfControl: 'controllable_by_this_extension', routed: true } }))[0]?.detail).toMatch(/browser's own settings/);
  });

  it('an extension name holding an address is sent without it', () => {
    const found = assessPosture(hardened({ others: [{ ...vpn, name: 'Go to https://evil.example/x now' }] }));
    expect(found[0]!.detail).toBe('Go to [address] now (abcdefghijklmnopabcdefghijklmnop)');
    expect(Finding.safeParse(found[0]).success).toBe(true);
  });

  it('installed by hand, unpacked extensions (developer mode), settings missing or refused', () => {
    expect(ids(hardened({ installType: 'normal' }))).toEqual(['not-installed-by-policy']);
    expect(ids(hardened({ others: [{ ...vpn, permissions: [], installType: 'development' }] }))).toEqual(['developer-mode']);
    expect(ids(hardened({ managed: { source: 'local', missing: [], refused: [], requiredRefused: false } }))).toEqual(['managed-settings-missing']);
    const refused = assessPosture(hardened({ managed: { source: 'managed', missing: [], refused: ['policyUrl'], requiredRefused: true } }));
    expect(refused).toEqual([{ id: 'managed-settings-invalid', severity: 'high', detail: 'refused: policyUrl' }]);
  });

  it('the bundle: baseline only, expired, behind (three missed checks and at least a day)', () => {
    const baseline = hardened({ policy: { ...hardened().policy, source: 'baseline', serial: null, issuedAt: null, expiresAt: null, lastSyncAt: null, lastError: { code: 'fetch-failed', message: 'GET https://policy.example/m.json: 503' } } });
    expect(assessPosture(baseline)).toEqual([{ id: 'baseline-only', severity: 'high', detail: 'fetch-failed: GET [address] 503' }]);
    expect(ids(hardened({ policy: { ...hardened().policy, expiresAt: '2026-12-05T08:59:59Z' } }))).toEqual(['bundle-expired']);
    const policy = hardened().policy;
    expect(isBehind({ ...policy, lastSyncAt: '2026-12-04T09:00:01Z' }, NOW)).toBe(false);
    expect(isBehind({ ...policy, lastSyncAt: '2026-12-04T08:59:59Z' }, NOW)).toBe(true);
    expect(isBehind({ ...policy, refreshMinutes: 1440, lastSyncAt: '2026-12-03T09:00:00Z' }, NOW)).toBe(false);
    expect(ids(hardened({ policy: { ...policy, lastSyncAt: '2026-12-01T00:00:00Z' } }))).toEqual(['bundle-behind']);
  });

  it('rules not matching the record, and access to sites withdrawn; most severe first', () => {
    const found = ids(hardened({ rules: { session: { expected: 9, inForce: 7 }, dynamic: { expected: 2, inForce: 2 } }, hostAccess: false, installType: 'development' }));
    expect(found).toEqual(['not-installed-by-policy', 'rules-mismatch', 'host-access-withdrawn', 'developer-mode']);
    // An update under way (no counts) is not a mismatch.
    expect(ids(hardened({ rules: null }))).toEqual([]);
  });
});
