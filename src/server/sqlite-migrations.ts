import type { Database } from 'better-sqlite3';

/**
 * The report database's schema, one step per version. `PRAGMA user_version` says which steps a
 * file has had; each runs in its own transaction with the version bump, so a crash mid-way
 * leaves the file at the old version. Steps are never edited once released: add a new one.
 */
const STEPS: readonly string[] = [
  // 1: reports (the receipt is derived from seq and the year received), and the outbox of
  //    deliveries written in the same transaction.
  `CREATE TABLE reports (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     kind TEXT NOT NULL,
     url TEXT NOT NULL,
     host TEXT NOT NULL,
     category TEXT NOT NULL,
     category_title TEXT NOT NULL,
     sensitive INTEGER NOT NULL,
     accessed_at TEXT NOT NULL,
     reported_at TEXT NOT NULL,
     received_at TEXT NOT NULL,
     note TEXT,
     line_manager_email TEXT,
     device TEXT NOT NULL,
     state TEXT NOT NULL DEFAULT 'new',
     actioned_at TEXT
   );
   CREATE INDEX reports_received ON reports (received_at);
   CREATE TABLE deliveries (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     report_id TEXT NOT NULL REFERENCES reports (id),
     channel TEXT NOT NULL,
     recipient TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT NOT NULL,
     delivered_at TEXT,
     last_error TEXT
   );
   CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE delivered_at IS NULL;`,
  // 2: AUP acceptances, one row per id; the receipt `A-<year received>-<seq>` is their own
  //    sequence. User identities compare without case (ICT types them into a filter), and both
  //    indexes end in seq so a filtered list comes out newest first without sorting.
  `CREATE TABLE acceptances (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     aup_version TEXT NOT NULL,
     aup_title TEXT NOT NULL,
     policy_serial INTEGER,
     accepted_at TEXT NOT NULL,
     received_at TEXT NOT NULL,
     user_identity TEXT COLLATE NOCASE,
     device TEXT NOT NULL
   );
   CREATE INDEX acceptances_version ON acceptances (aup_version, seq);
   CREATE INDEX acceptances_user ON acceptances (user_identity, seq);`,
  // 3: who made a report, when ICT gives devices a user identity (older rows: unknown, NULL).
  `ALTER TABLE reports ADD COLUMN user_identity TEXT;`,
  // 4: device check-ins (fleet status). `devices` holds each device's newest check-in whole
  //    (JSON) with the columns the fleet page filters and counts on pulled out; `checkins` is
  //    the bounded history (trimmed per device on write, by age in a sweep). Times are ISO UTC
  //    as the server writes them (string order is time order); fetched_ms and valid_ms are
  //    milliseconds so "behind" (last sync + validity < now) is arithmetic in the query.
  `CREATE TABLE devices (
     device_id TEXT PRIMARY KEY,
     checkin_id TEXT NOT NULL,
     at TEXT NOT NULL,
     first_seen TEXT NOT NULL,
     last_seen TEXT NOT NULL,
     group_id TEXT NOT NULL,
     serial INTEGER,
     fetched_ms INTEGER,
     valid_ms INTEGER,
     max_severity INTEGER NOT NULL,
     installed_by_policy INTEGER NOT NULL,
     user_identity TEXT COLLATE NOCASE,
     device_name TEXT,
     checkin TEXT NOT NULL
   ) WITHOUT ROWID;
   CREATE INDEX devices_group ON devices (group_id, last_seen);
   CREATE INDEX devices_last_seen ON devices (last_seen);
   CREATE TABLE checkins (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     device_id TEXT NOT NULL,
     at TEXT NOT NULL,
     received_at TEXT NOT NULL,
     checkin TEXT NOT NULL
   );
   CREATE INDEX checkins_device ON checkins (device_id, seq);
   CREATE INDEX checkins_received ON checkins (received_at);`,
];

export const SCHEMA_VERSION = STEPS.length;

/**
 * Bring the file up to `SCHEMA_VERSION`; refuse a file written by a newer server. `target` is
 * for tests that make a file as an older server would have left it.
 */
export function migrate(db: Database, target = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`the report database is at schema version ${current}, newer than this server knows (${SCHEMA_VERSION}): upgrade aup`);
  }
  for (let version = current; version < Math.min(target, SCHEMA_VERSION); version++) {
    db.transaction(() => {
      db.exec(STEPS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
