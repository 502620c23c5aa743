/**
 * Binary data (bundle chunks, the compiled host matcher) in IndexedDB: storage.local only holds
 * JSON, and base64 would double the size and the parse time of a million-host matcher.
 * IndexedDB is a web API, but it lives here with the other storage the extension keeps.
 */

const DB_NAME = 'aup-guard';
const DB_VERSION = 1;
const STORE = 'blobs';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('IndexedDB open failed'));
    };
  });
  return opening;
}

function run<T>(mode: IDBTransactionMode, body: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  return open().then(
    (db) =>
      new Promise<T | undefined>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = body(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(request ? request.result : undefined);
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
      }),
  );
}

/**
 * What a key holds: bytes, or a `Blob`, which IndexedDB keeps on disk until it is read (the
 * compact matchers are stored so, to be read a slice at a time: src/match/paged-matcher.ts).
 */
export type StoredBytes = Uint8Array | Blob;

export async function getBlob(key: string): Promise<StoredBytes | undefined> {
  const value = await run<unknown>('readonly', (s) => s.get(key));
  if (value instanceof Uint8Array || value instanceof Blob) return value;
  return value instanceof ArrayBuffer ? new Uint8Array(value) : undefined;
}

export async function putBlobs(entries: ReadonlyArray<[string, StoredBytes]>): Promise<void> {
  await run('readwrite', (s) => {
    for (const [key, bytes] of entries) s.put(bytes, key);
  });
}

export async function blobKeys(): Promise<string[]> {
  return ((await run<IDBValidKey[]>('readonly', (s) => s.getAllKeys())) ?? []).map(String);
}

export async function deleteBlobs(keys: readonly string[]): Promise<void> {
  await run('readwrite', (s) => {
    for (const key of keys) s.delete(key);
  });
}
