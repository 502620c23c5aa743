import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { acceptanceEndpoint } from '../../src/protocol/acceptance-wire.ts';
import type { QueuedAcceptance, QueuedReport } from './records.ts';

vi.mock('virtual:aup-embedded', () => ({ default: { defaults: {} } }));
const { reportOutbox, REPORT_ALARM } = await import('./report-outbox.ts');
const { acceptanceOutbox, ACCEPTANCE_ALARM } = await import('./acceptance-outbox.ts');

// One outbox machinery (delivery-outbox.ts), two instances: reports and AUP acceptances.

const DEVICE = { extensionVersion: '0.1.0', browser: 'chrome', group: 'office', policySerial: 30 };
const ACCEPTANCE: QueuedAcceptance = {
  id: '6f1c2a9e-4b7d-4e2a-9c3b-1d2e3f4a5b6c', aupVersion: '2026.1', aupTitle: 'Internet Acceptable Use Policy', policySerial: 30,
  acceptedAt: '2026-11-29T23:50:00.000Z', userIdentity: 'jo.bloggs@council.test', device: DEVICE,
};
const REPORT: QueuedReport = {
  id: '0b7e3f0e-8a4c-4c39-9f0e-3d2a1b4c5d6e', kind: 'inadvertent', url: 'https://x.test/', host: 'x.test', category: 'gambling',
  accessedAt: '2026-11-29T10:00:00.000Z', reportedAt: '2026-11-29T10:01:00.000Z', device: DEVICE,
};
const REPORTS_AT = 'https://aup.council.test/api/reports';

let posts: Array<{ url: string; auth: string | null; body: unknown }>;
let answer: () => Response;
beforeEach(() => {
  fakeBrowser.reset();
  posts = [];
  answer = () => new Response(JSON.stringify({ receipt: 'A-2026-000001' }), { status: 201 });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    posts.push({ url, auth: new Headers(init.headers).get('authorization'), body: JSON.parse(String(init.body)) });
    return answer();
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('the delivery outboxes', () => {
  it('acceptances go beside the reports: …/api/reports → …/api/acceptances', () => {
    expect(acceptanceEndpoint(REPORTS_AT)).toBe('https://aup.council.test/api/acceptances');
    expect(acceptanceEndpoint(null)).toBeNull();
    expect(acceptanceEndpoint('not a url')).toBeNull();
  });

  it('keep their own records and alarms', async () => {
    expect(await acceptanceOutbox.queue(ACCEPTANCE.id, ACCEPTANCE)).toEqual({ ok: true });
    expect(await reportOutbox.entries()).toEqual([]);
    expect((await acceptanceOutbox.entries()).map((e) => [e.id, e.state])).toEqual([[ACCEPTANCE.id, 'queued']]);
    expect(await fakeBrowser.alarms.get(ACCEPTANCE_ALARM)).toBeDefined();
    expect(await fakeBrowser.alarms.get(REPORT_ALARM)).toBeUndefined();
    expect(await acceptanceOutbox.queue(ACCEPTANCE.id, ACCEPTANCE)).toEqual({ ok: false, reason: 'duplicate' });
    expect(await reportOutbox.queue(REPORT.id, REPORT)).toEqual({ ok: true });
    expect((await fakeBrowser.storage.local.get('aup.reportOutbox'))['aup.reportOutbox']).toMatchObject({ version: 1, entries: [{ id: REPORT.id }] });
  });

  it('deliver an acceptance as it was queued, with the token, and keep the receipt; the alarm goes', async () => {
    await acceptanceOutbox.queue(ACCEPTANCE.id, ACCEPTANCE);
    const outbox = await acceptanceOutbox.deliverDue({ endpoint: acceptanceEndpoint(REPORTS_AT), token: 'secret' });
    expect(posts).toEqual([{ url: 'https://aup.council.test/api/acceptances', auth: 'Bearer secret', body: ACCEPTANCE }]);
    expect(outbox.entries[0]).toMatchObject({ state: 'delivered', receipt: 'A-2026-000001', attempts: 1 });
    expect(await fakeBrowser.alarms.get(ACCEPTANCE_ALARM)).toBeUndefined();
  });

  it('keep an acceptance queued, with the reason and a retry alarm, when the server cannot be reached or no address is set', async () => {
    await acceptanceOutbox.queue(ACCEPTANCE.id, ACCEPTANCE);
    answer = () => {
      throw new TypeError('Failed to fetch');
    };
    let outbox = await acceptanceOutbox.deliverDue({ endpoint: acceptanceEndpoint(REPORTS_AT), token: null });
    expect(outbox.entries[0]).toMatchObject({ state: 'queued', attempts: 1, lastError: 'cannot reach the acceptance server: Failed to fetch', lastProblem: { code: 'delivery-unreachable', params: [] } });
    expect(await fakeBrowser.alarms.get(ACCEPTANCE_ALARM)).toBeDefined();
    outbox = await acceptanceOutbox.deliverQueuedNow({ endpoint: null, token: null });
    expect(outbox.entries[0]).toMatchObject({ state: 'queued', attempts: 2, lastError: 'no acceptance address is configured yet (ICT sets it)', lastProblem: { code: 'delivery-no-address' } });
  });

  it('keep the server\'s refusal as a code and its parameters (the page words it), and drop it once delivered', async () => {
    await reportOutbox.queue(REPORT.id, REPORT);
    answer = () => new Response(JSON.stringify({ error: 'invalid_report', message: 'url: not a URL' }), { status: 400 });
    let outbox = await reportOutbox.deliverDue({ endpoint: REPORTS_AT, token: null });
    expect(outbox.entries[0]).toMatchObject({ state: 'refused', lastError: 'invalid_report', lastProblem: { code: 'delivery-refused', params: ['400', 'invalid_report'] } });
    await reportOutbox.queue(ACCEPTANCE.id, { ...REPORT, id: ACCEPTANCE.id });
    answer = () => new Response('oops', { status: 503 });
    outbox = await reportOutbox.deliverDue({ endpoint: REPORTS_AT, token: null });
    expect(outbox.entries.find((e) => e.id === ACCEPTANCE.id)).toMatchObject({ state: 'queued', lastProblem: { code: 'delivery-http', params: ['503'] } });
    answer = () => new Response(JSON.stringify({ receipt: 'R-2026-000001' }), { status: 201 });
    outbox = await reportOutbox.deliverQueuedNow({ endpoint: REPORTS_AT, token: null });
    expect(outbox.entries.find((e) => e.id === ACCEPTANCE.id)).toMatchObject({ state: 'delivered', lastError: null, lastProblem: null });
  });
});
