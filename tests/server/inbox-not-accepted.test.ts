import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('is in Welsh when the browser prefers it', async () => {
    const text = await signedIn(server);
    const html = await text('/inbox/acceptances', 'cy');
    expect(html).toContain('Heb ei dderbyn eto: fersiwn 2026.1');
    expect(html).toContain("Nid yw 2 dyfais yn anfon hunaniaeth defnyddiwr");
    expect(rows(html)).toHaveLength(2);
  });

  it('leaves out groups that need not accept, and says when everyone has accepted', async () => {
    const store = server.store;
    expect((await store.notAccepted('2026.1', { exceptGroups: ['childrens-homes'] })).devices.map((d) => d.userIdentity)).toEqual(['bob@example.gov.uk']);
    expect((await store.notAccepted('2026.1', { exceptGroups: ['office', 'childrens-homes'] }))).toEqual({ devices: [], withoutIdentity: 0 });
    expect((await store.notAccepted('2025.2', {})).devices.map((d) => d.userIdentity)).toEqual(['carol@example.gov.uk', 'JANE.SMITH@EXAMPLE.GOV.UK']);
    expect((await store.notAccepted('2025.2', { limit: 1 })).devices).toHaveLength(1);
  });
});

describe('without a served policy', () => {
  it('asks about the newest version received, and says so; no version known: no section', async () => {
    const server = await testServer(work.dir);
    try {
      const text = await signedIn(server);
      expect(await text('/inbox/acceptances')).not.toContain('not-accepted-title');
      await device(server.store, { userIdentity: 'dave@example.gov.uk' });
      await save(server.store, { aupVersion: '2026.2', userIdentity: 'erin@example.gov.uk' });
      const html = await text('/inbox/acceptances');
      expect(html).toContain('Not yet accepted: version 2026.2');
      expect(html).toContain('so this is the newest version received');
      expect(rows(html)).toEqual(['dave@example.gov.uk | Not given | office']);
      expect(html).not.toContain('send no user identity');
    } finally {
      await server.close();
    }
  });
});
