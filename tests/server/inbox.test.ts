import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { londonMidnight } from '../../src/server/inbox/filters.ts';
import { PASSWORD, post, report, testServer, workDir, writeRepoBundle, type TestServer } from './support/harness.ts';

let work: ReturnType<typeof workDir>;
let server: TestServer;

beforeAll(async () => {
  work = workDir('aup-inbox-');
  server = await testServer(work.dir, { bundleDir: await writeRepoBundle(work.dir) });
});
afterAll(async () => {
  await server.close();
  work.done();
});

const get = (path: string, cookie = '') => fetch(`${server.url}${path}`, { headers: { cookie }, redirect: 'manual' });
const form = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual', headers });

/** One session for the tests below (sign-in attempts are rate-limited per address, as they should be). */
let session: string | null = null;
async function signIn(): Promise<string> {
  if (session) return session;
  const answer = await form('/inbox/sign-in', { password: PASSWORD });
  expect(answer.status).toBe(303);
  session = answer.headers.get('set-cookie')!.split(';')[0]!;
  return session;
}

const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;

const HOSTILE = {
  url: 'https://evil.example/"><script>alert(1)</script><a href="javascript:alert(2)">x</a>',
  host: 'evil.example',
  note: '<img src=x onerror=alert(3)> & "quotes" </textarea><b>bold</b>',
  lineManagerEmail: 'boss@example.gov.uk',
};

describe('the ICT inbox', () => {
  it('asks for sign-in, refuses a wrong password, and gives a Secure, HttpOnly, SameSite=Strict session cookie', async () => {
    expect((await get('/inbox/reports')).headers.get('location')).toBe('/inbox/sign-in');
    const wrong = await form('/inbox/sign-in', { password: 'guess' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('The password or token is not right.');
    const right = await form('/inbox/sign-in', { password: PASSWORD });
    const cookie = right.headers.get('set-cookie')!;
    for (const flag of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/inbox']) expect(cookie).toContain(flag);
    expect((await get('/inbox/reports', cookie.split(';')[0])).status).toBe(200);
    expect((await get('/inbox/reports', 'aup_inbox=forged')).status).toBe(303);
  });

  it('refuses a sign-in posted from another site', async () => {
    expect((await form('/inbox/sign-in', { password: PASSWORD }, { origin: 'https://attacker.example' })).status).toBe(403);
  });

  it('renders hostile values as text: no markup, no live link to the reported URL', async () => {
    const r = report(HOSTILE);
    expect((await post(server.url, r)).status).toBe(201);
    const cookie = await signIn();
    for (const path of ['/inbox/reports', `/inbox/reports/${r.id}`]) {
      const html = await (await get(path, cookie)).text();
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('<b>bold');
      expect(html).not.toMatch(/href="(https:\/\/evil|javascript:)/);
      expect(html).not.toContain('href="https://evil');
    }
    const detail = await (await get(`/inbox/reports/${r.id}`, cookie)).text();
    expect(detail).toContain('&lt;script>alert(1)&lt;/script>');
    expect(detail).toContain('&lt;img src=x onerror=alert(3)> &amp; &quot;quotes&quot;');
    const page = await get(`/inbox/reports/${r.id}`, cookie);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('shows the IWF link and the rules/ change on a sensitive report', async () => {
    const r = report({ category: 'pornography', url: 'https://adult.example/x', host: 'adult.example' });
    await post(server.url, r);
    const html = await (await get(`/inbox/reports/${r.id}`, await signIn())).text();
    expect(html).toContain('href="https://report.iwf.org.uk/"');
    expect(html).toContain('rules/categories/pornography.txt');
    const blocked = report({ kind: 'wrongly-blocked', url: 'https://www.council-partner.example/', host: 'www.council-partner.example' });
    await post(server.url, blocked);
    const exemption = await (await get(`/inbox/reports/${blocked.id}`, await signIn())).text();
    expect(exemption).toContain('- id: allow-www-council-partner-example');
    expect(exemption).not.toContain('report.iwf.org.uk');
  });

  it('marks a report actioned only with the session\'s CSRF token', async () => {
    const r = report();
    await post(server.url, r);
    const cookie = await signIn();
    const csrf = csrfOf(await (await get(`/inbox/reports/${r.id}`, cookie)).text());
    const forged = await form(`/inbox/reports/${r.id}/actioned`, { csrf: 'nope' }, { cookie });
    expect(forged.status).toBe(403);
    const crossSite = await form(`/inbox/reports/${r.id}/actioned`, { csrf }, { cookie, origin: 'https://attacker.example' });
    expect(crossSite.status).toBe(403);
    expect((await server.store.get(r.id))?.state).toBe('new');
    expect((await form(`/inbox/reports/${r.id}/actioned`, { csrf }, { cookie })).status).toBe(303);
    expect((await server.store.get(r.id))?.state).toBe('actioned');
  });

  it('filters by kind, category and state, and exports CSV with formula cells neutralised', async () => {
    const formula = report({ category: 'gaming', url: 'https://games.example/', host: 'games.example', note: '=HYPERLINK("http://x","y")' });
    await post(server.url, formula);
    await post(server.url, report({ kind: 'wrongly-allowed', category: 'gaming', url: 'https://games.example/b', host: 'games.example' }));
    const cookie = await signIn();
    const list = await (await get('/inbox/reports?kind=inadvertent&category=gaming&state=new', cookie)).text();
    expect(list).toContain('1 report, newest first');
    const csv = await get('/inbox/reports.csv?category=gaming', cookie);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.kind === 'inadvertent')?.note).toBe(`'=HYPERLINK("http://x","y")`);
    const none = await (await get(`/inbox/reports?from=2999-01-01`, cookie)).text();
    expect(none).toContain('No reports match these filters.');
  });

  it('reads filter dates as UK days', () => {
    expect(londonMidnight('2026-07-01')).toBe('2026-06-30T23:00:00.000Z');
    expect(londonMidnight('2026-12-01')).toBe('2026-12-01T00:00:00.000Z');
    expect(londonMidnight('2026-12-01', 1)).toBe('2026-12-02T00:00:00.000Z');
    expect(londonMidnight('not a date')).toBeNull();
  });
});
