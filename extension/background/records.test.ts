import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { onStoredProblem, UNREADABLE_PREFIX, type StoredRecord } from '../platform/stored-record.ts';
import { HostMatcher } from '../../src/match/matcher.ts';
import { PagedHostMatcher } from '../../src/match/paged-matcher.ts';
import { FORMAT_VERSION } from '../../src/match/matcher-format.ts';
import { sha256Hex } from '../../src/bundle/bytes.ts';
import {
  bannerScriptRecord, breakStateRecord, chunkBlobs, chunkMatcherBlobs, continueGrantsRecord, EMPTY_POLICY_STATE, enforcedRulesRecord,
  eventsRecord, lastInternalErrorRecord, localConfigRecord, policyStateRecord, RECORDS, sessionRulesRecord,
} from './records.ts';

// Every record the worker keeps, fed good values, garbage and versions it does not know.

const blobs = new Map<string, Uint8Array | Blob>();
vi.mock('../platform/blob-store.ts', () => ({ getBlob: async (key: string) => blobs.get(key) }));

const DEVICE_CONFIG = { policyUrl: 'https://policy.example.gov.uk/manifest.json', trustedKeys: [`${'A'.repeat(43)}=`], group: 'staff', refreshMinutes: 60, checkinHours: 6 };
vi.mock('virtual:aup-embedded', () => ({ default: { defaults: DEVICE_CONFIG } }));

/** A valid current value of each record, by key. */
const SAMPLES: Record<string, unknown> = {
  'aup.policyState': { ...EMPTY_POLICY_STATE, etag: '"e1"', failures: 3 },
  'aup.enforcedRules': { version: 1, keys: { 1000: 'block|ads|abc' }, enforcedAt: '2026-11-24T10:00:00Z', tookMs: 12, source: 'bundle', serial: 4 },
  'aup.sessionRules': { version: 1, keys: { 3000: 'warn|social|def' } },
  'aup.rulesInForce': { version: 1, inForce: true, until: 1_780_000_000_000 },
  'aup.continueGrants': { version: 1, grants: [{ ruleId: 10001, tabId: 5, host: 'example.com', until: 1_800_000 }] },
  'aup.localConfig': { version: 2, config: DEVICE_CONFIG },
  'aup.breakState': { version: 1, selfDeclared: { startedAt: 1, endsAt: 2 }, usage: { date: '2026-11-24', minutesUsed: 15 } },
  'aup.events': { version: 2, events: [{ kind: 'warn-continue', at: 't', host: 'h.test', category: 'c', url: 'https://h.test/' }, { kind: 'break-start', at: 't', endsAt: 'u', minutes: 15 }, { kind: 'break-end', at: 'u', minutesBack: 3 }, { kind: 'download-anyway', at: 'v', host: 'files.test', fileType: 'archives', name: 'data.zip', url: 'https://files.test/data.zip' }] },
  'aup.lastInternalError': { version: 1, what: 'sync', message: 'Error: x', at: 't' },
  'aup.bannerScript': { version: 1, key: 'lunch|staff|social:abc' },
  'aup.bannerDismissed': { version: 1, hosts: { 'www.facebook.com': 1790000000000 } },
  'aup.reportOutbox': { version: 1, entries: [{ id: 'a', state: 'queued', queuedAt: 1, attempts: 0, nextAttemptAt: 1, lastError: null, receipt: null, deliveredAt: null, report: { id: '0b7e3f0e-8a4c-4c39-9f0e-3d2a1b4c5d6e', kind: 'inadvertent', url: 'https://x.test/', host: 'x.test', category: 'pornography', accessedAt: '2026-11-29T10:00:00.000Z', reportedAt: '2026-11-29T10:01:00.000Z', device: { extensionVersion: '0.1.0', browser: 'chrome', group: 'office', policySerial: 3 } } }] },
  'aup.stoppedDownloads': { version: 1, downloads: [{ token: '6f1c2a9e-4b7d-4e2a-9c3b-1d2e3f4a5b6c', at: 't', url: 'https://files.test/setup.exe', host: 'files.test', name: 'setup.exe', action: 'block', fileType: 'software', group: 'office', proceeded: false, askedIct: null }] },
  'aup.reportPrefs': { version: 1, lineManagerEmail: 'manager@council.test' },
  'aup.acceptance': { version: 1, acceptances: [{ id: '6f1c2a9e-4b7d-4e2a-9c3b-1d2e3f4a5b6c', aupVersion: '2026.1', policySerial: 10, acceptedAt: '2026-11-29T23:50:00.000Z' }], promptedFor: '2026.1' },
  'aup.acceptanceOutbox': { version: 1, entries: [{ id: '6f1c2a9e-4b7d-4e2a-9c3b-1d2e3f4a5b6c', state: 'delivered', queuedAt: 1, attempts: 1, nextAttemptAt: null, lastError: null, receipt: 'A-2026-000001', deliveredAt: 2, report: { id: '6f1c2a9e-4b7d-4e2a-9c3b-1d2e3f4a5b6c', aupVersion: '2026.1', aupTitle: 'Internet Acceptable Use Policy', policySerial: 10, acceptedAt: '2026-11-29T23:50:00.000Z', userIdentity: 'jo.bloggs@council.test', device: { extensionVersion: '0.1.0', browser: 'firefox', group: 'office', policySerial: 10 } } }] },
  'aup.device': { version: 1, deviceId: '5f0c7a4e-2b1d-4c8e-9f3a-1d2e3f4a5b6c', createdAt: '2026-12-05T09:00:00.000Z' },
  'aup.checkinOutbox': { version: 1, entries: [{ id: '7a1c2a9e-4b7d-4e2a-9c3b-1d2e3f4a5b6c', state: 'queued', queuedAt: 1, attempts: 0, nextAttemptAt: 1, lastError: null, receipt: null, deliveredAt: null, report: {
    id: '7a1c2a9e-4b7d-4e2a-9c3b-1d2e3f4a5b6c', deviceId: '5f0c7a4e-2b1d-4c8e-9f3a-1d2e3f4a5b6c', at: '2026-12-05T09:00:00.000Z',
    extension: { version: '0.1.0', browser: 'firefox', browserVersion: '140.0esr' }, group: 'office',
    policy: { serial: 10, source: 'bundle', issuedAt: '2026-12-01T00:00:00.000Z', expiresAt: '2026-12-31T00:00:00.000Z', fetchedAt: '2026-12-05T08:00:00.000Z', lastError: null },
    installedByPolicy: false, findings: [{ id: 'not-installed-by-policy', severity: 'high', detail: 'install type: normal' }], deviceName: 'LAPTOP-0042',
  } }] },
  'aup.checkinState': { version: 1, at: 1_790_000_000_000, signature: '{"group":"office"}' },
};

type AnyRecord = StoredRecord<{ version: number }, unknown>;
const all = RECORDS as readonly AnyRecord[];
const area = (r: AnyRecord) => (r.area === 'session' ? fakeBrowser.storage.session : fakeBrowser.storage.local);
const rawOf = async (r: AnyRecord, key = r.key) => (await area(r).get(key))[key];

let reports: string[];
let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  fakeBrowser.reset();
  blobs.clear();
  reports = [];
  onStoredProblem((what) => void reports.push(what));
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  onStoredProblem(null);
  warn.mockRestore();
});

describe.each(all.map((r) => [r.key, r] as const))('record %s', (key, record) => {
  it('reads back a valid value of its current version', async () => {
    expect(SAMPLES[key]).toBeDefined();
    await record.write(SAMPLES[key] as { version: number });
    expect(await rawOf(record)).toEqual(SAMPLES[key]);
    expect(await record.read()).toEqual(SAMPLES[key]);
  });

  it.each([
    ['garbage', 'garbage'],
    ['a value of its version but not its shape', { version: record.version, surprise: true }],
    ['an older version it has no migration for', { version: 0 }],
    ['a newer version', { ...(SAMPLES[key] as object), version: record.version + 1 }],
  ])('reads %s as its safe default, reported and kept aside', async (_what, raw) => {
    const fallback = await record.read();
    await area(record).set({ [key]: raw });
    expect(await record.read()).toEqual(fallback);
    expect(reports).toEqual([`storage: ${key}`]);
    expect(await rawOf(record, UNREADABLE_PREFIX + key)).toEqual(raw);
  });
});

describe('safe defaults never lower protection', () => {
  it('unreadable dynamic or session rule records mean "unknown: replace every rule"', async () => {
    await fakeBrowser.storage.local.set({ 'aup.enforcedRules': { version: 1, keys: 'all' } });
    await fakeBrowser.storage.session.set({ 'aup.sessionRules': [] });
    expect(await enforcedRulesRecord.read()).toBeNull();
    expect(await sessionRulesRecord.read()).toBeNull();
  });

  it('an unreadable policy state is the empty one (the baseline applies); grants, break and banner fall back to none', async () => {
    await fakeBrowser.storage.local.set({ 'aup.policyState': { version: 1, manifest: 'x' }, 'aup.breakState': 1 });
    await fakeBrowser.storage.session.set({ 'aup.continueGrants': { version: 1, grants: [{ tabId: 'all' }] }, 'aup.bannerScript': { key: 'k' } });
    expect(await policyStateRecord.read()).toEqual(EMPTY_POLICY_STATE);
    expect(await continueGrantsRecord.read()).toEqual({ version: 1, grants: [] });
    expect(await breakStateRecord.read()).toEqual({ version: 1, selfDeclared: null, usage: null });
    expect(await bannerScriptRecord.read()).toBeNull();
    expect(await eventsRecord.read()).toEqual({ version: 2, events: [] });
    expect(await lastInternalErrorRecord.read()).toBeNull();
  });
});

describe('aup.policyState version 1 gains lastSyncAt (version 2)', () => {
  const v1 = { version: 1, manifest: null, policyUrl: null, etag: '"e"', fetchedAt: '2026-12-01T09:00:00.000Z', checkedAt: '2026-12-04T09:00:00.000Z', failures: 0 };
  it('the last check succeeded (no error): it was the last successful sync', async () => {
    await fakeBrowser.storage.local.set({ 'aup.policyState': { ...v1, lastError: null } });
    expect(await policyStateRecord.read()).toEqual({ ...v1, version: 2, lastError: null, lastSyncAt: '2026-12-04T09:00:00.000Z' });
    expect((await fakeBrowser.storage.local.get('aup.policyState'))['aup.policyState']).toMatchObject({ version: 2 });
  });
  it('the last check failed: the download of the bundle in force is the latest success known', async () => {
    const lastError = { code: 'fetch-failed', message: 'timed out', at: '2026-12-04T09:00:00.000Z' };
    await fakeBrowser.storage.local.set({ 'aup.policyState': { ...v1, lastError, failures: 2 } });
    expect((await policyStateRecord.read()).lastSyncAt).toBe('2026-12-01T09:00:00.000Z');
  });
});

describe('local settings move from aup.localConfig.v1 to aup.localConfig version 2', () => {
  it('migrates the settings of an existing install once, and the worker uses them', async () => {
    const { loadConfig } = await import('./config.ts');
    await fakeBrowser.storage.local.set({ 'aup.localConfig.v1': { ...DEVICE_CONFIG, group: 'library' } });
    const loaded = await loadConfig();
    expect(loaded).toMatchObject({ source: 'local', problems: [], config: { group: 'library' } });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ 'aup.localConfig': { version: 2, config: { ...DEVICE_CONFIG, group: 'library' } } });
    expect(reports).toEqual([]);
  });

  it('shows unreadable old settings as a problem and keeps the defaults (no silent switch of policy URL)', async () => {
    const { loadConfig } = await import('./config.ts');
    await fakeBrowser.storage.local.set({ 'aup.localConfig.v1': { policyUrl: 'ftp://nope' } });
    const loaded = await loadConfig();
    expect(loaded.source).toBe('default');
    expect(loaded.problems).toMatchObject([{ code: 'local-unreadable', detail: expect.stringMatching(/^version 1: /) }]);
    expect(reports).toEqual(['storage: aup.localConfig.v1']);
    expect(await fakeBrowser.storage.local.get('aup.localConfig.v1')).toEqual({ 'aup.localConfig.v1': { policyUrl: 'ftp://nope' } });
  });

  it('saves from the options page in the new form, read back as local settings', async () => {
    const { loadConfig, saveLocalConfig } = await import('./config.ts');
    await saveLocalConfig({ ...DEVICE_CONFIG, group: 'visitors' });
    expect(await localConfigRecord.read()).toEqual({ version: 2, config: { ...DEVICE_CONFIG, group: 'visitors' } });
    expect((await loadConfig()).config.group).toBe('visitors');
  });
});

describe('blobs in IndexedDB', () => {
  const chunk = new Uint8Array([1, 2, 3, 4, 5]);

  it('uses a chunk only if its bytes hash to the SHA-256 in its key', async () => {
    const sha = await sha256Hex(chunk);
    blobs.set(chunkBlobs.keyOf(sha), chunk);
    expect(await chunkBlobs.read(sha)).toEqual(chunk);
    blobs.set(chunkBlobs.keyOf(sha), new Uint8Array([1, 2, 3, 4, 6]));
    expect(await chunkBlobs.read(sha)).toBeUndefined();
    expect(reports).toEqual([`storage: chunk:${sha}`]);
  });

  /** Which suffixes of `host` a stored matcher lists, paged or not. */
  async function listed(host: string): Promise<string[] | undefined> {
    const matcher = await chunkMatcherBlobs.read('abc');
    if (!matcher) return undefined;
    if (matcher instanceof HostMatcher) return matcher.matches(host).map((m) => m.suffix);
    await matcher.prepare(host);
    return matcher.suffixesOf(host);
  }

  it('stores a large matcher as a Blob, read back paged, and a small one as bytes, read whole; a large one stored as bytes (before Blobs) is read too', async () => {
    const large = HostMatcher.build(['ads.example', ...Array.from({ length: 60_000 }, (_, i) => `h${i}.test`)].map((host) => ({ host, category: 0 })));
    const [key, stored] = chunkMatcherBlobs.entry('abc', large);
    expect(stored).toBeInstanceOf(Blob);
    blobs.set(key, stored);
    expect(await chunkMatcherBlobs.read('abc')).toBeInstanceOf(PagedHostMatcher);
    expect(await listed('x.ads.example')).toEqual(['ads.example']);
    expect(await listed('h59999.test')).toEqual(['h59999.test']);
    expect(await listed('example')).toEqual([]);
    blobs.set(key, large.toBinary());
    expect(await chunkMatcherBlobs.read('abc')).toBeInstanceOf(HostMatcher);
    expect(await listed('x.ads.example')).toEqual(['ads.example']);
    const small = chunkMatcherBlobs.entry('abc', HostMatcher.build([{ host: 'ads.example', category: 0 }]))[1];
    expect(small).toBeInstanceOf(Uint8Array);
    blobs.set(key, small);
    expect(await listed('x.ads.example')).toEqual(['ads.example']);
    expect(reports).toEqual([]);
  });

  it('uses a stored matcher only if it reads back as a matcher; a corrupt one is missing, not empty', async () => {
    const bytes = HostMatcher.build([{ host: 'ads.example', category: 0 }]).toBinary();
    const key = chunkMatcherBlobs.keyOf('abc');
    for (const damaged of [bytes.slice(0, bytes.length - 3), new Uint8Array(64).fill(0xff)]) {
      blobs.set(key, new Blob([damaged]));
      expect(await chunkMatcherBlobs.read('abc')).toBeUndefined();
      blobs.set(key, damaged);
      expect(await chunkMatcherBlobs.read('abc')).toBeUndefined();
    }
    expect(reports).toEqual(Array(4).fill('storage: chunk-matcher:abc'));
  });

  it('treats a matcher stored in an earlier matcher format as missing, so it is rebuilt from its chunk, and does not report it', async () => {
    const bytes = HostMatcher.build([{ host: 'ads.example', category: 0 }]).toBinary();
    const key = chunkMatcherBlobs.keyOf('abc');
    // Earlier formats lay tables out differently (format 1 even hashed differently): such a
    // table is what every device holds just after an update, not a sign of damage.
    for (const version of [1, FORMAT_VERSION - 1]) {
      new DataView(bytes.buffer, bytes.byteOffset).setUint32(4, version, true);
      for (const stored of [bytes, new Blob([bytes as Uint8Array<ArrayBuffer>])]) {
        blobs.set(key, stored);
        expect(await chunkMatcherBlobs.read('abc')).toBeUndefined();
      }
    }
    expect(reports).toEqual([]);
    // A version from the future (or a damaged one) is still reported.
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(4, FORMAT_VERSION + 1, true);
    blobs.set(key, new Blob([bytes as Uint8Array<ArrayBuffer>]));
    expect(await chunkMatcherBlobs.read('abc')).toBeUndefined();
    expect(reports).toEqual(['storage: chunk-matcher:abc']);
  });
});

describe('the registry', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));

  it('lists every record declared in the extension, each key once', () => {
    const declaring = sources('extension').filter((f) => /\bdefine(Blob)?Record\(/.test(readFileSync(f, 'utf8')) && !f.startsWith(join('extension', 'platform')));
    expect(declaring.sort()).toEqual([join('extension', 'background', 'delivery-records.ts'), join('extension', 'background', 'records.ts')]);
    const declared = declaring.flatMap((f) => readFileSync(f, 'utf8').match(/\bdefineRecord\(/g) ?? []);
    expect(declared).toHaveLength(RECORDS.length);
    expect(new Set(RECORDS.map((r) => r.key)).size).toBe(RECORDS.length);
  });

  it('documents every record in docs/architecture.md', () => {
    const docs = readFileSync(join('docs', 'architecture.md'), 'utf8');
    for (const r of RECORDS) expect(docs).toContain(`\`${r.key}\``);
  });
});
