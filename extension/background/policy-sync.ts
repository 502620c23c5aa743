import { BundleError } from '../../src/bundle/bundle-error.ts';
import { readBundle, type Fetcher } from '../../src/bundle/bundle-reader.ts';
import { readBounded } from '../../src/bundle/bytes.ts';
import { LIMITS, MANIFEST_FILE } from '../../src/bundle/manifest.ts';
import { importTrustedKeys } from '../../src/bundle/signing.ts';
import { retryDelayMs } from '../../src/retry/backoff.ts';
import { blobKeys, deleteBlobs, putBlobs } from '../platform/blob-store.ts';
import { setAlarmAt } from '../platform/alarms.ts';
import { loadConfig } from './config.ts';
import { chunkMatcher } from './active-policy.ts';
import { readPolicyState, writePolicyState, type PolicyState } from './policy-state.ts';
import { chunkBlobs, chunkMatcherBlobs } from './records.ts';

export const REFRESH_ALARM = 'policy-refresh';

export type SyncOutcome = 'updated' | 'unchanged' | 'failed';
/** An update carries the hosts it verified and decoded, by chunk hash, so enforcing it need not decode them again. */
export type SyncResult = { outcome: 'updated'; decoded: ReadonlyMap<string, string[]> } | { outcome: 'unchanged' | 'failed' };

function fetcherFor(manifestUrl: string, manifestBytes: Uint8Array): Fetcher {
  return async (path, maxBytes) => {
    if (path === MANIFEST_FILE) return manifestBytes;
    const response = await fetch(new URL(path, manifestUrl), { cache: 'no-store', credentials: 'omit' });
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    return readBounded(response.body, maxBytes);
  };
}

/**
 * Fetch the bundle named by the configuration, verify it with the same code as `aup verify`,
 * fetch only chunks not already held, and store it as last-known-good. A bundle that fails any
 * check is never stored: the previous one keeps enforcing and the error is kept for the popup.
 */
let queue: Promise<unknown> = Promise.resolve();

/** One sync at a time: alarms, managed-config changes and the options page may all ask at once. */
export function syncPolicy(now?: number): Promise<SyncResult> {
  const next = queue.catch(() => undefined).then(() => syncOnce(now ?? Date.now()));
  queue = next;
  return next;
}

async function syncOnce(now: number): Promise<SyncResult> {
  const { config, problems } = await loadConfig();
  const state = await readPolicyState();
  const at = new Date(now).toISOString();
  const sameUrl = state.policyUrl === config.policyUrl;
  try {
    if (problems.length > 0) throw new BundleError('fetch-failed', `configuration: ${problems.join('; ')}`);
    const trustedKeys = await importTrustedKeys(config.trustedKeys);
    const headers: Record<string, string> = {};
    if (sameUrl && state.etag && state.manifest) headers['if-none-match'] = state.etag;
    let response: Response;
    try {
      response = await fetch(config.policyUrl, { cache: 'no-store', credentials: 'omit', headers });
    } catch (error) {
      throw new BundleError('fetch-failed', `cannot reach ${config.policyUrl}: ${(error as Error).message}`);
    }
    if (response.status === 304) {
      await writePolicyState({ ...state, checkedAt: at, lastError: null, failures: 0 });
      await scheduleRefresh(config.refreshMinutes, 0);
      return { outcome: 'unchanged' };
    }
    if (!response.ok || !response.body) throw new BundleError('fetch-failed', `${config.policyUrl} answered HTTP ${response.status}`);
    let manifestBytes: Uint8Array;
    try {
      manifestBytes = await readBounded(response.body, LIMITS.manifestBytes);
    } catch (error) {
      throw new BundleError('malformed', `manifest: ${(error as Error).message}`);
    }
    const held = state.manifest;
    const result = await readBundle(fetcherFor(config.policyUrl, manifestBytes), {
      trustedKeys,
      // Equal is allowed (the same bundle again); lower is a rollback.
      minSerial: held?.serial,
      now,
      // Held = its bytes and its compiled matcher are both stored and readable (they are written
      // together); a damaged one is fetched again.
      isHeld: async (sha) => !!(await chunkBlobs.read(sha)) && !!(await chunkMatcherBlobs.read(sha)),
    });
    const manifest = result.manifest;
    // Each new chunk, and its compact matcher for the cold-start guard, by hash.
    const blobs: Array<[string, Uint8Array]> = [];
    for (const ref of manifest.chunks) {
      const bytes = result.fetched.get(ref.sha256);
      const hosts = result.lists[ref.category];
      if (!bytes || !hosts) continue;
      blobs.push(chunkBlobs.entry(ref.sha256, bytes), chunkMatcherBlobs.entry(ref.sha256, chunkMatcher(hosts)));
    }
    await putBlobs(blobs);
    await writePolicyState({
      version: 1,
      manifest,
      policyUrl: config.policyUrl,
      etag: response.headers.get('etag'),
      fetchedAt: at,
      checkedAt: at,
      lastError: null,
      failures: 0,
    });
    await pruneBlobs(new Set(manifest.chunks.map((c) => c.sha256)));
    await scheduleRefresh(config.refreshMinutes, 0);
    const decoded = new Map(manifest.chunks.filter((ref) => result.lists[ref.category]).map((ref) => [ref.sha256, result.lists[ref.category]!]));
    return { outcome: 'updated', decoded };
  } catch (error) {
    const failure: PolicyState = {
      ...state,
      checkedAt: at,
      failures: state.failures + 1,
      lastError: {
        code: error instanceof BundleError ? error.code : 'internal',
        message: error instanceof Error ? error.message : String(error),
        at,
      },
    };
    await writePolicyState(failure);
    await scheduleRefresh(config.refreshMinutes, failure.failures);
    return { outcome: 'failed' };
  }
}

async function scheduleRefresh(refreshMinutes: number, failures: number): Promise<void> {
  await setAlarmAt(REFRESH_ALARM, Date.now() + retryDelayMs(failures, refreshMinutes));
}

/** Drop chunks and matchers no longer referenced by the bundle in force. */
async function pruneBlobs(keep: ReadonlySet<string>): Promise<void> {
  const stale = (await blobKeys()).filter((key) => {
    const [kind, sha] = key.split(':');
    return kind === 'chunk' || kind === 'chunk-matcher' ? !keep.has(sha ?? '') : true;
  });
  await deleteBlobs(stale);
}
