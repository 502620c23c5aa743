import { describe, expect, it } from 'vitest';
import { ACCEPTANCE_RECEIPT, AcceptanceReply, AcceptanceRequest } from './acceptance-wire.ts';
import { Receipt } from './report-wire.ts';

const good = {
  id: '3b241101-e2bb-4255-8caf-4136c566a962',
  aupVersion: '2026.1',
  aupTitle: 'Internet acceptable use policy',
  policySerial: 7,
  acceptedAt: '2026-11-24T08:59:30.250+00:00',
  userIdentity: 'jane.smith@example.gov.uk',
  device: { extensionVersion: '0.1.0', browser: 'Firefox 140', group: 'office', policySerial: 8 },
};

function problems(change: Record<string, unknown>): string[] {
  const result = AcceptanceRequest.safeParse({ ...good, ...change });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the acceptance wire contract', () => {
  it('accepts a complete acceptance, one on the baseline (serial null) and one without a user identity', () => {
    expect(problems({})).toEqual([]);
    const { userIdentity: _u, ...anonymous } = good;
    expect(AcceptanceRequest.safeParse({ ...anonymous, policySerial: null }).success).toBe(true);
    expect(problems({ aupVersion: 'v'.repeat(64), aupTitle: 't'.repeat(200), userIdentity: 'u'.repeat(200) })).toEqual([]);
  });

  it.each([
    ['id', 'not-a-uuid'],
    ['id', '3b241101-e2bb-1255-8caf-4136c566a962'], // UUID version 1
    ['id', undefined],
    ['aupVersion', ''],
    ['aupVersion', 'v'.repeat(65)],
    ['aupVersion', 2026.1],
    ['aupVersion', undefined],
    ['aupTitle', ''],
    ['aupTitle', 't'.repeat(201)],
    ['aupTitle', undefined],
    ['policySerial', -1],
    ['policySerial', 1.5],
    ['policySerial', '7'],
    ['policySerial', undefined],
    ['acceptedAt', 'yesterday'],
    ['acceptedAt', '2026-11-24T08:59:30'], // no offset
    ['acceptedAt', undefined],
    ['userIdentity', ''],
    ['userIdentity', 'u'.repeat(201)],
    ['userIdentity', null],
    ['device', undefined],
    ['device', { ...good.device, policySerial: 'eight' }],
    ['device', { ...good.device, screen: '1920x1080' }],
  ])('refuses %s = %j', (field, value) => {
    const found = problems({ [field]: value });
    expect(found.length, `${field} accepted`).toBeGreaterThan(0);
    expect(found.every((p) => p.startsWith(field)), found.join('\n')).toBe(true);
  });

  it('refuses fields outside the contract', () => {
    expect(problems({ browsingHistory: ['https://example.com/'] }).join()).toContain('browsingHistory');
  });

  it('replies with an A- receipt, never one that could be a report\'s', () => {
    expect(AcceptanceReply.safeParse({ receipt: 'A-2026-000123' }).success).toBe(true);
    expect(AcceptanceReply.safeParse({ receipt: 'A-2026-1234567' }).success).toBe(true);
    expect(AcceptanceReply.safeParse({ receipt: 'R-2026-000123' }).success).toBe(false);
    expect(AcceptanceReply.safeParse({ receipt: 'A-2026-000123', extra: 1 }).success).toBe(false);
    expect(ACCEPTANCE_RECEIPT.test('A-2026-12345')).toBe(false);
    expect(Receipt.safeParse('A-2026-000123').success).toBe(false);
  });
});
