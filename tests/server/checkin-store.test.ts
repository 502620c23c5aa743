import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcceptanceRequest } from '../../src/protocol/acceptance-wire.ts';
import { CheckinRequest } from '../../src/protocol/checkin-wire.ts';
import { ReportRequest } from '../../src/protocol/report-wire.ts';
import type { FleetView } from '../../src/server/checkin-store.ts';
import { migrate, SCHEMA_VERSION } from '../../src/server/sqlite-migrations.ts';
import { SqliteReportStore } from '../../src/server/sqlite-store.ts';
import { acceptance, checkin, report, workDir } from './support/harness.ts';

let work: ReturnType<typeof workDir>;
beforeAll(() => {
  work = workDir('aup-checkin-store-');
});
afterAll(() => work.done());

const DAY = 86_400_000;
const now = new Date('2026-11-24T12:00:00Z');
const view = (change: Partial<FleetView> = {}): FleetView => ({ now, servedSerial: null, validityMs: null, ...change });
const parse = (change: Record<string, unknown> = {}) => CheckinRequest.parse(checkin(change));
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);

describe('check-ins in the SQLite store', () => {
  it('stores each check-in id once, keeps the newest per device, and keeps it across a reopen', async () => {
    const file = join(work.dir, 'a.sqlite');
    const store = new SqliteReportStore(file);
    const deviceId = randomUUID();
    const first = parse({ deviceId, at: '2026-11-24T09:00:00Z' });
    const second = parse({ deviceId, at: '2026-11-24T10:00:00+01:00', findings: [{ id: 'developer-mode', severity: 'medium' }] }); // 09:00Z: same instant, later arrival
    // One turn of the event loop: one group commit, the replay seen inside it.
    const results = await Promise.all([store.saveCheckin(first, daysAgo(1)), store.saveCheckin(second, now), store.saveCheckin(first, now)]);
    expect(results).toEqual([{ created: true }, { created: true }, { created: false }]);
    await store.close();
    const again = new SqliteReportStore(file);
    const device = await again.device(deviceId, view());
    expect(device).toMatchObject({ deviceId, lastSeen: now.toISOString(), firstSeen: daysAgo(1).toISOString(), findings: { high: 0, medium: 1, low: 0 } });
    expect(device!.checkin).toEqual(second);
    expect((await again.checkinsOf(deviceId, 10)).map((c) => c.checkin.id)).toEqual([second.id, first.id]);
    expect(await again.saveCheckin(first, now)).toEqual({ created: false });
    await again.close();
  });

  it('keeps the newest by the device clock when an older check-in arrives late, unless the stored one is from the future', async () => {
    const store = new SqliteReportStore(join(work.dir, 'b.sqlite'));
    const deviceId = randomUUID();
    const newer = parse({ deviceId, at: '2026-11-24T11:00:00Z', policy: { ...checkin().policy, serial: 2 } });
    const older = parse({ deviceId, at: '2026-11-24T10:00:00Z' });
    await store.saveCheckin(newer, daysAgo(0.5));
    await store.saveCheckin(older, now); // delivered late by the outbox
    const device = (await store.device(deviceId, view()))!;
    expect(device.checkin.id).toBe(newer.id);
    expect(device.lastSeen).toBe(now.toISOString()); // it was heard from, all the same
    expect(await store.checkinsOf(deviceId, 10)).toHaveLength(2);

    const ahead = randomUUID();
    await store.saveCheckin(parse({ deviceId: ahead, at: '2030-01-01T00:00:00Z' }), daysAgo(1));
    const corrected = parse({ deviceId: ahead, at: '2026-11-24T11:59:00Z' });
    await store.saveCheckin(corrected, now);
    expect((await store.device(ahead, view()))!.checkin.id).toBe(corrected.id);
    await store.close();
  });

  it('keeps at most perDevice check-ins per device (trimmed on write), and drops by age and silent devices in the sweep', async () => {
    const store = new SqliteReportStore(join(work.dir, 'c.sqlite'), { checkinRetention: { days: 30, perDevice: 5 } });
    const busy = randomUUID();
    const other = randomUUID();
    const sent: string[] = [];
    for (let i = 0; i < 12; i++) {
      const c = parse({ deviceId: busy, at: new Date(daysAgo(40).getTime() + i * 3_600_000).toISOString() });
      sent.push(c.id);
      await store.saveCheckin(c, new Date(daysAgo(40).getTime() + i * 3_600_000));
    }
    await store.saveCheckin(parse({ deviceId: other, at: daysAgo(40).toISOString() }), daysAgo(40));
    await store.saveCheckin(parse({ deviceId: other, at: daysAgo(2).toISOString() }), daysAgo(2));
    expect((await store.checkinsOf(busy, 100)).map((c) => c.checkin.id)).toEqual(sent.slice(-5).reverse());
    expect(await store.checkinsOf(other, 100)).toHaveLength(2);

    expect(await store.pruneCheckins(now)).toEqual({ checkins: 6, devices: 1 });
    expect(await store.device(busy, view())).toBeNull();
    expect(await store.checkinsOf(busy, 100)).toEqual([]);
    expect(await store.checkinsOf(other, 100)).toHaveLength(1);
    expect(await store.device(other, view())).not.toBeNull();
    expect(await store.pruneCheckins(now)).toEqual({ checkins: 0, devices: 0 });
    await store.close();
  });

  it('counts the fleet and filters it: newest serial, high findings, not seen for 7 days, behind, not installed by policy, group, finding', async () => {
    const store = new SqliteReportStore(join(work.dir, 'd.sqlite'));
    const sync = (daysBefore: number, serial = 3) => ({
      serial, source: 'bundle', issuedAt: '2026-11-01T00:00:00Z', expiresAt: '2026-11-11T00:00:00Z', // a 10-day bundle
      fetchedAt: daysAgo(daysBefore).toISOString(), lastError: null,
    });
    const save = (name: string, change: Record<string, unknown>, seen = now) => store.saveCheckin(parse({ deviceName: name, policy: sync(1), ...change }), seen);
    await save('fine', {});
    await save('old-serial', { policy: sync(1, 2) });
    await save('incognito', { findings: [{ id: 'incognito-available', severity: 'high' }, { id: 'developer-mode', severity: 'low' }] });
    await save('silent', {}, daysAgo(8));
    await save('stale-sync', { policy: sync(12) });
    await save('baseline', { group: 'open-access', installedByPolicy: false, policy: { serial: null, source: 'baseline', issuedAt: null, expiresAt: null, fetchedAt: null, lastError: null } });
    const names = async (filter: Parameters<typeof store.listDevices>[0], v = view()) => (await store.listDevices(filter, v)).map((d) => d.checkin.deviceName).sort();

    const { all, groups } = await store.fleetSummary(view());
    expect(all).toEqual({ devices: 6, newestSerial: 3, onNewest: 4, withHigh: 1, notSeen: 1, behind: 2, notInstalledByPolicy: 1 });
    expect(groups.map((g) => [g.group, g.devices, g.behind])).toEqual([['office', 5, 1], ['open-access', 1, 1]]);
    expect(await store.fleetGroups()).toEqual(['office', 'open-access']);
    expect(await names({ show: 'behind' })).toEqual(['baseline', 'stale-sync']);
    expect(await names({ show: 'not-seen' })).toEqual(['silent']);
    expect(await names({ show: 'high' })).toEqual(['incognito']);
    expect(await names({ show: 'not-newest' })).toEqual(['baseline', 'old-serial']);
    expect(await names({ show: 'not-installed-by-policy' })).toEqual(['baseline']);
    expect(await names({ finding: 'developer-mode' })).toEqual(['incognito']);
    expect(await names({ finding: 'incognito-available', group: 'open-access' })).toEqual([]);
    expect(await names({ group: 'open-access' })).toEqual(['baseline']);
    expect(await store.listDevices({ limit: 2 }, view())).toHaveLength(2);

    // The served bundle decides: a 30-day bundle makes the 12-day-old sync current; serial 4 is newer than any device's.
    const served = view({ servedSerial: 4, validityMs: 30 * DAY });
    expect(await names({ show: 'behind' }, served)).toEqual(['baseline']);
    expect((await store.fleetSummary(served)).all).toMatchObject({ newestSerial: 4, onNewest: 0, behind: 1 });
    expect((await store.device((await store.listDevices({ group: 'open-access' }, served))[0]!.deviceId, served))!.behind).toBe(true);
    await store.close();
  });

  it('upgrades a database left by the previous server (schema 3), keeping its reports and acceptances', async () => {
    expect(SCHEMA_VERSION).toBe(4);
    const file = join(work.dir, 'old.sqlite');
    const old = new Database(file);
    migrate(old, 3); // the steps the previous release ran, exactly as they are
    old.prepare(`INSERT INTO reports (id, kind, url, host, category, category_title, sensitive, accessed_at, reported_at, received_at, device, user_identity)
      VALUES ('3b241101-e2bb-4255-8caf-4136c566a962', 'inadvertent', 'https://www.example.com/', 'www.example.com', 'gambling', 'Gambling', 0,
      '2026-11-24T12:30:00Z', '2026-11-24T12:31:00Z', '2026-11-24T12:31:01.000Z', '{"extensionVersion":"0.1.0","browser":"Chrome 156","group":"office","policySerial":1}', 'jane')`).run();
    old.prepare(`INSERT INTO acceptances (id, aup_version, aup_title, policy_serial, accepted_at, received_at, user_identity, device)
      VALUES ('9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f', '2026.1', 'AUP', 1, '2026-11-24T08:59:00Z', '2026-11-24T09:00:00.000Z', 'jane',
      '{"extensionVersion":"0.1.0","browser":"Chrome 156","group":"office","policySerial":1}')`).run();
    expect(old.pragma('user_version', { simple: true })).toBe(3);
    expect(old.prepare("SELECT name FROM sqlite_master WHERE name IN ('devices', 'checkins')").all()).toEqual([]);
    old.close();

    const store = new SqliteReportStore(file);
    expect(await store.get('3b241101-e2bb-4255-8caf-4136c566a962')).toMatchObject({ receipt: 'R-2026-000001', userIdentity: 'jane' });
    expect((await store.listAcceptances({})).map((a) => a.receipt)).toEqual(['A-2026-000001']);
    const at = new Date('2026-11-24T09:00:00Z');
    expect((await store.add(ReportRequest.parse(report()), { receivedAt: at, sensitive: false, categoryTitle: '', deliveries: [] })).receipt).toBe('R-2026-000002');
    expect((await store.saveAcceptance(AcceptanceRequest.parse(acceptance()), at)).receipt).toBe('A-2026-000002');
    const c = parse();
    expect(await store.saveCheckin(c, now)).toEqual({ created: true });
    expect((await store.device(c.deviceId, view()))!.checkin).toEqual(c);
    await store.close();
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(4);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('devices', 'checkins') AND name NOT LIKE 'sqlite_%' ORDER BY name").all())
      .toEqual([{ name: 'checkins_device' }, { name: 'checkins_received' }, { name: 'devices_group' }, { name: 'devices_last_seen' }]);
    after.close();
  });
});
