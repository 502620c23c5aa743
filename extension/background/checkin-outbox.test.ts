import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import type { QueuedCheckin } from './records.ts';

vi.mock('virtual:aup-embedded', () => ({ default: { defaults: {} } }));
const { checkinOutbox, checkinEndpoint } = await import('./checkin-outbox.ts');

const CHECKIN = (id: string): QueuedCheckin => ({
  id, deviceId: '5f0c7a4e-2b1d-4c8e-9f3a-1d2e3f4a5b6c', at: '2026-12-05T09:00:00.000Z',
  extension: { version: '0.1.0', browser: 'chrome', browserVersion: '131.0' }, group: 'office',
  policy: { serial: null, source: 'baseline', issuedAt: null, expiresAt: null, fetchedAt: null, lastError: null },
  installedByPolicy: false, findings: [],
});
const FIRST = '6f1c2a9e-4b7d-4e2a-9c3b-1d2e3f4a5b61';
const SECOND = '6f1c2a9e-4b7d-4e2a-9c3b-1d2e3f4a5b62';
const THIRD = '6f1c2a9e-4b7d-4e2a-9c3b-1d2e3f4a5b63';
const DELIVERY = { endpoint: 'https://aup.council.test/api/checkins', token: 't' };

let answer: () => Response;
let posted: string[];
beforeEach(() => {
  fakeBrowser.reset();
  posted = [];
  answer = () => new Response(JSON.stringify({ received: true }), { status: 201 });
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    posted.push((JSON.parse(String(init.body)) as QueuedCheckin).id);
    return answer();
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('the check-in outbox', () => {
  it('goes beside the reports', () => {
    expect(checkinEndpoint('https://aup.council.test/api/reports')).toBe('https://aup.council.test/api/checkins');
    expect(checkinEndpoint(null)).toBeNull();
  });

  it('keeps only the newest undelivered check-in, and counts { received: true } as delivered', async () => {
    answer = () => new Response('', { status: 503 });
    await checkinOutbox.queue(FIRST, CHECKIN(FIRST));
    await checkinOutbox.deliverDue(DELIVERY);
    await checkinOutbox.queue(SECOND, CHECKIN(SECOND));
    expect((await checkinOutbox.entries()).map((e) => [e.id, e.state])).toEqual([[SECOND, 'queued']]);
    answer = () => new Response(JSON.stringify({ received: true }), { status: 201 });
    await checkinOutbox.deliverQueuedNow(DELIVERY);
    expect((await checkinOutbox.entries()).map((e) => [e.id, e.state, e.receipt])).toEqual([[SECOND, 'delivered', 'received']]);
    // Delivered ones are history, not replaced; a new one queues beside them.
    await checkinOutbox.queue(THIRD, CHECKIN(THIRD));
    expect((await checkinOutbox.entries()).map((e) => e.id)).toEqual([SECOND, THIRD]);
    expect(posted).toEqual([FIRST, SECOND]);
  });

  it('a 2xx without { received: true } is not taken as stored', async () => {
    answer = () => new Response(JSON.stringify({ receipt: 'R-1' }), { status: 201 });
    await checkinOutbox.queue(FIRST, CHECKIN(FIRST));
    await checkinOutbox.deliverDue(DELIVERY);
    expect((await checkinOutbox.entries())[0]).toMatchObject({ state: 'queued', attempts: 1 });
  });
});
