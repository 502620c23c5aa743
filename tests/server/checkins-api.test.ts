import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckinRequest } from '../../src/protocol/checkin-wire.ts';
import { MAX_CHECKIN_BYTES } from '../../src/server/checkins-api.ts';
import { SqliteReportStore } from '../../src/server/sqlite-store.ts';
import { acceptance, checkin, postAcceptance, postCheckin, report, testServer, TOKEN, until, workDir, type TestServer } from './support/harness.ts';

let work: ReturnType<typeof workDir>;
let server: TestServer;

beforeAll(async () => {
  work = workDir('aup-checkins-api-');
  server = await testServer(work.dir);
});
afterAll(async () => {
  await server.close();
  work.done();
});

const view = () => ({ now: new Date(), servedSerial: null, validityMs: null });
const stored = async () => (await server.store.listDevices({ limit: null }, view())).length;

/** Send something that must be refused: the status and error body, and nothing stored. */
async function refused(body: unknown, headers: Record<string, string> = {}) {
  const before = await stored();
  const answer = await postCheckin(server.url, body, headers);
  expect(await stored(), 'nothing extra stored').toBe(before);
  expect(typeof answer.json.error).toBe('string');
  expect(typeof answer.json.message).toBe('string');
  return answer;
}

describe('POST /api/checkins', () => {
  it('stores a check-in: 201 { received: true }; the same id again 200 and nothing changed', async () => {
    const c = checkin({ findings: [{ id: 'incognito-available', severity: 'high' }] });
    expect(await postCheckin(server.url, c)).toMatchObject({ status: 201, json: { received: true } });
    const replay = await postCheckin(server.url, { ...c, findings: [] });
    expect(replay).toMatchObject({ status: 200, json: { received: true } });
    const device = await server.store.device(c.deviceId, view());
    expect(device!.checkin.findings).toEqual(c.findings);
    expect(await server.store.checkinsOf(c.deviceId, 10)).toHaveLength(1);
    expect((await postCheckin(server.url, checkin({ deviceId: c.deviceId, at: '2026-11-24T10:00:00Z' }))).status).toBe(201);
    expect(await server.store.checkinsOf(c.deviceId, 10)).toHaveLength(2);
  });

  it('refuses malformed JSON, wrong fields (naming each), addresses and fields outside the contract', async () => {
    expect(await refused('{"id": "abc",')).toMatchObject({ status: 400, json: { error: 'malformed_json' } });
    const answer = await refused(checkin({ deviceId: 'LAPTOP-1', at: 'now', installedByPolicy: 'yes', findings: [{ id: 'made-up', severity: 'high' }] }));
    expect(answer).toMatchObject({ status: 400, json: { error: 'invalid_checkin' } });
    expect((answer.json.issues as { path: string }[]).map((i) => i.path)).toEqual(expect.arrayContaining(['deviceId', 'at', 'installedByPolicy', 'findings.0.id']));
    const url = await refused(checkin({ findings: [{ id: 'proxy-controlled-by-other', severity: 'high', detail: 'PAC https://proxy.example/x.pac' }] }));
    expect(url.json.issues).toEqual([{ path: 'findings.0.detail', message: expect.stringContaining('never carries URLs') }]);
    expect((await refused(checkin({ visited: ['https://www.example.com/'] }))).status).toBe(400);
    expect((await refused(acceptance())).status).toBe(400); // an acceptance sent to the wrong endpoint
    expect((await refused(report())).status).toBe(400);
  });

  it('refuses a missing or wrong token, the wrong media type, and another method', async () => {
    expect(await refused(checkin(), { authorization: '' })).toMatchObject({ status: 401, json: { error: 'unauthorised' } });
    expect((await refused(checkin(), { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await refused(checkin(), { 'content-type': 'text/plain' })).status).toBe(415);
    const get = await fetch(`${server.url}/api/checkins`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('takes the largest valid check-in, every character escaped, and refuses a larger body', async () => {
    const escaped = (n: number) => '\u0001'.repeat(n); // six bytes each in JSON
    const largest = checkin({
      findings: Array.from({ length: 50 }, () => ({ id: 'proxy-extension-installed', severity: 'medium', detail: escaped(300) })),
      policy: { ...checkin().policy, lastError: escaped(300) }, userIdentity: escaped(200), deviceName: escaped(100),
    });
    expect(JSON.stringify(largest).length).toBeGreaterThan(95_000);
    expect((await postCheckin(server.url, largest)).status).toBe(201);
    const answer = await refused({ ...checkin(), padding: ' '.repeat(MAX_CHECKIN_BYTES) });
    expect(answer).toMatchObject({ status: 413, json: { error: 'too_large' } });
  });

  it('shares the report endpoint\'s rate limit: a client\'s reports, acceptances and check-ins draw on one budget', async () => {
    const limited = await testServer(work.dir, { rateLimit: { perMinute: 60, burst: 3 } });
    try {
      const statuses = [
        (await postCheckin(limited.url, checkin())).status,
        (await postAcceptance(limited.url, acceptance())).status,
        (await postCheckin(limited.url, checkin())).status,
      ];
      const over = await postCheckin(limited.url, checkin());
      expect([...statuses, over.status]).toEqual([201, 201, 201, 429]);
      expect(over.json.error).toBe('rate_limited');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await limited.store.listDevices({}, view())).length).toBe(2);
    } finally {
      await limited.close();
    }
  });

  it('sweeps history older than the retention at start (and hourly)', async () => {
    const dir = workDir('aup-checkins-sweep-');
    const file = join(dir.dir, 'r.sqlite');
    const seed = new SqliteReportStore(file, { checkinRetention: { days: 10, perDevice: 100 } });
    const old = CheckinRequest.parse(checkin());
    await seed.saveCheckin(old, new Date(Date.now() - 11 * 86_400_000));
    await seed.close();
    const swept = await testServer(dir.dir, { store: new SqliteReportStore(file, { checkinRetention: { days: 10, perDevice: 100 } }) });
    try {
      await until(async () => (await swept.store.device(old.deviceId, view())) === null, 5000, 'the sweep');
      expect(swept.log.join('\n')).toContain('retention: 1 check-ins and 1 silent devices removed');
    } finally {
      await swept.close();
      dir.done();
    }
  });
});
