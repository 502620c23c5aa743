import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { MANIFEST_FILE, chunkPath } from '../../src/bundle/manifest.ts';
import type { BuiltBundle } from '../../src/bundle/build-bundle.ts';
import { DEV_PUBLIC, IN_VALIDITY, buildRepoBundle, otherKey, repoRules } from './support/bundle-fixture.ts';
import { fetchManifest } from '../../extension/background/bundle-fetch.ts';
import { readPolicyState } from '../../extension/background/policy-state.ts';
import { REFRESH_ALARM, syncPolicy, syncPolicyIfDue } from '../../extension/background/policy-sync.ts';
import { chunkBlobs, localConfigRecord } from '../../extension/background/records.ts';

/*
 * Policy sync against an in-memory bundle server (fetch), in-memory IndexedDB blobs and the
 * fake browser's storage: what the device ends up trusting, and that no server can freeze it.
 */

const blobs = new Map<string, Uint8Array>();
vi.mock('../../extension/platform/blob-store.ts', () => ({
  getBlob: async (key: string) => blobs.get(key),
  putBlobs: async (entries: Array<[string, Uint8Array]>) => void entries.forEach(([k, v]) => blobs.set(k, v)),
  blobKeys: async () => [...blobs.keys()],
  deleteBlobs: async (keys: string[]) => void keys.forEach((k) => blobs.delete(k)),
}));
vi.mock('virtual:aup-embedded', () => ({ default: { defaults: { policyUrl: 'https://unused.test/manifest.json', trustedKeys: [`${'A'.repeat(43)}=`], refreshMinutes: 60 } } }));

const POLICY_URL = 'https://policy.council.test/bundle/manifest.json';
const seen: Array<{ path: string; ifNoneMatch: string | null }> = [];
let served: BuiltBundle | null = null;
let hang = false;

function etagOf(bundle: BuiltBundle) {
  return `"${bundle.manifest.serial}-${bundle.manifest.chunks.map((c) => c.sha256.slice(0, 6)).join('')}"`;
}

/** The bundle server: serves `served`, answers 304 to a matching If-None-Match, or never answers at all. */
async function fakeFetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
  const url = new URL(String(input));
  const ifNoneMatch = new Headers(init.headers).get('if-none-match');
  seen.push({ path: url.pathname, ifNoneMatch });
  if (hang) return new Promise(() => undefined);
  if (!served) return new Response('not found', { status: 404 });
  const path = url.pathname.replace('/bundle/', '');
  if (path === MANIFEST_FILE && ifNoneMatch === etagOf(served)) return new Response(null, { status: 304 });
  const bytes = served.files.get(path);
  return bytes ? new Response(new Uint8Array(bytes), { headers: { etag: etagOf(served) } }) : new Response('not found', { status: 404 });
}

async function configure(trustedKeys: string[]) {
  await localConfigRecord.write({ version: 2, config: { policyUrl: POLICY_URL, trustedKeys, refreshMinutes: 60, checkinHours: 6 } });
}

beforeEach(async () => {
  fakeBrowser.reset();
  blobs.clear();
  seen.length = 0;
  served = null;
  hang = false;
  vi.stubGlobal('fetch', fakeFetch);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await configure([DEV_PUBLIC]);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

// Before 'policy sync': its never-answering server leaves that sync queued for good.
describe('policy checks on schedule, not on every wake', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(IN_VALIDITY);
  });
  afterEach(() => vi.useRealTimers());
  const MIN = 60_000;

  it('a wake asks the server nothing while a bundle is held and its alarm is set; a person, browser start and the alarm do', async () => {
    served = await buildRepoBundle();
    expect((await syncPolicy(IN_VALIDITY)).outcome).toBe('updated');
    seen.length = 0;
    for (let i = 1; i <= 20; i++) {
      vi.setSystemTime(IN_VALIDITY + i * MIN);
      expect((await syncPolicyIfDue('wake')).outcome).toBe('not-due');
    }
    expect(seen).toEqual([]);
    expect((await syncPolicyIfDue('user')).outcome).toBe('unchanged');
    expect(seen).toHaveLength(1);
    // An alarm missed while the browser was closed, firing beside browser start: one request.
    vi.setSystemTime(IN_VALIDITY + 40 * MIN);
    expect((await syncPolicyIfDue('browser-start')).outcome).toBe('unchanged');
    expect((await syncPolicyIfDue('alarm')).outcome).toBe('not-due');
    expect(seen).toHaveLength(2);
    vi.setSystemTime(IN_VALIDITY + 100 * MIN);
    expect((await syncPolicyIfDue('alarm')).outcome).toBe('unchanged');
    expect(seen).toHaveLength(3);
  });

  it('a wake with no bundle held fetches one at once, and a wake that finds the alarm lost re-arms it', async () => {
    served = await buildRepoBundle();
    expect((await syncPolicyIfDue('wake')).outcome).toBe('updated');
    expect((await readPolicyState()).manifest?.serial).toBe(5);
    await fakeBrowser.alarms.clear(REFRESH_ALARM);
    vi.setSystemTime(IN_VALIDITY + 5 * MIN);
    seen.length = 0;
    expect((await syncPolicyIfDue('wake')).outcome).toBe('not-due');
    expect(seen).toEqual([]);
    const alarm = await fakeBrowser.alarms.get(REFRESH_ALARM);
    expect(alarm?.scheduledTime).toBeGreaterThanOrEqual(IN_VALIDITY + 54 * MIN);
    expect(alarm?.scheduledTime).toBeLessThanOrEqual(IN_VALIDITY + 66 * MIN);
  });

  it('a wake while the server is down and no bundle is held retries on the back-off, not on every wake', async () => {
    const at = async (seconds: number) => {
      vi.setSystemTime(IN_VALIDITY + seconds * 1000);
      return (await syncPolicyIfDue('wake')).outcome;
    };
    expect(await at(0)).toBe('failed');
    // Never twice within a minute, whatever is missing.
    for (const s of [1, 10, 30, 59]) expect(await at(s)).toBe('not-due');
    expect(seen).toHaveLength(1);
    expect(await at(61)).toBe('failed');
    // Two failures: the back-off is two minutes (1.6 at its lowest jitter).
    for (const s of [61 + 30, 61 + 90]) expect(await at(s)).toBe('not-due');
    expect(seen).toHaveLength(2);
    expect(await at(61 + 100)).toBe('failed');
    expect(seen).toHaveLength(3);
  });
});

describe('policy sync', () => {
  it('stores a verified bundle as last-known-good, with its chunks', async () => {
    served = await buildRepoBundle();
    expect((await syncPolicy(IN_VALIDITY)).outcome).toBe('updated');
    const state = await readPolicyState();
    expect(state.manifest?.serial).toBe(5);
    for (const ref of served.manifest.chunks) expect(await chunkBlobs.read(ref.sha256)).toBeDefined();
  });

  it('counts a "not modified" answer as a successful sync (lastSyncAt), not a download (fetchedAt); a failure moves neither', async () => {
    served = await buildRepoBundle();
    await syncPolicy(IN_VALIDITY);
    const first = await readPolicyState();
    expect(first.lastSyncAt).toBe(first.fetchedAt);
    expect((await syncPolicy(IN_VALIDITY + 60_000)).outcome).toBe('unchanged');
    expect(seen.at(-1)?.ifNoneMatch).toBe(etagOf(served));
    const confirmed = await readPolicyState();
    expect(confirmed.fetchedAt).toBe(first.fetchedAt);
    expect(confirmed.lastSyncAt).toBe(new Date(IN_VALIDITY + 60_000).toISOString());
    hang = false;
    served = null;
    expect((await syncPolicy(IN_VALIDITY + 120_000)).outcome).toBe('failed');
    expect((await readPolicyState()).lastSyncAt).toBe(confirmed.lastSyncAt);
  });

  it('drops a held bundle whose key ICT no longer trusts, and takes one signed by the new key even with a lower serial', async () => {
    served = await buildRepoBundle({ serial: 2 ** 52 });
    await syncPolicy(IN_VALIDITY);
    const ict = await otherKey();
    await configure([ict.publicKeyBase64]);

    // The old bundle is still what the server has: dropped all the same, the baseline applies.
    expect((await syncPolicy(IN_VALIDITY)).outcome).toBe('dropped');
    let state = await readPolicyState();
    expect(state.manifest).toBeNull();
    expect(state.lastError?.code).toBe('key-revoked');

    served = await buildRepoBundle({ serial: 11, key: ict });
    expect((await syncPolicy(IN_VALIDITY)).outcome).toBe('updated');
    state = await readPolicyState();
    expect(state.manifest).toMatchObject({ serial: 11, keyId: ict.keyId });
  });

  it('refuses the serial it holds with other content, and keeps the held bundle', async () => {
    served = await buildRepoBundle();
    await syncPolicy(IN_VALIDITY);
    served = await buildRepoBundle({ lists: { ...repoRules().lists, gambling: ['only-this.example'] } });
    expect((await syncPolicy(IN_VALIDITY)).outcome).toBe('failed');
    const state = await readPolicyState();
    expect(state.lastError?.code).toBe('serial-reused');
    expect(state.manifest?.chunks.find((c) => c.category === 'gambling')?.count).toBeGreaterThan(1);
  });

  it('fetches a held chunk again when it is missing, instead of accepting "not modified"', async () => {
    served = await buildRepoBundle();
    await syncPolicy(IN_VALIDITY);
    seen.length = 0;
    expect((await syncPolicy(IN_VALIDITY)).outcome).toBe('unchanged');
    expect(seen).toEqual([{ path: '/bundle/manifest.json', ifNoneMatch: etagOf(served) }]);

    const lost = served.manifest.chunks[0]!.sha256;
    blobs.delete(`chunk:${lost}`);
    seen.length = 0;
    expect((await syncPolicy(IN_VALIDITY)).outcome).toBe('updated');
    expect(seen[0]).toEqual({ path: '/bundle/manifest.json', ifNoneMatch: null });
    expect(seen.map((s) => s.path)).toContain(`/bundle/${chunkPath(lost)}`);
    expect(await chunkBlobs.read(lost)).toBeDefined();
  });

  it('schedules the next check before it asks the server, so a server that never answers cannot stop checks', async () => {
    hang = true;
    const before = Date.now();
    void syncPolicy(IN_VALIDITY);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    const alarm = await fakeBrowser.alarms.get(REFRESH_ALARM);
    expect(alarm?.scheduledTime).toBeGreaterThan(before);
    // One failure's back-off (about a minute), not the hour of a successful check.
    expect(alarm!.scheduledTime - before).toBeLessThan(2 * 60_000);
  });
});

describe('fetching a manifest', () => {
  it('gives up on a server that accepts the connection and never answers', async () => {
    vi.unstubAllGlobals();
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const started = Date.now();
      await expect(fetchManifest(`http://127.0.0.1:${port}/manifest.json`, null, 300)).rejects.toThrow(/no answer within/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('a manifest fetch that fails after server errors', () => {
  it('says when the server last answered with an error, for a failure that may be the browser holding requests back', async () => {
    const url = 'https://policy.example.test/held-back/manifest.json';
    let answer: 'error' | 'refused' | 'ok' = 'error';
    vi.stubGlobal('fetch', async () => {
      if (answer === 'refused') throw new TypeError('Failed to fetch');
      return answer === 'error' ? new Response('down', { status: 503 }) : new Response('{}', { status: 200 });
    });
    await expect(fetchManifest(url, null)).rejects.toThrow(/answered HTTP 503$/);
    answer = 'refused';
    await expect(fetchManifest(url, null)).rejects.toThrow(/Failed to fetch \(the server answered HTTP 503 at \d{4}-.*may hold back its requests/);
    // Another address, or the same one after a good answer: the plain message.
    await expect(fetchManifest('https://other.example.test/manifest.json', null)).rejects.toThrow(/Failed to fetch$/);
    answer = 'ok';
    await fetchManifest(url, null);
    answer = 'refused';
    await expect(fetchManifest(url, null)).rejects.toThrow(/Failed to fetch$/);
  });
});
