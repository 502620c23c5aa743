import { getBlob, type StoredBytes } from './blob-store.ts';
import { reportStoredProblem } from './stored-record.ts';

/*
 * The IndexedDB counterpart of ./stored-record.ts: binary blobs keyed by `<prefix><id>`, each
 * kind declared once with a decoder that checks the bytes before anything uses them. A blob
 * that fails its check is reported and read as missing (so it is fetched or rebuilt again),
 * never as empty.
 */

/** T: what a read gives; W: what is written (a matcher is written whole and may be read paged). */
export type BlobSpec<T, P extends string = string, W = T> = {
  prefix: P;
  /**
   * Validate and decode; throws when the bytes cannot be trusted. Returns undefined for bytes
   * that are sound but were written for an earlier release (an older format after an update):
   * read as missing, so they are rebuilt, and not reported — nothing went wrong.
   */
  decode: (id: string, stored: StoredBytes) => T | undefined | Promise<T | undefined>;
  encode: (value: W) => StoredBytes;
};

export type BlobRecord<T, P extends string = string, W = T> = {
  readonly prefix: P;
  keyOf(id: string): string;
  /** The decoded value, or undefined when it is missing or unreadable. */
  read(id: string): Promise<T | undefined>;
  /** A `[key, bytes]` entry for putBlobs (blobs written together go in one transaction). */
  entry(id: string, value: W): [string, StoredBytes];
};

/** Where the bytes come from: IndexedDB in the extension, a map in unit tests (Node has no IndexedDB). */
export type BlobSource = (key: string) => Promise<StoredBytes | undefined>;

/** All of a stored value's bytes. */
export async function bytesOf(stored: StoredBytes): Promise<Uint8Array> {
  return stored instanceof Uint8Array ? stored : new Uint8Array(await stored.arrayBuffer());
}

export function defineBlobRecord<T, P extends string, W = T>(spec: BlobSpec<T, P, W>, source: BlobSource = getBlob): BlobRecord<T, P, W> {
  const keyOf = (id: string) => `${spec.prefix}${id}`;
  return {
    prefix: spec.prefix,
    keyOf,
    async read(id) {
      const bytes = await source(keyOf(id));
      if (!bytes) return undefined;
      try {
        return await spec.decode(id, bytes);
      } catch (error) {
        await reportStoredProblem(keyOf(id), error instanceof Error ? error.message : String(error));
        return undefined;
      }
    },
    entry: (id, value) => [keyOf(id), spec.encode(value)],
  };
}
