import type Database from 'better-sqlite3';
import { CheckinRequest, type Severity } from '../protocol/checkin-wire.ts';
import {
  NOT_SEEN_DAYS, type CheckinRetention, type CheckinStore, type DeviceFilter, type FleetSummary, type FleetView, type GroupSummary,
  type SeverityCounts, type StoredCheckin, type StoredDevice,
} from './checkin-store.ts';

type DeviceRow = {
  device_id: string; checkin_id: string; at: string; first_seen: string; last_seen: string; group_id: string; serial: number | null;
  fetched_ms: number | null; valid_ms: number | null; max_severity: number; installed_by_policy: number;
  user_identity: string | null; device_name: string | null; checkin: string; behind: number;
};
type CheckinRow = { seq: number; id: string; device_id: string; at: string; received_at: string; checkin: string };

/** Writes go through the owning store's group commit (one transaction per event-loop turn). */
export type GroupWrite = <T>(run: () => T) => Promise<T>;

const RANK: Record<Severity, number> = { low: 1, medium: 2, high: 3 };
const DAY_MS = 86_400_000;
const iso = (instant: string) => new Date(instant).toISOString();
const ms = (instant: string | null) => (instant === null ? null : Date.parse(instant));

/**
 * "Behind": the last successful sync plus the bundle's validity is already past — the served
 * bundle's validity when the server serves one (what ICT publishes now), otherwise the device's
 * own bundle's. Never synced, or no validity known at all: behind.
 */
const BEHIND = '(fetched_ms IS NULL OR COALESCE(@validity, valid_ms) IS NULL OR fetched_ms + COALESCE(@validity, valid_ms) < @now)';

/** Every quick filter as SQL over the same parameters as BEHIND, plus @notSeen and @newest. */
const SHOW_SQL = {
  'not-seen': 'last_seen < @notSeen',
  behind: BEHIND,
  high: `max_severity = ${RANK.high}`,
  'not-newest': '(@newest IS NULL OR serial IS NULL OR serial < @newest)',
  'not-installed-by-policy': 'installed_by_policy = 0',
} as const;

function countsOf(checkin: CheckinRequest): SeverityCounts {
  const counts: SeverityCounts = { high: 0, medium: 0, low: 0 };
  for (const f of checkin.findings) counts[f.severity]++;
  return counts;
}

function toDevice(row: DeviceRow): StoredDevice {
  const checkin = CheckinRequest.parse(JSON.parse(row.checkin));
  return { deviceId: row.device_id, checkin, lastSeen: row.last_seen, firstSeen: row.first_seen, behind: row.behind === 1, findings: countsOf(checkin) };
}

/**
 * The check-in half of the SQLite store (`SqliteReportStore` delegates here): the same file and
 * group commit, kept apart so neither file grows past what one person reads at once.
 *
 * Retention is two rules. Per device, on write: after each new check-in the device's history
 * is cut to the newest `perDevice` in the same transaction — one indexed delete, so a device
 * that checks in often cannot grow the table. By age, in a sweep (`pruneCheckins`, run by the
 * server at start and hourly): history received more than `days` ago, and devices not heard
 * from for as long, are deleted. Age is not checked on every write because that is a range
 * delete across all devices on each commit for rows that expire by the hour at most.
 */
export class SqliteCheckins implements CheckinStore {
  private readonly checkinById: Database.Statement<[string], { seq: number }>;
  private readonly insertCheckin: Database.Statement;
  private readonly deviceRow: Database.Statement<[string], { at: string; first_seen: string }>;
  private readonly putDevice: Database.Statement;
  private readonly touchDevice: Database.Statement;
  private readonly trim: Database.Statement;

  constructor(private readonly db: Database.Database, private readonly write: GroupWrite, private readonly retention: CheckinRetention) {
    this.checkinById = db.prepare('SELECT seq FROM checkins WHERE id = ?');
    this.insertCheckin = db.prepare('INSERT INTO checkins (id, device_id, at, received_at, checkin) VALUES (@id, @deviceId, @at, @receivedAt, @checkin)');
    this.deviceRow = db.prepare('SELECT at, first_seen FROM devices WHERE device_id = ?');
    this.putDevice = db.prepare(`INSERT OR REPLACE INTO devices
      (device_id, checkin_id, at, first_seen, last_seen, group_id, serial, fetched_ms, valid_ms, max_severity, installed_by_policy, user_identity, device_name, checkin)
      VALUES (@deviceId, @id, @at, @firstSeen, @receivedAt, @group, @serial, @fetchedMs, @validMs, @maxSeverity, @installedByPolicy, @userIdentity, @deviceName, @checkin)`);
    this.touchDevice = db.prepare('UPDATE devices SET last_seen = MAX(last_seen, ?) WHERE device_id = ?');
    this.trim = db.prepare(`DELETE FROM checkins WHERE device_id = @deviceId AND seq <=
      (SELECT seq FROM checkins WHERE device_id = @deviceId ORDER BY seq DESC LIMIT 1 OFFSET @keep)`);
  }

  /**
   * Looked up first, inside the write transaction: the id is the idempotency key. The device's
   * row takes this check-in only if it is the device's newest by the device's own clock (an
   * outbox may deliver an older one late) — unless the row's time is still in the future by
   * the server's clock: a clock that once ran ahead must not freeze the row.
   */
  private readonly saveOnce = (c: CheckinRequest, receivedAt: string): { created: boolean } => {
    if (this.checkinById.get(c.id)) return { created: false };
    const at = iso(c.at);
    const json = JSON.stringify(c);
    this.insertCheckin.run({ id: c.id, deviceId: c.deviceId, at, receivedAt, checkin: json });
    const existing = this.deviceRow.get(c.deviceId);
    if (!existing || at >= existing.at || existing.at > receivedAt) {
      const p = c.policy;
      this.putDevice.run({
        deviceId: c.deviceId, id: c.id, at, firstSeen: existing?.first_seen ?? receivedAt, receivedAt, group: c.group, serial: p.serial,
        fetchedMs: ms(p.fetchedAt), validMs: p.issuedAt && p.expiresAt ? ms(p.expiresAt)! - ms(p.issuedAt)! : null,
        maxSeverity: Math.max(0, ...c.findings.map((f) => RANK[f.severity])), installedByPolicy: c.installedByPolicy ? 1 : 0,
        userIdentity: c.userIdentity ?? null, deviceName: c.deviceName ?? null, checkin: json,
      });
    } else {
      this.touchDevice.run(receivedAt, c.deviceId);
    }
    this.trim.run({ deviceId: c.deviceId, keep: this.retention.perDevice });
    return { created: true };
  };

  saveCheckin(checkin: CheckinRequest, receivedAt: Date): Promise<{ created: boolean }> {
    return this.write(() => this.saveOnce(checkin, receivedAt.toISOString()));
  }

  /** What the fleet queries are measured against: the clock, the validity, the newest serial, the not-seen cut-off. */
  private params(view: FleetView) {
    const seen = (this.db.prepare('SELECT MAX(serial) AS m FROM devices').get() as { m: number | null }).m;
    const newest = seen === null ? view.servedSerial : view.servedSerial === null ? seen : Math.max(seen, view.servedSerial);
    return {
      now: view.now.getTime(), validity: view.validityMs, newest,
      notSeen: new Date(view.now.getTime() - NOT_SEEN_DAYS * DAY_MS).toISOString(),
    };
  }

  async listDevices(filter: DeviceFilter, view: FleetView): Promise<StoredDevice[]> {
    const p = this.params(view);
    const where: string[] = [];
    const args: Record<string, string | number | null> = { now: p.now, validity: p.validity, limit: filter.limit === null ? -1 : filter.limit ?? 500 };
    if (filter.group !== undefined) {
      where.push('group_id = @group');
      args.group = filter.group;
    }
    if (filter.finding) {
      where.push("EXISTS (SELECT 1 FROM json_each(devices.checkin, '$.findings') f WHERE json_extract(f.value, '$.id') = @finding)");
      args.finding = filter.finding;
    }
    if (filter.show) {
      where.push(SHOW_SQL[filter.show]);
      if (filter.show === 'not-seen') args.notSeen = p.notSeen;
      if (filter.show === 'not-newest') args.newest = p.newest;
    }
    // Only constant SQL fragments are joined; every value is a bound parameter.
    const sql = `SELECT *, ${BEHIND} AS behind FROM devices ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY group_id, last_seen DESC, device_id LIMIT @limit`;
    return (this.db.prepare(sql).all(args) as DeviceRow[]).map(toDevice);
  }

  async device(deviceId: string, view: FleetView): Promise<StoredDevice | null> {
    const row = this.db.prepare(`SELECT *, ${BEHIND} AS behind FROM devices WHERE device_id = @deviceId`)
      .get({ deviceId, now: view.now.getTime(), validity: view.validityMs }) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  async checkinsOf(deviceId: string, limit: number): Promise<StoredCheckin[]> {
    const rows = this.db.prepare('SELECT * FROM checkins WHERE device_id = ? ORDER BY seq DESC LIMIT ?').all(deviceId, limit) as CheckinRow[];
    return rows.map((row) => ({ checkin: CheckinRequest.parse(JSON.parse(row.checkin)), receivedAt: row.received_at }));
  }

  async fleetSummary(view: FleetView): Promise<{ all: FleetSummary; groups: GroupSummary[] }> {
    const p = this.params(view);
    const groups = this.db.prepare(`SELECT group_id AS "group", COUNT(*) AS devices,
        SUM(serial IS NOT NULL AND serial = @newest) AS onNewest, SUM(${SHOW_SQL.high}) AS withHigh,
        SUM(${SHOW_SQL['not-seen']}) AS notSeen, SUM(${BEHIND}) AS behind, SUM(${SHOW_SQL['not-installed-by-policy']}) AS notInstalledByPolicy
      FROM devices GROUP BY group_id ORDER BY group_id`).all(p) as Omit<GroupSummary, 'newestSerial'>[];
    const all: FleetSummary = { devices: 0, newestSerial: p.newest, onNewest: 0, withHigh: 0, notSeen: 0, behind: 0, notInstalledByPolicy: 0 };
    for (const g of groups) for (const key of ['devices', 'onNewest', 'withHigh', 'notSeen', 'behind', 'notInstalledByPolicy'] as const) all[key] += g[key];
    return { all, groups: groups.map((g) => ({ ...g, newestSerial: p.newest })) };
  }

  async fleetGroups(): Promise<string[]> {
    return (this.db.prepare('SELECT DISTINCT group_id AS g FROM devices ORDER BY g').all() as { g: string }[]).map((r) => r.g);
  }

  pruneCheckins(now: Date): Promise<{ checkins: number; devices: number }> {
    const cutoff = new Date(now.getTime() - this.retention.days * DAY_MS).toISOString();
    return this.write(() => ({
      checkins: this.db.prepare('DELETE FROM checkins WHERE received_at < ?').run(cutoff).changes,
      devices: this.db.prepare('DELETE FROM devices WHERE last_seen < ?').run(cutoff).changes,
    }));
  }
}
