import { BundleError } from './bundle-error.ts';
import { LIMITS, MANIFEST_FILE, chunkPath, type SignedManifest } from './manifest.ts';
import { verifyChunk, verifyManifest, type Phase, type VerifyOptions } from './verify.ts';

/**
 * Fetch a file of the bundle by its path relative to the manifest, reading at most `maxBytes`
 * (one more byte is an error). The extension backs it with fetch(); the CLI with the file system.
 */
export type Fetcher = (path: string, maxBytes: number) => Promise<Uint8Array>;

export type ReadBundleResult = {
  manifest: SignedManifest;
  manifestBytes: Uint8Array;
  /** Category id → hosts, for every chunk that was fetched (chunks already held are not re-read). */
  lists: Record<string, string[]>;
  /** The verified bytes of each chunk that had to be fetched (not already held), by SHA-256. */
  fetched: Map<string, Uint8Array>;
  bytesFetched: number;
};

export type ReadBundleOptions = VerifyOptions & {
  /** Whether a chunk was already fetched and verified earlier, by its SHA-256: a delta update skips it. */
  isHeld?: (sha256: string) => Promise<boolean>;
  /** Times each step under a name (the extension's per-phase timings); by default just runs it. */
  phase?: Phase;
};

const untimed: Phase = async (_name, work) => work();

async function fetchOrFail(fetcher: Fetcher, path: string, max: number): Promise<Uint8Array> {
  try {
    return await fetcher(path, max);
  } catch (error) {
    if (error instanceof BundleError) throw error;
    if (error instanceof RangeError) throw new BundleError('chunk-too-large', `${path}: ${error.message}`);
    throw new BundleError('fetch-failed', `${path}: ${(error as Error).message}`);
  }
}

/** Fetch, verify and decode a whole bundle; nothing is returned unless every part checks out. */
export async function readBundle(fetcher: Fetcher, options: ReadBundleOptions): Promise<ReadBundleResult> {
  const phase = options.phase ?? untimed;
  const manifestBytes = await phase('fetch manifest', () => fetchOrFail(fetcher, MANIFEST_FILE, LIMITS.manifestBytes));
  const { manifest } = await phase('verify manifest', () => verifyManifest(manifestBytes, options));
  const lists: Record<string, string[]> = {};
  const fetched = new Map<string, Uint8Array>();
  let bytesFetched = manifestBytes.length;
  for (const ref of manifest.chunks) {
    if (await options.isHeld?.(ref.sha256)) continue;
    // Ask for one byte more than declared so that an over-long chunk is seen, not truncated.
    const bytes = await phase(`fetch chunk ${ref.category}`, () => fetchOrFail(fetcher, chunkPath(ref.sha256), ref.size + 1));
    bytesFetched += bytes.length;
    lists[ref.category] = await verifyChunk(ref, bytes, phase);
    fetched.set(ref.sha256, bytes);
  }
  return { manifest, manifestBytes, lists, fetched, bytesFetched };
}
