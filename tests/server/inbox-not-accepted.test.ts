import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { AcceptanceRequest } from '../../src/protocol/acceptance-wire.ts';
import { CheckinRequest } from '../../src/protocol/checkin-wire.ts';
import { SqliteReportStore } from '../../src/server/sqlite-store.ts';
import { acceptance, checkin, PASSWORD, testServer, workDir, writeRepoBundle, type TestServer } from './support/harness.ts';

/*
 * The acceptances page also answers "who has NOT accepted the current version?": devices known
 * from check-ins whose user identity has no acceptance of it (any case), in English and Welsh.
 */

let work: ReturnType<typeof workDir>;

const save = (store: SqliteReportStore, change: Record<string, unknown>) => store.saveAcceptance(AcceptanceRequest.parse(acceptance(change)), new Date('2026-11-24T09:00:00Z'));
const device = (store: SqliteReportStore, change: Record<string, unknown>) => store.saveCheckin(CheckinRequest.parse(checkin(change)), new Date('2026-11-24T09:00:00Z'));

async function signedIn(server: TestServer) {
  const signIn = await fetch(`${server.url}/inbox/sign-in`, { method: 'POST', body: new URLSearchParams({ password: PASSWORD }), redirect: 'manual' });
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  return async (path: string, language = 'en-GB') => (await fetch(`${server.url}${path}`, { headers: { cookie, 'accept-language': language } })).text();
}

async function csvOf(server: TestServer, signed = true): Promise<{ status: number; type: string | null; name: string | null; rows: Record<string, string>[] }> {
  const headers: Record<string, string> = {};
  if (signed) {
    const signIn = await fetch(`${server.url}/inbox/sign-in`, { method: 'POST', body: new URLSearchParams({ password: PASSWORD }), redirect: 'manual' });
    headers.cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  }
  const answer = await fetch(`${server.url}/inbox/not-accepted.csv`, { headers, redirect: 'manual' });
  const body = await answer.text();
  return { status: answer.status, type: answer.headers.get('content-type'), name: answer.headers.get('content-disposition'), rows: answer.status === 200 ? parse(body, { columns: true }) : [] };
}

/** The not-accepted section's rows: identity | device name | group. */
function rows(html: string): string[] {
  const section = /<section aria-labelledby="not-accepted-title"[^]*?<\/section>/.exec(html)?.[0] ?? '';
  return [...section.matchAll(/<tr><th scope="row"><a href="\/inbox\/fleet\/[0-9a-f-]{36}">([^<]*)<\/a><\/th><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)].map((m) => `${m[1]} | ${m[2]} | ${m[3]}`);
}

beforeAll(() => {
  work = workDir('aup-inbox-not-accepted-');
});
afterAll(() => work.done());

describe('who has not accepted the current AUP version', () => {
  let server: TestServer;
  beforeAll(async () => {
    // The repository's rules/: aup.version 2026.1.
    server = await testServer(work.dir, { bundleDir: await writeRepoBundle(work.dir) });
    const store = server.store;
    await save(store, { aupVersion: '2026.1', userIdentity: 'Jane.Smith@example.gov.uk' });
    await save(store, { aupVersion: '2025.2', userIdentity: 'bob@example.gov.uk' }); // an older version only
    await device(store, { userIdentity: 'JANE.SMITH@EXAMPLE.GOV.UK', deviceName: 'PC-001' }); // accepted (any case)
    await device(store, { userIdentity: 'bob@example.gov.uk', deviceName: 'PC-002' });
    await device(store, { userIdentity: 'carol@example.gov.uk', group: 'childrens-homes' });
    await device(store, {}); // no user identity
    await device(store, {});
  });
  afterAll(() => server.close());

  it("lists devices whose user has no acceptance of the served policy's version, and counts those it cannot tell", async () => {
    const text = await signedIn(server);
    const html = await text('/inbox/acceptances');
    expect(html).toContain('Not yet accepted: version 2026.1');
    expect(html).toContain('the one the served policy asks for');
    expect(rows(html)).toEqual(['bob@example.gov.uk | PC-002 | office', 'carol@example.gov.uk | Not given | childrens-homes']);
    expect(html).toContain('2 devices send no user identity');
  });

  it('exports the whole list as CSV (signed in only), linked from the section, formula cells neutralised', async () => {
    expect((await csvOf(server, false)).status).toBe(303);
    const store = server.store;
    await device(store, { userIdentity: '=1+2', deviceName: '@SUM(A1)' });
    const csv = await csvOf(server);
    expect(csv).toMatchObject({ status: 200, type: 'text/csv; charset=utf-8' });
    expect(csv.name).toContain('aup-not-accepted.csv');
    expect(csv.rows.map((r) => [r['aup version'], r['user identity'], r['device name'], r.group])).toEqual([
      ['2026.1', '\'=1+2', "'@SUM(A1)", 'office'],
      ['2026.1', 'bob@example.gov.uk', 'PC-002', 'office'],
      ['2026.1', 'carol@example.gov.uk', '', 'childrens-homes'],
    ]);
    for (const row of csv.rows) expect(row['device id']).toMatch(/^[0-9a-f-]{36}$/);
    const html = await (await signedIn(server))('/inbox/acceptances');
    expect(html).toContain('<a href="/inbox/not-accepted.csv">Download the devices whose user has not accepted as CSV</a>');
  });

  it('is in Welsh when the browser prefers it', async () => {
    const text = await signedIn(server);
    const html = await text('/inbox/acceptances', 'cy');
    expect(html).toContain('Heb ei dderbyn eto: fersiwn 2026.1');
    expect(html).toContain("Nid yw 2 dyfais yn anfon hunaniaeth defnyddiwr");
    expect(rows(html)).toHaveLength(3);
    expect(html).toContain("Lawrlwytho'r dyfeisiau nad yw eu defnyddiwr wedi derbyn fel CSV");
  });

  it('leaves out groups that need not accept, and says when everyone has accepted', async () => {
    const store = server.store;
    expect((await store.notAccepted('2026.1', { exceptGroups: ['childrens-homes'] })).devices.map((d) => d.userIdentity)).toEqual(['=1+2', 'bob@example.gov.uk']);
    expect((await store.notAccepted('2026.1', { exceptGroups: ['office', 'childrens-homes'] }))).toEqual({ devices: [], withoutIdentity: 0 });
    expect((await store.notAccepted('2025.2', {})).devices.map((d) => d.userIdentity)).toEqual(['=1+2', 'carol@example.gov.uk', 'JANE.SMITH@EXAMPLE.GOV.UK']);
    expect((await store.notAccepted('2025.2', { limit: 1 })).devices).toHaveLength(1);
  });
});

describe('without a served policy', () => {
  it('asks about the newest version received, and says so; no version known: no section', async () => {
    const server = await testServer(work.dir);
    try {
      const text = await signedIn(server);
      expect(await text('/inbox/acceptances')).not.toContain('not-accepted-title');
      // No version known yet: the CSV is the header alone.
      expect(await csvOf(server)).toMatchObject({ status: 200, rows: [] });
      await device(server.store, { userIdentity: 'dave@example.gov.uk' });
      await save(server.store, { aupVersion: '2026.2', userIdentity: 'erin@example.gov.uk' });
      const html = await text('/inbox/acceptances');
      expect(html).toContain('Not yet accepted: version 2026.2');
      expect(html).toContain('so this is the newest version received');
      expect(rows(html)).toEqual(['dave@example.gov.uk | Not given | office']);
      expect(html).not.toContain('send no user identity');
      expect((await csvOf(server)).rows.map((r) => [r['aup version'], r['user identity']])).toEqual([['2026.2', 'dave@example.gov.uk']]);
    } finally {
      await server.close();
    }
  });
});
