import { BundleError } from '../../src/policy/bundle-error.ts';
import { readBundle, type Fetcher } from '../../src/policy/bundle-reader.ts';
import { readBounded } from '../../src/policy/bytes.ts';
import { LIMITS, MANIFEST_FILE } from '../../src/policy/manifest.ts';
import { importTrustedKeys } from '../../src/policy/signing.ts';
import { retryDelayMs } from '../../src/policy/backoff.ts';
import { buildMatcher } from '../../src/decide/policy-index.ts';
import { blobKeys, deleteBlobs, putBlobs } from '../platform/blob-store.ts';
import { setAlarmAt } from '../platform/alarms.ts';
import { loadConfig } from './config.ts';
import { CHUNK_KEY, MATCHER_KEY, forgetActivePolicy, hostsOfChunk } from './active-policy.ts';
import { readPolicyState, writePolicyState, type PolicyState } from './policy-state.ts';

export const REFRESH_ALARM = 'policy-refresh';

export type SyncOutcome = 'updated' | 'unchanged' | 'failed';

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
export function syncPolicy(now?: number): Promise<SyncOutcome> {
  const next = queue.catch(() => undefined).then(() => syncOnce(now ?? Date.now()));
  queue = next;
  return next;
}

async function syncOnce(now: number): Promise<SyncOutcome> {
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
      return 'unchanged';
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
      heldChunk: async (sha) => {
        const ref = held?.chunks.find((c) => c.sha256 === sha);
        return ref && held ? hostsOfChunk(held, ref.category).catch(() => undefined) : undefined;
      },
    });
    const manifest = result.manifest;
    // Chunks by hash (held ones are already stored), then the compiled matcher for the cold-start guard.
    const blobs: Array<[string, Uint8Array]> = [...result.fetched].map(([sha, bytes]) => [CHUNK_KEY(sha), bytes]);
    const matcher = buildMatcher(manifest.policy, result.lists);
    blobs.push([MATCHER_KEY(manifest.serial), matcher.toBinary()]);
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
    forgetActivePolicy();
    await pruneBlobs(manifest.serial, new Set(manifest.chunks.map((c) => c.sha256)));
    await scheduleRefresh(config.refreshMinutes, 0);
    return 'updated';
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
    return 'failed';
  }
}

async function scheduleRefresh(refreshMinutes: number, failures: number): Promise<void> {
  await setAlarmAt(REFRESH_ALARM, Date.now() + retryDelayMs(failures, refreshMinutes));
}

/** Drop chunks and matchers no longer referenced by the bundle in force. */
async function pruneBlobs(serial: number, keep: ReadonlySet<string>): Promise<void> {
  const stale = (await blobKeys()).filter((key) => {
    if (key.startsWith('chunk:')) return !keep.has(key.slice(6));
    if (key.startsWith('matcher:')) return key !== MATCHER_KEY(serial);
    return false;
  });
  await deleteBlobs(stale);
}
