import Database from 'better-sqlite3';
import type { AcceptanceRequest } from '../protocol/acceptance-wire.ts';
import { ReportDevice, type ReportRequest } from '../protocol/report-wire.ts';
import type { AcceptanceFilter, AcceptanceSummary, NotAccepted, NotAcceptedDevice, ServerStore, StoredAcceptance } from './acceptance-store.ts';
import type { CheckinRequest } from '../protocol/checkin-wire.ts';
import { DEFAULT_CHECKIN_RETENTION, type CheckinRetention, type DeviceFilter, type FleetView } from './checkin-store.ts';
import { SqliteCheckins } from './sqlite-checkins.ts';
import type { AddResult, Delivery, DeliveryChannel, ReceivedFacts, ReportFilter, ReportState, StoredReport } from './report-store.ts';
import { migrate } from './sqlite-migrations.ts';

type ReportRow = {
  seq: number; id: string; kind: StoredReport['kind']; url: string; host: string; category: string; category_title: string;
  sensitive: number; accessed_at: string; reported_at: string; received_at: string; note: string | null;
  line_manager_email: string | null; user_identity: string | null; device: string; state: ReportState; actioned_at: string | null;
};
type AcceptanceRow = {
  seq: number; id: string; aup_version: string; aup_title: string; policy_serial: number | null; accepted_at: string;
  received_at: string; user_identity: string | null; device: string;
};
type DeliveryRow = {
  id: number; report_id: string; channel: DeliveryChannel; recipient: string; attempts: number;
  next_attempt_at: string; delivered_at: string | null; last_error: string | null;
};

/**
 * `R-2026-000123` (a report) or `A-2026-000123` (an acceptance: its own table, so its own
 * sequence): the year it was received and its number in this database.
 */
export function receiptOf(seq: number, receivedAt: string, prefix: 'R' | 'A' = 'R'): string {
  return `${prefix}-${receivedAt.slice(0, 4)}-${String(seq).padStart(6, '0')}`;
}

/** The list pages show the newest 500 unless asked otherwise; SQLite reads LIMIT -1 as none. */
const limitOf = (limit: number | null | undefined) => (limit === null ? -1 : limit ?? 500);

function toReport(row: ReportRow): StoredReport {
  return {
    id: row.id, kind: row.kind, url: row.url, host: row.host, category: row.category,
    accessedAt: row.accessed_at, reportedAt: row.reported_at,
    ...(row.note === null ? {} : { note: row.note }),
    ...(row.line_manager_email === null ? {} : { lineManagerEmail: row.line_manager_email }),
    ...(row.user_identity === null ? {} : { userIdentity: row.user_identity }),
    device: ReportDevice.parse(JSON.parse(row.device)),
    receipt: receiptOf(row.seq, row.received_at), receivedAt: row.received_at, sensitive: row.sensitive === 1,
    categoryTitle: row.category_title, state: row.state, actionedAt: row.actioned_at,
  };
}

function toAcceptance(row: AcceptanceRow): StoredAcceptance {
  return {
    id: row.id, aupVersion: row.aup_version, aupTitle: row.aup_title, policySerial: row.policy_serial, acceptedAt: row.accepted_at,
    ...(row.user_identity === null ? {} : { userIdentity: row.user_identity }),
    device: ReportDevice.parse(JSON.parse(row.device)),
    receipt: receiptOf(row.seq, row.received_at, 'A'), receivedAt: row.received_at,
  };
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id, reportId: row.report_id, channel: row.channel, to: row.recipient, attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at, deliveredAt: row.delivered_at, lastError: row.last_error,
  };
}

type Queued = { run: () => unknown; resolve: (value: never) => void; reject: (error: unknown) => void };

/**
 * Reports, AUP acceptances and device check-ins (those in `sqlite-checkins.ts`) in one SQLite file through better-sqlite3. WAL with `synchronous = FULL`: a write's
 * promise resolves only once its transaction is on disk, so a report acknowledged with 201
 * survives the process being killed or the machine losing power. Writes are grouped: those
 * that arrive in the same turn of the event loop share one transaction and so one fsync (each
 * in its own savepoint, so one failure fails only its caller); measured by
 * `npm run bench -- reports`. better-sqlite3 is synchronous, so one process owns the file; the
 * async interface is for stores that are not.
 */
export class SqliteReportStore implements ServerStore {
  private readonly db: Database.Database;
  private readonly insertReport: Database.Statement;
  private readonly insertDelivery: Database.Statement;
  private readonly byId: Database.Statement<[string], ReportRow>;
  private readonly insertAcceptance: Database.Statement;
  private readonly acceptanceById: Database.Statement<[string], AcceptanceRow>;
  private queue: Queued[] = [];
  private readonly checkins: SqliteCheckins;

  constructor(file: string, options: { checkinRetention?: CheckinRetention } = {}) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.insertReport = this.db.prepare(`INSERT INTO reports
      (id, kind, url, host, category, category_title, sensitive, accessed_at, reported_at, received_at, note, line_manager_email, user_identity, device)
      VALUES (@id, @kind, @url, @host, @category, @categoryTitle, @sensitive, @accessedAt, @reportedAt, @receivedAt, @note, @lineManagerEmail, @userIdentity, @device)
      ON CONFLICT (id) DO NOTHING`);
    this.insertDelivery = this.db.prepare('INSERT INTO deliveries (report_id, channel, recipient, next_attempt_at) VALUES (?, ?, ?, ?)');
    this.byId = this.db.prepare('SELECT * FROM reports WHERE id = ?');
    this.insertAcceptance = this.db.prepare(`INSERT INTO acceptances
      (id, aup_version, aup_title, policy_serial, accepted_at, received_at, user_identity, device)
      VALUES (@id, @aupVersion, @aupTitle, @policySerial, @acceptedAt, @receivedAt, @userIdentity, @device)`);
    this.acceptanceById = this.db.prepare('SELECT * FROM acceptances WHERE id = ?');
    this.checkins = new SqliteCheckins(this.db, (run) => this.write(run), options.checkinRetention ?? DEFAULT_CHECKIN_RETENTION);
  }

  saveCheckin(checkin: CheckinRequest, receivedAt: Date) { return this.checkins.saveCheckin(checkin, receivedAt); }
  listDevices(filter: DeviceFilter, view: FleetView) { return this.checkins.listDevices(filter, view); }
  device(deviceId: string, view: FleetView) { return this.checkins.device(deviceId, view); }
  checkinsOf(deviceId: string, limit: number) { return this.checkins.checkinsOf(deviceId, limit); }
  fleetSummary(view: FleetView) { return this.checkins.fleetSummary(view); }
  fleetGroups() { return this.checkins.fleetGroups(); }
  pruneCheckins(now: Date) { return this.checkins.pruneCheckins(now); }

  /** Looked up first, as acceptances are (below): a replay must not use up a receipt number. */
  private readonly addOnce = (report: ReportRequest, facts: ReceivedFacts): AddResult => {
    const receivedAt = facts.receivedAt.toISOString();
    const stored = this.byId.get(report.id);
    if (stored) return { receipt: receiptOf(stored.seq, stored.received_at), created: false };
    const info = this.insertReport.run({
      ...report, note: report.note ?? null, lineManagerEmail: report.lineManagerEmail ?? null, userIdentity: report.userIdentity ?? null,
      device: JSON.stringify(report.device), receivedAt, sensitive: facts.sensitive ? 1 : 0, categoryTitle: facts.categoryTitle,
    });
    if (info.changes === 0) {
      const existing = this.byId.get(report.id)!;
      return { receipt: receiptOf(existing.seq, existing.received_at), created: false };
    }
    for (const d of facts.deliveries) this.insertDelivery.run(report.id, d.channel, d.to, receivedAt);
    return { receipt: receiptOf(Number(info.lastInsertRowid), receivedAt), created: true };
  };

  /**
   * Looked up first (inside the write transaction, so nothing can slip in between): an INSERT
   * that DO NOTHING ignores still uses up an AUTOINCREMENT number, and replays are routine (a
   * device that never saw its reply sends again), so receipts would skip numbers.
   */
  private readonly saveAcceptanceOnce = (a: AcceptanceRequest, receivedAt: string): AddResult => {
    const existing = this.acceptanceById.get(a.id);
    if (existing) return { receipt: receiptOf(existing.seq, existing.received_at, 'A'), created: false };
    const info = this.insertAcceptance.run({ ...a, userIdentity: a.userIdentity ?? null, device: JSON.stringify(a.device), receivedAt });
    return { receipt: receiptOf(Number(info.lastInsertRowid), receivedAt, 'A'), created: true };
  };

  /** Run `run` in the next group commit; resolves after that commit is durable. */
  private write<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (value: never) => void, reject });
      if (this.queue.length === 1) setImmediate(this.flush);
    });
  }

  private readonly flush = (): void => {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0 || !this.db.open) return void batch.forEach((item) => item.reject(new Error('the report store is closed')));
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.db.transaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: this.db.transaction(item.run)() }); // a savepoint
          } catch (error) {
            outcomes.push({ ok: false, value: error });
          }
        }
      }).immediate();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => (outcomes[i]!.ok ? item.resolve(outcomes[i]!.value as never) : item.reject(outcomes[i]!.value)));
  };

  async add(report: ReportRequest, facts: ReceivedFacts): Promise<AddResult> {
    return this.write(() => this.addOnce(report, facts));
  }

  async get(id: string): Promise<StoredReport | null> {
    const row = this.byId.get(id);
    return row ? toReport(row) : null;
  }

  async list(filter: ReportFilter): Promise<StoredReport[]> {
    return this.newestFirst<ReportRow>('reports', filter.limit, {
      'kind = @v': filter.kind || undefined, 'category = @v': filter.category, 'state = @v': filter.state || undefined,
      'received_at >= @v': filter.from || undefined, 'received_at < @v': filter.to || undefined,
    }).map(toReport);
  }

  /**
   * Rows of `table`, newest first, matching every condition whose value is given (`@v` is its
   * value, bound as a parameter: the SQL itself is only ever these constant strings).
   */
  private newestFirst<Row>(table: 'reports' | 'acceptances', limit: number | null | undefined, conditions: Record<string, string | undefined>): Row[] {
    const given = Object.entries(conditions).filter((entry): entry is [string, string] => entry[1] !== undefined);
    const args: Record<string, string | number> = { limit: limitOf(limit) };
    const where = given.map(([sql, value], i) => {
      args[`v${i}`] = value;
      return sql.replace('@v', `@v${i}`);
    });
    const sql = `SELECT * FROM ${table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @limit`;
    return this.db.prepare(sql).all(args) as Row[];
  }

  async saveAcceptance(acceptance: AcceptanceRequest, receivedAt: Date): Promise<AddResult> {
    return this.write(() => this.saveAcceptanceOnce(acceptance, receivedAt.toISOString()));
  }

  async listAcceptances(filter: AcceptanceFilter): Promise<StoredAcceptance[]> {
    return this.newestFirst<AcceptanceRow>('acceptances', filter.limit, {
      'aup_version = @v': filter.aupVersion, 'user_identity = @v': filter.userIdentity,
    }).map(toAcceptance);
  }

  async acceptanceSummary(): Promise<AcceptanceSummary[]> {
    // The title of each version's newest acceptance; COUNT(DISTINCT) follows the column's NOCASE.
    return this.db.prepare(`SELECT aup_version AS aupVersion,
        (SELECT aup_title FROM acceptances t WHERE t.aup_version = a.aup_version ORDER BY seq DESC LIMIT 1) AS aupTitle,
        COUNT(*) AS acceptances, COUNT(DISTINCT user_identity) AS people,
        SUM(user_identity IS NULL) AS withoutIdentity, MAX(received_at) AS lastReceivedAt
      FROM acceptances a GROUP BY aup_version ORDER BY MAX(seq) DESC`).all() as AcceptanceSummary[];
  }

  async notAccepted(aupVersion: string, options: { exceptGroups?: readonly string[]; limit?: number | null } = {}): Promise<NotAccepted> {
    // `a.user_identity = d.user_identity` compares with NOCASE (both columns have it), through
    // the acceptances_user index; the groups that need not accept are bound as one JSON array.
    const args = { version: aupVersion, except: JSON.stringify(options.exceptGroups ?? []), limit: limitOf(options.limit) };
    const devices = this.db.prepare(`SELECT device_id AS deviceId, user_identity AS userIdentity, device_name AS deviceName, group_id AS "group", last_seen AS lastSeen
      FROM devices d
      WHERE user_identity IS NOT NULL AND group_id NOT IN (SELECT value FROM json_each(@except))
        AND NOT EXISTS (SELECT 1 FROM acceptances a WHERE a.user_identity = d.user_identity AND a.aup_version = @version)
      ORDER BY user_identity, device_id LIMIT @limit`).all(args) as NotAcceptedDevice[];
    const { n } = this.db.prepare(`SELECT COUNT(*) AS n FROM devices
      WHERE user_identity IS NULL AND group_id NOT IN (SELECT value FROM json_each(@except))`).get({ except: args.except }) as { n: number };
    return { devices, withoutIdentity: n };
  }

  async markActioned(id: string, at: Date): Promise<boolean> {
    return this.write(() => this.db.prepare("UPDATE reports SET state = 'actioned', actioned_at = ? WHERE id = ? AND state = 'new'").run(at.toISOString(), id).changes === 1);
  }

  async deliveriesOf(reportId: string): Promise<Delivery[]> {
    return (this.db.prepare('SELECT * FROM deliveries WHERE report_id = ? ORDER BY id').all(reportId) as DeliveryRow[]).map(toDelivery);
  }

  async dueDeliveries(now: Date, limit: number): Promise<Delivery[]> {
    const rows = this.db.prepare('SELECT * FROM deliveries WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?')
      .all(now.toISOString(), limit) as DeliveryRow[];
    return rows.map(toDelivery);
  }

  async deliverySucceeded(id: number, at: Date): Promise<void> {
    await this.write(() => this.db.prepare('UPDATE deliveries SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?').run(at.toISOString(), id));
  }

  async deliveryFailed(id: number, error: string, nextAttemptAt: Date): Promise<void> {
    await this.write(() => this.db.prepare('UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?')
      .run(error.slice(0, 500), nextAttemptAt.toISOString(), id));
  }

  /** Commits what is queued, then closes the file. */
  async close(): Promise<void> {
    this.flush();
    this.db.close();
  }
}
