import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { AcceptanceRequest } from '../../src/protocol/acceptance-wire.ts';
import { acceptance, PASSWORD, postAcceptance, testServer, workDir, type TestServer } from './support/harness.ts';

let work: ReturnType<typeof workDir>;
let server: TestServer;
let cookie: string;

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers: { cookie, ...headers }, redirect: 'manual' });
const text = async (path: string, headers: Record<string, string> = {}) => (await get(path, headers)).text();
const csvRows = async (path: string) => parse(await text(path), { columns: true }) as Record<string, string>[];

const HOSTILE = acceptance({
  aupVersion: '"><script>alert(1)</script>',
  aupTitle: '<img src=x onerror=alert(2)> & "quotes"',
  userIdentity: '=HYPERLINK("http://evil.example","<b>click</b>")',
  device: { extensionVersion: '0.1.0', browser: '<iframe src=javascript:alert(3)>', group: 'office', policySerial: 1 },
});

beforeAll(async () => {
  work = workDir('aup-inbox-acceptances-');
  server = await testServer(work.dir);
  const signIn = await fetch(`${server.url}/inbox/sign-in`, { method: 'POST', body: new URLSearchParams({ password: PASSWORD }), redirect: 'manual' });
  cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const older = new Date('2026-01-05T09:00:00Z');
  const newer = new Date('2026-11-24T09:00:00Z');
  const save = (change: Record<string, unknown>, at: Date) => server.store.saveAcceptance(AcceptanceRequest.parse(acceptance(change)), at);
  await save({ aupVersion: '2025.2', aupTitle: 'Old policy', userIdentity: 'Jane.Smith@example.gov.uk' }, older);
  await save({ aupVersion: '2026.1', userIdentity: 'jane.smith@example.gov.uk' }, newer);
  await save({ aupVersion: '2026.1', userIdentity: 'bob@example.gov.uk' }, newer);
  await save({ aupVersion: '2026.1', userIdentity: 'JANE.SMITH@EXAMPLE.GOV.UK' }, newer); // the same person again (a new device)
  await save({ aupVersion: '2026.1', userIdentity: undefined, device: { extensionVersion: '0.1.0', browser: 'Firefox 140', group: '', policySerial: null }, policySerial: null }, newer);
  expect((await postAcceptance(server.url, HOSTILE)).status).toBe(201);
});
afterAll(async () => {
  await server.close();
  work.done();
});

describe('the acceptances page of the ICT inbox', () => {
  it('needs sign-in, for the page and the CSV', async () => {
    for (const path of ['/inbox/acceptances', '/inbox/acceptances.csv']) {
      const answer = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe('/inbox/sign-in');
    }
  });

  it('is linked from the navigation of every signed-in page, marked current where it is', async () => {
    const reports = await text('/inbox/reports');
    expect(reports).toMatch(/<nav aria-label="Inbox sections">.*href="\/inbox\/acceptances"/s);
    expect(reports).toContain('<a href="/inbox/reports" aria-current="page">');
    const page = await text('/inbox/acceptances');
    expect(page).toContain('<a href="/inbox/acceptances" aria-current="page">');
    expect(page).toContain('<a class="skip" href="#main">Skip to main content</a>');
  });

  it('summarises each AUP version: acceptances, distinct people (any case) and those without an identity', async () => {
    const page = await text('/inbox/acceptances');
    const summary = page.slice(page.indexOf('<caption>Acceptances per AUP version'), page.indexOf('</table>'));
    expect(summary).toContain('<th scope="col">AUP version</th>');
    const rows = [...summary.matchAll(/<tr><th scope="row"><a href="([^"]*)">([^<]*)<\/a><\/th><td>[^<]*<\/td><td>(\d+)<\/td><td>(\d+)<\/td><td>(\d+)<\/td>/g)]
      .map((m) => m.slice(1).join(' | '));
    expect(rows).toEqual([
      '/inbox/acceptances?version=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E | &quot;>&lt;script>alert(1)&lt;/script> | 1 | 1 | 0',
      '/inbox/acceptances?version=2026.1 | 2026.1 | 4 | 2 | 1',
      '/inbox/acceptances?version=2025.2 | 2025.2 | 1 | 1 | 0',
    ]);
  });

  it('lists acceptances newest first, and filters by AUP version and by the whole user identity in any case', async () => {
    const receipts = (html: string) => [...html.matchAll(/<td>(A-\d{4}-\d{6})<\/td>/g)].map((m) => m[1]);
    const year = new Date().getFullYear();
    expect(receipts(await text('/inbox/acceptances'))).toEqual([`A-${year}-000006`, 'A-2026-000005', 'A-2026-000004', 'A-2026-000003', 'A-2026-000002', 'A-2026-000001']);
    const byVersion = await text('/inbox/acceptances?version=2026.1');
    expect(byVersion).toContain('4 acceptances, newest first');
    expect(byVersion).toContain('<option value="2026.1" selected>2026.1</option>');
    expect(receipts(await text('/inbox/acceptances?user=JANE.SMITH%40example.gov.uk'))).toEqual(['A-2026-000004', 'A-2026-000002', 'A-2026-000001']);
    expect(receipts(await text('/inbox/acceptances?user=jane.smith%40example.gov.uk&version=2025.2'))).toEqual(['A-2026-000001']);
    expect(await text('/inbox/acceptances?user=jane')).toContain('No acceptances match these filters.');
    expect(await text('/inbox/acceptances?user=%3Cb%3E')).toContain('value="&lt;b>"');
  });

  it('renders hostile values as text: no markup, no script, no link of theirs', async () => {
    for (const path of ['/inbox/acceptances', `/inbox/acceptances?user=${encodeURIComponent(HOSTILE.userIdentity)}`]) {
      const html = await text(path);
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('<iframe');
      expect(html).not.toContain('<b>click');
      expect(html).not.toMatch(/href="(https?:\/\/evil|javascript:)/);
      expect(html).toContain('&lt;img src=x onerror=alert(2)> &amp; &quot;quotes&quot;');
    }
    expect((await get('/inbox/acceptances')).headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('exports CSV with the filters applied and formula cells neutralised', async () => {
    const answer = await get('/inbox/acceptances.csv?version=2026.1');
    expect(answer.headers.get('content-type')).toContain('text/csv');
    expect(answer.headers.get('content-disposition')).toContain('aup-acceptances.csv');
    const rows = parse(await answer.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['user identity'])).toEqual(['', 'JANE.SMITH@EXAMPLE.GOV.UK', 'bob@example.gov.uk', 'jane.smith@example.gov.uk']);
    expect(rows[0]).toMatchObject({ 'policy serial': '', 'device policy serial': '', group: '', browser: 'Firefox 140', 'aup version': '2026.1' });
    const hostile = (await csvRows('/inbox/acceptances.csv')).find((r) => r.id === HOSTILE.id)!;
    expect(hostile['user identity']).toBe(`'${HOSTILE.userIdentity}`);
    expect(hostile['aup title']).toBe(HOSTILE.aupTitle);
  });

  it('stops the page at 500 rows and says so; the CSV has every row', async () => {
    const many = Array.from({ length: 500 }, () => server.store.saveAcceptance(AcceptanceRequest.parse(acceptance({ aupVersion: 'bulk' })), new Date()));
    await Promise.all(many);
    const page = await text('/inbox/acceptances');
    expect(page).toContain('Only the newest 500 are shown here.');
    expect([...page.matchAll(/<td>A-\d{4}-\d{6}<\/td>/g)]).toHaveLength(500);
    expect(await csvRows('/inbox/acceptances.csv')).toHaveLength(506);
    expect(await text('/inbox/acceptances?version=2026.1')).not.toContain('Only the newest');
  });

  it('refuses to sign out without the session\'s CSRF token (the page\'s only form that posts)', async () => {
    const page = await text('/inbox/acceptances');
    expect(page).toContain('action="/inbox/sign-out"');
    const forged = await fetch(`${server.url}/inbox/sign-out`, { method: 'POST', body: new URLSearchParams({ csrf: 'nope' }), headers: { cookie }, redirect: 'manual' });
    expect(forged.status).toBe(403);
    expect((await get('/inbox/acceptances')).status).toBe(200);
  });
});
