import { describe, expect, it } from 'vitest';
import { CHECKIN_LIMITS, CheckinReply, CheckinRequest, FINDING_IDS, withoutAddresses } from './checkin-wire.ts';

const good = {
  id: '3b241101-e2bb-4255-8caf-4136c566a962',
  deviceId: '9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
  at: '2026-11-24T08:59:30.250+00:00',
  extension: { version: '0.1.0', browser: 'chrome', browserVersion: '131.0.6778.85' },
  group: 'office',
  policy: { serial: 7, source: 'bundle', issuedAt: '2026-11-20T09:00:00Z', expiresAt: '2026-12-20T09:00:00Z', fetchedAt: '2026-11-24T08:00:00Z', lastError: null },
  installedByPolicy: true,
  findings: [{ id: 'proxy-extension-installed', severity: 'high', detail: 'Free VPN (abcdefghijklmnopabcdefghijklmnop)' }],
  userIdentity: 'jane.smith@example.gov.uk',
  deviceName: 'LAPTOP-0042',
};

function problems(change: Record<string, unknown>): string[] {
  const result = CheckinRequest.safeParse({ ...good, ...change });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the check-in wire contract', () => {
  it('accepts a complete check-in, a baseline one without identity, and every finding id and severity', () => {
    expect(problems({})).toEqual([]);
    const { userIdentity: _u, deviceName: _d, ...anonymous } = good;
    const baseline = { serial: null, source: 'baseline', issuedAt: null, expiresAt: null, fetchedAt: null, lastError: 'network: [address] unreachable' };
    expect(CheckinRequest.safeParse({ ...anonymous, group: '', policy: baseline, installedByPolicy: false }).success).toBe(true);
    const all = FINDING_IDS.map((id, i) => ({ id, severity: (['high', 'medium', 'low'] as const)[i % 3] }));
    expect(problems({ findings: all })).toEqual([]);
    expect(problems({ findings: Array.from({ length: 50 }, () => ({ id: 'developer-mode', severity: 'low', detail: 'd'.repeat(300) })) })).toEqual([]);
    expect(problems({ extension: { version: '1.2.3.4', browser: 'firefox', browserVersion: '140.0esr' } })).toEqual([]);
  });

  it.each([
    ['id', 'not-a-uuid'],
    ['id', '3b241101-e2bb-1255-8caf-4136c566a962'], // UUID version 1
    ['id', undefined],
    ['deviceId', 'LAPTOP-0042'],
    ['deviceId', undefined],
    ['at', 'yesterday'],
    ['at', '2026-11-24T08:59:30'], // no offset
    ['extension', { version: '0.1.0', browser: 'safari', browserVersion: '18' }],
    ['extension', { version: '0.1.0 <b>', browser: 'chrome', browserVersion: '131' }],
    ['extension', { version: '0.1.0', browser: 'chrome', browserVersion: '131', os: 'Windows' }],
    ['group', 'Office'],
    ['group', 'g'.repeat(65)],
    ['policy', { ...good.policy, serial: -1 }],
    ['policy', { ...good.policy, serial: null }], // a bundle in force always has a serial
    ['policy', { ...good.policy, expiresAt: null }],
    ['policy', { ...good.policy, source: 'cache' }],
    ['policy', { ...good.policy, fetchedAt: '24/11/2026' }],
    ['policy', { ...good.policy, lastError: 'e'.repeat(301) }],
    ['policy', { ...good.policy, lastError: 'fetch failed: https://policy.example.gov.uk/manifest.json' }],
    ['policy', { ...good.policy, url: 'x' }],
    ['installedByPolicy', 'yes'],
    ['findings', undefined],
    ['findings', [{ id: 'made-up', severity: 'high' }]],
    ['findings', [{ id: 'developer-mode', severity: 'critical' }]],
    ['findings', [{ id: 'developer-mode', severity: 'low', detail: '' }]],
    ['findings', [{ id: 'developer-mode', severity: 'low', detail: 'd'.repeat(301) }]],
    ['findings', [{ id: 'proxy-controlled-by-other', severity: 'high', detail: 'proxy set to http://10.0.0.1:3128' }]],
    ['findings', [{ id: 'developer-mode', severity: 'low', url: 'https://example.com/' }]],
    ['findings', Array.from({ length: 51 }, () => ({ id: 'developer-mode', severity: 'low' }))],
    ['userIdentity', ''],
    ['userIdentity', 'u'.repeat(201)],
    ['deviceName', 'n'.repeat(101)],
    ['deviceName', 'file://laptop'],
  ])('refuses %s = %j', (field, value) => {
    const found = problems({ [field]: value });
    expect(found.length, `${field} accepted`).toBeGreaterThan(0);
    expect(found.every((p) => p.startsWith(field)), found.join('\n')).toBe(true);
  });

  it('refuses fields outside the contract: nothing about browsing can be added', () => {
    expect(problems({ history: ['https://example.com/'] }).join()).toContain('history');
    expect(problems({ openTabs: 3 }).join()).toContain('openTabs');
  });

  it('gives the device a way to make a sync error fit: addresses replaced, length cut', () => {
    const text = withoutAddresses('HTTP 404 from https://policy.example.gov.uk/aup/manifest.json?x=1 (ftp://a b)');
    expect(text).toBe('HTTP 404 from [address] [address] b)');
    expect(problems({ policy: { ...good.policy, lastError: text } })).toEqual([]);
    expect(withoutAddresses('x'.repeat(400))).toHaveLength(CHECKIN_LIMITS.lastError);
  });

  it('replies { received: true } and nothing else', () => {
    expect(CheckinReply.safeParse({ received: true }).success).toBe(true);
    expect(CheckinReply.safeParse({ received: false }).success).toBe(false);
    expect(CheckinReply.safeParse({ received: true, receipt: 'R-2026-000001' }).success).toBe(false);
  });
});
