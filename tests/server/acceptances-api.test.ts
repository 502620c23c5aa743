import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ACCEPTANCE_BYTES } from '../../src/server/acceptances-api.ts';
import { acceptance, post, postAcceptance, report, testServer, TOKEN, until, workDir, type TestServer } from './support/harness.ts';

let work: ReturnType<typeof workDir>;
let server: TestServer;

beforeAll(async () => {
  work = workDir('aup-acceptances-api-');
  server = await testServer(work.dir, { helpdeskEmail: 'ict@example.gov.uk' });
});
afterAll(async () => {
  await server.close();
  work.done();
});

const stored = async () => (await server.store.listAcceptances({ limit: null })).length;

/** Send something that must be refused: the status and error body, and nothing more stored. */
async function refused(body: unknown, headers: Record<string, string> = {}) {
  const before = await stored();
  const answer = await postAcceptance(server.url, body, headers);
  expect(await stored(), 'nothing extra stored').toBe(before);
  expect(typeof answer.json.error).toBe('string');
  expect(typeof answer.json.message).toBe('string');
  return answer;
}

describe('POST /api/acceptances', () => {
  it('stores an acceptance once: 201 with an A- receipt, a replay 200 with the same receipt and nothing changed', async () => {
    const a = acceptance();
    const first = await postAcceptance(server.url, a);
    expect(first).toMatchObject({ status: 201, json: { receipt: expect.stringMatching(/^A-\d{4}-\d{6}$/) } });
    const again = await postAcceptance(server.url, { ...a, aupTitle: 'sent again with another title' });
    expect(again).toMatchObject({ status: 200, json: { receipt: first.json.receipt } });
    const [kept] = await server.store.listAcceptances({ userIdentity: a.userIdentity });
    expect(kept).toMatchObject({ id: a.id, aupTitle: a.aupTitle, receipt: first.json.receipt });
    expect(await stored()).toBe(1);
    const second = await postAcceptance(server.url, acceptance({ userIdentity: undefined, policySerial: null }));
    expect(second.status).toBe(201);
    expect(second.json.receipt).not.toBe(first.json.receipt);
  });

  it('numbers acceptances apart from reports, without gaps for replays, and emails nobody about them', async () => {
    const year = new Date().getFullYear();
    const r = await post(server.url, report());
    expect(r.json.receipt).toBe(`R-${year}-000001`);
    const a = acceptance({ userIdentity: '<b>ann</b>@example.gov.uk' });
    expect((await postAcceptance(server.url, a)).json.receipt).toBe(`A-${year}-000003`); // after the two of the test above (one replayed)
    expect((await postAcceptance(server.url, a)).json.receipt).toBe(`A-${year}-000003`);
    expect((await postAcceptance(server.url, acceptance())).json.receipt).toBe(`A-${year}-000004`);
    await until(() => server.log.some((line) => line.includes(`AUP report R-${year}-000001`)), 10_000, 'the report\'s mail');
    server.outbox.wake();
    await server.outbox.idle();
    const mails = server.log.filter((line) => line.startsWith('mail '));
    expect(mails).toHaveLength(1);
    expect(mails.join()).not.toMatch(/A-\d{4}|ann|accept/i);
  });

  it('refuses malformed JSON, wrong fields (naming each) and fields outside the contract', async () => {
    expect(await refused('{"id": "abc",')).toMatchObject({ status: 400, json: { error: 'malformed_json' } });
    const answer = await refused(acceptance({ aupVersion: '', acceptedAt: 'yesterday', policySerial: -1, device: { extensionVersion: '1', browser: 'x', group: '', policySerial: 'one' } }));
    expect(answer).toMatchObject({ status: 400, json: { error: 'invalid_acceptance' } });
    const paths = (answer.json.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['aupVersion', 'acceptedAt', 'policySerial', 'device.policySerial']));
    expect((await refused(acceptance({ userIdentity: 'u'.repeat(201) }))).status).toBe(400);
    expect((await refused(acceptance({ kind: 'inadvertent' }))).status).toBe(400);
    expect((await refused(report())).status).toBe(400); // a report sent to the wrong endpoint
  });

  it('refuses a missing or wrong token, the wrong media type, and another method', async () => {
    expect(await refused(acceptance(), { authorization: '' })).toMatchObject({ status: 401, json: { error: 'unauthorised' } });
    expect((await refused(acceptance(), { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await refused(acceptance(), { 'content-type': 'text/plain' })).status).toBe(415);
    const get = await fetch(`${server.url}/api/acceptances`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('takes the largest valid acceptance, every character escaped, and refuses a larger body', async () => {
    const escaped = (n: number) => '\u0001'.repeat(n); // six bytes each in JSON
    const largest = acceptance({
      // A user identity has no control characters: a lone surrogate is escaped to six bytes too.
      aupVersion: escaped(64), aupTitle: escaped(200), userIdentity: '\ud800'.repeat(200),
      device: { extensionVersion: `1${escaped(99)}`, browser: `C${escaped(99)}`, group: escaped(64), policySerial: 1 },
    });
    expect(JSON.stringify(largest).length).toBeGreaterThan(4000);
    expect((await postAcceptance(server.url, largest)).status).toBe(201);
    const answer = await refused({ ...acceptance(), padding: ' '.repeat(MAX_ACCEPTANCE_BYTES) });
    expect(answer).toMatchObject({ status: 413, json: { error: 'too_large' } });
  });

  it('shares the report endpoint\'s rate limit: a client\'s reports and acceptances draw on one budget', async () => {
    const limited = await testServer(work.dir, { rateLimit: { perMinute: 60, burst: 3 } });
    try {
      const statuses = [
        (await post(limited.url, report())).status,
        (await postAcceptance(limited.url, acceptance())).status,
        (await postAcceptance(limited.url, acceptance())).status,
      ];
      const over = await postAcceptance(limited.url, acceptance());
      expect([...statuses, over.status]).toEqual([201, 201, 201, 429]);
      expect(over.json.error).toBe('rate_limited');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await post(limited.url, report())).status).toBe(429);
      expect((await limited.store.listAcceptances({})).length).toBe(2);
    } finally {
      await limited.close();
    }
  });
});
