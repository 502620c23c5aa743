import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckinRequest } from '../../src/protocol/checkin-wire.ts';
import { checkin, PASSWORD, postCheckin, testServer, workDir, writeRepoBundle, type TestServer } from './support/harness.ts';

/*
 * The fleet page against a server that serves the repository's bundle (serial 5, valid 30
 * days), with the clock fixed: the summary, the filters, "behind", one device, hostile values,
 * CSRF, the CSV and Welsh.
 */

let work: ReturnType<typeof workDir>;
let server: TestServer;
let cookie: string;

const DAY = 86_400_000;
const NOW = new Date('2026-11-24T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY).toISOString();
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers: { cookie, ...headers }, redirect: 'manual' });
const text = async (path: string, headers: Record<string, string> = {}) => (await get(path, headers)).text();
const deviceLinks = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/inbox\/fleet\/[0-9a-f-]{36}">([^<]*)<\/a><\/th>/g)].map((m) => m[1]).sort();

/** A bundle-5 device synced a day ago, as the fleet's reference. */
const policy = (change: Record<string, unknown> = {}) => ({
  serial: 5, source: 'bundle', issuedAt: '2026-11-01T00:00:00Z', expiresAt: '2026-12-01T00:00:00Z', fetchedAt: daysAgo(1), lastError: null, ...change,
});
const HOSTILE_ID = randomUUID();
const INCOGNITO_ID = randomUUID();
const HOSTILE_IDENTITY = '=HYPERLINK("http:x","<b>click</b>")';
const HOSTILE = checkin({
  deviceId: HOSTILE_ID, group: 'open-access', policy: policy(),
  deviceName: '<script>alert(1)</script>', userIdentity: HOSTILE_IDENTITY,
  findings: [{ id: 'proxy-extension-installed', severity: 'medium', detail: '<img src=x onerror=alert(2)> "Free VPN" (abcdefghijklmnop)' }],
});

beforeAll(async () => {
  work = workDir('aup-inbox-fleet-');
  server = await testServer(work.dir, { bundleDir: await writeRepoBundle(work.dir), now: () => NOW });
  const signIn = await fetch(`${server.url}/inbox/sign-in`, { method: 'POST', body: new URLSearchParams({ password: PASSWORD }), redirect: 'manual' });
  cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const send = async (change: Record<string, unknown>) => expect((await postCheckin(server.url, checkin({ policy: policy(), ...change }))).status).toBe(201);
  await send({ deviceName: 'fine', userIdentity: 'jane.smith@example.gov.uk' });
  await send({ deviceName: 'incognito', deviceId: INCOGNITO_ID, findings: [{ id: 'incognito-available', severity: 'high' }, { id: 'developer-mode', severity: 'low' }] });
  await send({ deviceName: 'older-serial', policy: policy({ serial: 4, issuedAt: '2026-11-01T00:00:00Z', expiresAt: '2026-11-11T00:00:00Z', fetchedAt: daysAgo(12) }) });
  await send({ deviceName: 'stale', policy: policy({ fetchedAt: daysAgo(31), lastError: 'network: [address] timed out' }) });
  await send({ deviceName: 'by-hand', group: '', installedByPolicy: false, findings: [{ id: 'not-installed-by-policy', severity: 'high' }],
    policy: { serial: null, source: 'baseline', issuedAt: null, expiresAt: null, fetchedAt: null, lastError: null } });
  expect((await postCheckin(server.url, HOSTILE)).status).toBe(201);
  await server.store.saveCheckin(CheckinRequest.parse(checkin({ deviceName: 'silent', policy: policy({ fetchedAt: daysAgo(9) }) })), new Date(daysAgo(8)));
  // Three more from the incognito device: the page shows its history, newest first.
  for (const hours of [3, 2, 1]) await send({ deviceName: 'incognito', deviceId: INCOGNITO_ID, at: new Date(NOW.getTime() - hours * 3_600_000).toISOString(), findings: [{ id: 'incognito-available', severity: 'high' }] });
});
afterAll(async () => {
  await server.close();
  work.done();
});

describe('the fleet page of the ICT inbox', () => {
  it('needs sign-in, for the page, the CSV and a device', async () => {
    for (const path of ['/inbox/fleet', '/inbox/fleet.csv', `/inbox/fleet/${INCOGNITO_ID}`]) {
      const answer = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe('/inbox/sign-in');
    }
  });

  it('is in the navigation of every signed-in page, marked current where it is, with the skip link', async () => {
    expect(await text('/inbox/reports')).toMatch(/<nav aria-label="Inbox sections">.*href="\/inbox\/fleet"/s);
    const page = await text('/inbox/fleet');
    expect(page).toContain('<a href="/inbox/fleet" aria-current="page">Fleet status</a>');
    expect(page).toContain('<a class="skip" href="#main">Skip to main content</a>');
    expect(page).toContain('Devices send no web addresses and no browsing history.');
  });

  it('sums the fleet up: devices, on the newest serial (the served one), high findings, not seen for 7 days, behind, not installed by policy', async () => {
    const page = await text('/inbox/fleet');
    const summary = page.slice(page.indexOf('<caption>The fleet at a glance'), page.indexOf('</table>'));
    const rows = [...summary.matchAll(/<tr><th scope="row">([^<]*)<\/th><td>(?:<a href="([^"]*)">)?(\d+)/g)].map((m) => `${m[1]} = ${m[3]}${m[2] ? ` → ${m[2]}` : ''}`);
    expect(rows).toEqual([
      'All devices = 7',
      'On the newest policy (serial 5) = 5',
      'With high-severity findings = 2 → /inbox/fleet?show=high',
      'Not seen for 7 days = 1 → /inbox/fleet?show=not-seen',
      'Behind = 2 → /inbox/fleet?show=behind',
      'AUP Guard not installed by policy = 1 → /inbox/fleet?show=not-installed-by-policy',
    ]);
    expect(page).toContain("older than the policy's validity (30 days, from the bundle this server serves)");
    const groups = page.slice(page.indexOf('<caption>Devices per group'));
    expect(groups).toMatch(/<th scope="row"><a href="\/inbox\/fleet\?group=-">not set<\/a><\/th><td>1<\/td>/);
    expect(groups).toMatch(/<th scope="row"><a href="\/inbox\/fleet\?group=office">office<\/a><\/th><td>5<\/td>/);
    expect(groups).toContain('<a href="/inbox/fleet?group=office&amp;show=behind">1</a>');
  });

  it('shows behind by the served bundle\'s validity: 31 days since the last sync is behind, 12 days (on a 10-day bundle of its own) is not; never synced is', async () => {
    expect(deviceLinks(await text('/inbox/fleet?show=behind'))).toEqual(['by-hand', 'stale']);
    const stale = await text('/inbox/fleet?show=behind&group=office');
    expect(stale).toContain('<strong class="tag">behind</strong>');
    expect(deviceLinks(stale)).toEqual(['stale']);
  });

  it('filters by quick view, finding and group, and says when nothing matches', async () => {
    expect(deviceLinks(await text('/inbox/fleet?show=not-seen'))).toEqual(['silent']);
    expect(deviceLinks(await text('/inbox/fleet?finding=incognito-available'))).toEqual(['incognito']);
    expect(deviceLinks(await text('/inbox/fleet?show=not-installed-by-policy'))).toEqual(['by-hand']);
    expect(deviceLinks(await text('/inbox/fleet?show=not-newest'))).toEqual(['by-hand', 'older-serial']);
    expect(deviceLinks(await text('/inbox/fleet?group=-'))).toEqual(['by-hand']);
    expect(deviceLinks(await text('/inbox/fleet?group=open-access'))).toEqual(['&lt;script>alert(1)&lt;/script>']);
    const none = await text('/inbox/fleet?finding=developer-mode&group=open-access');
    expect(none).toContain('No devices match these filters.');
    expect(none).toContain('<option value="developer-mode" selected>Developer mode is on</option>');
    expect(deviceLinks(await text('/inbox/fleet?finding=made-up&show=%3Cb%3E'))).toHaveLength(7); // not a filter: everything
  });

  it('shows one device: its facts, each finding with what ICT can do, and its recent check-ins newest first', async () => {
    const page = await text(`/inbox/fleet/${INCOGNITO_ID}`);
    expect(page).toContain('<h1>Device incognito</h1>');
    expect(page).toContain('<caption>Findings and what ICT can do, most severe first</caption>');
    expect(page).toContain('<th scope="row">Private windows available without AUP Guard</th>');
    expect(page).toContain('IncognitoModeAvailability = 1, Edge InPrivateModeAvailability = 1');
    const recent = page.slice(page.indexOf('<caption>Its recent check-ins, newest first</caption>'));
    expect([...recent.matchAll(/<tr><td>/g)]).toHaveLength(4);
    expect(page).not.toContain('This device is behind');
    const stale = (await server.store.listDevices({ show: 'behind', group: 'office' }, { now: NOW, servedSerial: 5, validityMs: 30 * DAY }))[0]!;
    const stalePage = await text(`/inbox/fleet/${stale.deviceId}`);
    expect(stalePage).toContain('<h2 id="behind-title">This device is behind</h2>');
    expect(stalePage).toContain('network: [address] timed out');
    expect(stalePage).toContain("The device's self-check found nothing to fix.");
    expect((await get(`/inbox/fleet/${randomUUID()}`)).status).toBe(404);
  });

  it('renders hostile values as text: no markup, no script', async () => {
    for (const path of ['/inbox/fleet', `/inbox/fleet/${HOSTILE_ID}`]) {
      const html = await text(path);
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('<b>click');
      expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    }
    const device = await text(`/inbox/fleet/${HOSTILE_ID}`);
    expect(device).toContain('&lt;img src=x onerror=alert(2)> &quot;Free VPN&quot; (abcdefghijklmnop)');
    expect(device).toContain('Remove the extension named in the detail');
    expect((await get('/inbox/fleet')).headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('exports CSV with the filters applied and formula cells neutralised', async () => {
    const answer = await get('/inbox/fleet.csv?show=behind');
    expect(answer.headers.get('content-type')).toContain('text/csv');
    expect(answer.headers.get('content-disposition')).toContain('aup-fleet.csv');
    const rows = parse(await answer.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['device name']).sort()).toEqual(['by-hand', 'stale']);
    expect(rows.find((r) => r['device name'] === 'by-hand')).toMatchObject({ behind: 'yes', 'installed by policy': 'no', 'policy source': 'baseline', 'policy serial': '', high: '1', findings: 'not-installed-by-policy (high)' });
    const all = parse(await text('/inbox/fleet.csv'), { columns: true }) as Record<string, string>[];
    expect(all).toHaveLength(7);
    const hostile = all.find((r) => r['device id'] === HOSTILE_ID)!;
    expect(hostile['user identity']).toBe(`'${HOSTILE_IDENTITY}`);
    expect(hostile.findings).toBe('proxy-extension-installed (medium): <img src=x onerror=alert(2)> "Free VPN" (abcdefghijklmnop)');
  });

  it('refuses a POST without the session\'s CSRF token; the page itself changes nothing', async () => {
    const page = await text('/inbox/fleet');
    expect(page).not.toMatch(/<form method="post" action="\/inbox\/fleet/);
    const forged = await fetch(`${server.url}/inbox/fleet`, { method: 'POST', body: new URLSearchParams({ csrf: 'nope' }), headers: { cookie }, redirect: 'manual' });
    expect(forged.status).toBe(403);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const genuine = await fetch(`${server.url}/inbox/fleet`, { method: 'POST', body: new URLSearchParams({ csrf }), headers: { cookie, origin: server.url }, redirect: 'manual' });
    expect(genuine.status).toBe(404); // a real form, but nothing posts here
  });

  it('is in Welsh when Accept-Language prefers it: the page, a device and its fixes', async () => {
    const welsh = { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' };
    const page = await text('/inbox/fleet', welsh);
    expect(page).toContain('<html lang="cy">');
    expect(page).toContain('<h1>Statws y dyfeisiau</h1>');
    expect(page).toContain('Heb eu gweld ers 7 diwrnod');
    expect(page).not.toContain('Fleet status');
    const device = await text(`/inbox/fleet/${INCOGNITO_ID}`, welsh);
    expect(device).toContain('Ffenestri preifat ar gael heb AUP Guard');
    expect(device).toContain('Diffoddwch ffenestri preifat');
    expect(device).not.toContain('What ICT can do');
  });
});
