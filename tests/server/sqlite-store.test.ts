import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportRequest } from '../../src/protocol/report-wire.ts';
import { SCHEMA_VERSION } from '../../src/server/sqlite-migrations.ts';
import { SqliteReportStore } from '../../src/server/sqlite-store.ts';
import { report, workDir } from './support/harness.ts';

let work: ReturnType<typeof workDir>;
beforeAll(() => {
  work = workDir('aup-store-');
});
afterAll(() => work.done());

const facts = (at = '2026-11-24T12:31:00Z') => ({
  receivedAt: new Date(at), sensitive: false, categoryTitle: 'Gambling',
  deliveries: [{ channel: 'mail-helpdesk' as const, to: 'ict@example.gov.uk' }],
});

describe('the SQLite report store', () => {
  it('stores reports written in the same turn once each, with one outbox row each, and keeps them across a reopen', async () => {
    const file = join(work.dir, 'a.sqlite');
    const store = new SqliteReportStore(file);
    const a = ReportRequest.parse(report());
    const b = ReportRequest.parse(report({ lineManagerEmail: 'm@example.gov.uk' }));
    // Same turn of the event loop: one group commit, the duplicate seen inside it.
    const results = await Promise.all([store.add(a, facts()), store.add(b, facts()), store.add(a, facts())]);
    expect(results.map((r) => r.created)).toEqual([true, true, false]);
    expect(results[2]!.receipt).toBe(results[0]!.receipt);
    expect(results.map((r) => r.receipt)).toEqual(['R-2026-000001', 'R-2026-000002', 'R-2026-000001']);
    expect(await store.deliveriesOf(a.id)).toHaveLength(1);
    await store.close();
    const again = new SqliteReportStore(file);
    expect(await again.get(b.id)).toMatchObject({ id: b.id, lineManagerEmail: 'm@example.gov.uk', state: 'new', receipt: 'R-2026-000002' });
    expect((await again.list({})).map((r) => r.id)).toEqual([b.id, a.id]);
    expect(await again.markActioned(a.id, new Date())).toBe(true);
    expect(await again.markActioned(a.id, new Date())).toBe(false);
    // The replay used up no number: the next report is 3, so ICT never sees a gap and wonders.
    expect((await again.add(ReportRequest.parse(report()), facts())).receipt).toBe('R-2026-000003');
    await again.close();
  });

  it('is in WAL mode at the current schema version, and refuses a file from a newer server', async () => {
    const file = join(work.dir, 'b.sqlite');
    await new SqliteReportStore(file).close();
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => new SqliteReportStore(file)).toThrow(/newer than this server knows/);
  });

  it('hands out due deliveries and records failures and successes', async () => {
    const store = new SqliteReportStore(join(work.dir, 'c.sqlite'));
    const r = ReportRequest.parse(report());
    await store.add(r, facts());
    const [due] = await store.dueDeliveries(new Date('2026-11-24T12:31:00Z'), 10);
    await store.deliveryFailed(due!.id, 'connection refused', new Date('2026-11-24T12:40:00Z'));
    expect(await store.dueDeliveries(new Date('2026-11-24T12:35:00Z'), 10)).toEqual([]);
    expect(await store.dueDeliveries(new Date('2026-11-24T12:40:00Z'), 10)).toMatchObject([{ attempts: 1, lastError: 'connection refused' }]);
    await store.deliverySucceeded(due!.id, new Date('2026-11-24T12:40:01Z'));
    expect(await store.dueDeliveries(new Date('2027-01-01T00:00:00Z'), 10)).toEqual([]);
    await store.close();
  });
});
