import { BundleError } from '../../src/bundle/bundle-error.ts';
import type { Fetcher } from '../../src/bundle/bundle-reader.ts';
import { readBounded } from '../../src/bundle/bytes.ts';
import { LIMITS, MANIFEST_FILE } from '../../src/bundle/manifest.ts';
import type { PolicyFetchHeaders } from '../../src/protocol/wire-fields.ts';

/*
 * HTTP for policy sync, with a deadline on every request: a server that accepts the connection
 * and never answers must not hold the sync (and with it every later check) for ever. The
 * deadline covers connecting, the headers and the body, so a trickling body times out too.
 */

/**
 * The manifest is small (≤ 4 MiB, usually kilobytes): 20 s is generous on any council link, and
 * ends before Firefox's 30 s idle limit for an event page (measured: a check waiting 30 s on a
 * server that never answered lost its worker, so the failure was never recorded).
 */
export const MANIFEST_TIMEOUT_MS = 20_000;

/** A chunk may be megabytes: 30 s plus 1 s per 64 KiB (a 7 MB list: about 2.5 minutes). */
export function chunkTimeoutMs(bytes: number): number {
  return 30_000 + Math.ceil(bytes / 65_536) * 1_000;
}

function timedOut(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/**
 * Chrome and Edge hold back an extension's requests to a URL for a while after it has answered a
 * few times with 500 or more (their anti-overload throttle; measured here: after three 503s the
 * next fetch failed at once, "Failed to fetch", and reached no server; a 404 does not start it).
 * A fetch cannot tell that from a network failure, so the message ICT reads says when the server
 * last answered with an error. Memory only: after a worker restart the message is the plain one.
 */
const SERVER_ERROR_HINT_MS = 15 * 60_000;
let lastServerError: { url: string; status: number; at: number } | null = null;

function serverErrorHint(url: string, now = Date.now()): string {
  if (!lastServerError || lastServerError.url !== url || now - lastServerError.at > SERVER_ERROR_HINT_MS) return '';
  const at = new Date(lastServerError.at).toISOString();
  return ` (the server answered HTTP ${lastServerError.status} at ${at}; after such answers the browser may hold back its requests for a while; the next check tries again)`;
}

export type ManifestAnswer = { status: 'not-modified' } | { status: 'ok'; bytes: Uint8Array; etag: string | null };

export async function fetchManifest(policyUrl: string, etag: string | null, timeoutMs = MANIFEST_TIMEOUT_MS): Promise<ManifestAnswer> {
  // Typed by the inventory's definition (src/protocol/wire-fields.ts): a new header must be described there.
  const headers: PolicyFetchHeaders = etag ? { 'if-none-match': etag } : {};
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(policyUrl, { cache: 'no-store', credentials: 'omit', headers, signal });
  } catch (error) {
    const why = timedOut(error) ? `no answer within ${timeoutMs / 1000} s` : `${(error as Error).message}${serverErrorHint(policyUrl)}`;
    throw new BundleError('fetch-failed', `cannot reach ${policyUrl}: ${why}`);
  }
  lastServerError = response.status >= 500 ? { url: policyUrl, status: response.status, at: Date.now() } : null;
  if (response.status === 304) return { status: 'not-modified' };
  if (!response.ok || !response.body) throw new BundleError('fetch-failed', `${policyUrl} answered HTTP ${response.status}`);
  try {
    return { status: 'ok', bytes: await readBounded(response.body, LIMITS.manifestBytes), etag: response.headers.get('etag') };
  } catch (error) {
    if (timedOut(error)) throw new BundleError('fetch-failed', `${policyUrl}: the manifest did not arrive within ${timeoutMs / 1000} s`);
    throw new BundleError('malformed', `manifest: ${(error as Error).message}`);
  }
}

/** Chunks are fetched beside the manifest; the manifest itself is the bytes already read. */
export function chunkFetcher(manifestUrl: string, manifestBytes: Uint8Array): Fetcher {
  return async (path, maxBytes) => {
    if (path === MANIFEST_FILE) return manifestBytes;
    const ms = chunkTimeoutMs(maxBytes);
    try {
      const response = await fetch(new URL(path, manifestUrl), { cache: 'no-store', credentials: 'omit', signal: AbortSignal.timeout(ms) });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      return await readBounded(response.body, maxBytes);
    } catch (error) {
      if (timedOut(error)) throw new BundleError('fetch-failed', `${path}: not complete within ${Math.round(ms / 1000)} s`);
      throw error;
    }
  };
}
