import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcceptanceRequest } from '../../src/protocol/acceptance-wire.ts';
import { ReportRequest } from '../../src/protocol/report-wire.ts';
import { migrate, SCHEMA_VERSION } from '../../src/server/sqlite-migrations.ts';
import { SqliteReportStore } from '../../src/server/sqlite-store.ts';
import { acceptance, report, workDir } from './support/harness.ts';

let work: ReturnType<typeof workDir>;
beforeAll(() => {
  work = workDir('aup-acceptance-store-');
});
afterAll(() => work.done());

const at = new Date('2026-11-24T09:00:00Z');
const parse = (change: Record<string, unknown> = {}) => AcceptanceRequest.parse(acceptance(change));

describe('acceptances in the SQLite store', () => {
  it('stores each id once, in its own A- sequence beside reports, and keeps it across a reopen', async () => {
    const file = join(work.dir, 'a.sqlite');
    const store = new SqliteReportStore(file);
    const r = ReportRequest.parse(report());
    const a = parse();
    const b = parse({ userIdentity: undefined, policySerial: null });
    // One turn of the event loop: one group commit shared with a report, the replay seen inside it.
    const [reportResult, ...results] = await Promise.all([
      store.add(r, { receivedAt: at, sensitive: false, categoryTitle: '', deliveries: [] }),
      store.saveAcceptance(a, at), store.saveAcceptance(b, at), store.saveAcceptance({ ...a, aupTitle: 'changed' }, at),
    ]);
    expect(reportResult!.receipt).toBe('R-2026-000001');
    expect(results).toEqual([
      { receipt: 'A-2026-000001', created: true }, { receipt: 'A-2026-000002', created: true }, { receipt: 'A-2026-000001', created: false },
    ]);
    await store.close();
    const again = new SqliteReportStore(file);
    const listed = await again.listAcceptances({});
    expect(listed.map((x) => x.receipt)).toEqual(['A-2026-000002', 'A-2026-000001']);
    expect(listed[1]).toEqual({ ...a, receipt: 'A-2026-000001', receivedAt: at.toISOString() });
    expect(listed[0]).not.toHaveProperty('userIdentity');
    expect(listed[0]!.policySerial).toBeNull();
    await again.close();
  });

  it('filters by AUP version and by the whole user identity in any case, and summarises each version', async () => {
    const store = new SqliteReportStore(join(work.dir, 'b.sqlite'));
    await store.saveAcceptance(parse({ aupVersion: '2025.2', userIdentity: 'Jane.Smith@example.gov.uk' }), new Date('2025-06-01T09:00:00Z'));
    await store.saveAcceptance(parse({ aupVersion: '2026.1', aupTitle: 'Old title' }), at);
    await store.saveAcceptance(parse({ aupVersion: '2026.1', userIdentity: 'JANE.SMITH@example.gov.uk' }), at);
    await store.saveAcceptance(parse({ aupVersion: '2026.1', userIdentity: 'bob@example.gov.uk' }), at);
    await store.saveAcceptance(parse({ aupVersion: '2026.1', userIdentity: undefined }), at);
    await store.saveAcceptance(parse({ aupVersion: '2026.1', userIdentity: undefined, aupTitle: 'New title' }), at);
    expect((await store.listAcceptances({ aupVersion: '2026.1' })).length).toBe(5);
    expect((await store.listAcceptances({ userIdentity: 'jane.smith@EXAMPLE.gov.uk' })).map((x) => x.aupVersion)).toEqual(['2026.1', '2026.1', '2025.2']);
    expect((await store.listAcceptances({ userIdentity: 'jane' })).length).toBe(0);
    expect((await store.listAcceptances({ aupVersion: '2025.2', userIdentity: 'jane.smith@example.gov.uk' })).length).toBe(1);
    expect((await store.listAcceptances({ limit: 2 })).length).toBe(2);
    expect((await store.listAcceptances({ limit: null })).length).toBe(6);
    expect(await store.acceptanceSummary()).toEqual([
      { aupVersion: '2026.1', aupTitle: 'New title', acceptances: 5, people: 2, withoutIdentity: 2, lastReceivedAt: at.toISOString() },
      { aupVersion: '2025.2', aupTitle: 'Internet acceptable use policy', acceptances: 1, people: 1, withoutIdentity: 0, lastReceivedAt: '2025-06-01T09:00:00.000Z' },
    ]);
    await store.close();
  });

  it('upgrades a database left by the previous server (schema 1) and keeps its reports', async () => {
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
    const file = join(work.dir, 'old.sqlite');
    const old = new Database(file);
    migrate(old, 1); // the steps the previous release ran, exactly as they are
    old.prepare(`INSERT INTO reports (id, kind, url, host, category, category_title, sensitive, accessed_at, reported_at, received_at, device)
      VALUES ('3b241101-e2bb-4255-8caf-4136c566a962', 'inadvertent', 'https://www.example.com/', 'www.example.com', 'gambling', 'Gambling', 0,
      '2026-11-24T12:30:00Z', '2026-11-24T12:31:00Z', '2026-11-24T12:31:01.000Z', '{"extensionVersion":"0.1.0","browser":"Chrome 156","group":"office","policySerial":1}')`).run();
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 'acceptances'").get()).toBeUndefined();
    old.close();

    const store = new SqliteReportStore(file);
    const kept = await store.get('3b241101-e2bb-4255-8caf-4136c566a962');
    expect(kept).toMatchObject({ receipt: 'R-2026-000001', categoryTitle: 'Gambling', state: 'new' });
    expect(kept).not.toHaveProperty('userIdentity'); // step 3: not known for older reports
    expect((await store.add(ReportRequest.parse(report()), { receivedAt: at, sensitive: false, categoryTitle: '', deliveries: [] })).receipt).toBe('R-2026-000002');
    expect((await store.saveAcceptance(parse(), at)).receipt).toBe('A-2026-000001');
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'acceptances' AND name LIKE 'acceptances_%'").all())
      .toEqual([{ name: 'acceptances_version' }, { name: 'acceptances_user' }]);
    db.close();
  });
});
