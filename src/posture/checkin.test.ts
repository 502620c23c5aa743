import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { effectiveConfig } from '../config/device-config.ts';
import { buildCheckin, checkinDue, checkinSignature, managedFacts, nextIntervalCheckin, type CheckinInputs } from './checkin.ts';

/** Shaped like an Ed25519 public key (the schema checks only the shape). */
const KEY = `${'A'.repeat(43)}=`;
const HOUR = 3_600_000;

function inputs(change: Partial<CheckinInputs> = {}): CheckinInputs {
  return {
    id: randomUUID(), deviceId: '5f0c7a4e-2b1d-4c8e-9f3a-1d2e3f4a5b6c', at: new Date('2026-12-05T09:00:00Z'),
    extension: { version: '0.1.0', browser: 'firefox', browserVersion: '140.0esr' }, group: 'office',
    policy: { source: 'bundle', serial: 12, issuedAt: '2026-12-01T00:00:00Z', expiresAt: '2026-12-31T00:00:00Z', lastSyncAt: '2026-12-05T08:30:00Z', lastError: null, refreshMinutes: 60 },
    installedByPolicy: true, findings: [],
    ...change,
  };
}

describe('a check-in', () => {
  it('sends the last successful sync as fetchedAt and the error without its address', () => {
    const c = buildCheckin(inputs({ policy: { ...inputs().policy, lastError: { code: 'fetch-failed', message: 'https://policy.council.example/manifest.json: timed out' } }, deviceName: 'LAPTOP-0042' }));
    expect(c.policy).toMatchObject({ serial: 12, fetchedAt: '2026-12-05T08:30:00Z', lastError: 'fetch-failed: [address] timed out' });
    expect(c.deviceName).toBe('LAPTOP-0042');
    expect(c).not.toHaveProperty('userIdentity');
  });

  it('is refused by the contract before it is queued when the device built a bad one', () => {
    expect(() => buildCheckin(inputs({ deviceId: 'not-a-uuid' }))).toThrow(/deviceId/);
  });

  it('is due at start, when ICT would see a change, and after the interval — not for a newer sync time or error wording', () => {
    const first = buildCheckin(inputs());
    const last = { signature: checkinSignature(first), at: Date.parse('2026-12-05T09:00:00Z') };
    const later = last.at + HOUR;
    const sameButNewerSync = buildCheckin(inputs({ policy: { ...inputs().policy, lastSyncAt: '2026-12-05T09:30:00Z' } }));
    expect(checkinDue(last, checkinSignature(sameButNewerSync), 'sync', later, 6)).toBe(false);
    expect(checkinDue(last, checkinSignature(sameButNewerSync), 'start', later, 6)).toBe(true);
    const newBundle = buildCheckin(inputs({ policy: { ...inputs().policy, serial: 13 } }));
    expect(checkinDue(last, checkinSignature(newBundle), 'sync', later, 6)).toBe(true);
    const failing = (message: string) => buildCheckin(inputs({ policy: { ...inputs().policy, lastError: { code: 'fetch-failed', message } } }));
    expect(checkinDue(last, checkinSignature(failing('503')), 'sync', later, 6)).toBe(true);
    expect(checkinSignature(failing('503'))).toBe(checkinSignature(failing('timed out')));
    const proxied = buildCheckin(inputs({ findings: [{ id: 'proxy-controlled-by-other', severity: 'high', detail: 'set by X (id)' }] }));
    expect(checkinDue(last, checkinSignature(proxied), 'browser-change', later, 6)).toBe(true);
    expect(checkinDue(last, checkinSignature(first), 'interval', last.at + 6 * HOUR - 1, 6)).toBe(false);
    expect(checkinDue(last, checkinSignature(first), 'interval', last.at + 6 * HOUR, 6)).toBe(true);
    expect(checkinDue(null, checkinSignature(first), 'interval', later, 6)).toBe(true);
    expect(nextIntervalCheckin(last, later, 6)).toBe(last.at + 6 * HOUR);
  });
});

describe('ICT\'s settings as the self-check sees them', () => {
  it('missing required settings, refused and unknown keys, never the values', () => {
    const config = effectiveConfig({ policyUrl: 'http://plain.example.com/m.json', trustedKeys: [KEY], colour: 'blue' }, undefined, null);
    expect(managedFacts(config)).toEqual({ source: 'managed', missing: [], refused: ['policyUrl', 'colour (unknown)'], requiredRefused: true });
    expect(managedFacts(effectiveConfig({}, undefined, null, { byPolicy: true }))).toMatchObject({ source: 'managed', missing: ['policyUrl', 'trustedKeys'] });
    expect(managedFacts(effectiveConfig({ group: 'office' }, undefined, null))).toMatchObject({ missing: ['policyUrl', 'trustedKeys'], refused: [] });
    expect(managedFacts(effectiveConfig({}, undefined, null))).toMatchObject({ source: 'unconfigured' });
  });
});
