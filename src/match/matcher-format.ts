/**
 * The matcher's binary form, shared by build (which lays the table out in this form directly) and
 * fromBinary (which maps views onto it without touching the entries).
 *
 *   offset  size              field
 *   0       4                 magic "AUPM"
 *   4       4  u32 LE         format version (FORMAT_VERSION; covers the hash in suffix-hash.ts)
 *   8       4  u32 LE         k: the table has 2^k buckets, chosen from hash 1's top k bits
 *   12      4  u32 LE         n: number of entries
 *   16      4  u32 LE         depths: bit d−1 set when some entry has d labels (bit 31: 32 or more);
 *                             entries hashed whole (IPv4 literals) set none
 *   20      4·(2^k + 1)       offsets (u32): bucket b holds entries offsets[b] .. offsets[b+1]-1
 *   …       4·n               fingerprints (u32, hash 2), sorted by (bucket, fingerprint, category)
 *   …       n                 categories (u8), parallel to fingerprints
 *   …       0–3               zero padding to a multiple of 4
 *
 * Every section starts 4-byte aligned so a little-endian host can view it in place. Typed arrays
 * use the platform's byte order; every browser we ship to is little-endian, and on anything else
 * the codec refuses loudly rather than mis-reading.
 */

export const MAGIC = [0x41, 0x55, 0x50, 0x4d] as const; // "AUPM"
/**
 * 3: the header says which depths (label counts) the entries have, so a lookup skips the suffixes
 * no entry can equal — above all the top-level domain. 2: the fingerprint is hash 2's state
 * without a finaliser (see suffix-hash.ts). Tables of another version are refused; a device
 * rebuilds a refused stored matcher from its chunk (active-policy.ts).
 */
export const FORMAT_VERSION = 3;
export const HEADER_BYTES = 20;
/** Every format so far starts with magic and version in its first 8 bytes. */
const HEADER_BYTES_OF_ANY_FORMAT = 8;
/** Depths of 32 labels or more share the last bit of the depths mask. */
export const MAX_DEPTH_BIT = 31;
export const MIN_K = 1;
/** 2^30 buckets would be 4 GiB of offsets: far past any list we will ever ship. */
export const MAX_K = 30;
/** Category indices fit in a u8; 255 is kept back as a future "none" marker. */
export const MAX_CATEGORY = 254;

export const PLATFORM_IS_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export type Layout = { k: number; n: number; depths: number; offsetsAt: number; fingerprintsAt: number; categoriesAt: number; totalBytes: number };

/** The bit of the depths mask that an entry with `depth` labels sets (depth ≥ 1). */
export function depthBit(depth: number): number {
  return (1 << Math.min(depth - 1, MAX_DEPTH_BIT)) >>> 0;
}

export function layoutFor(k: number, n: number, depths: number): Layout {
  const offsetsAt = HEADER_BYTES;
  const fingerprintsAt = offsetsAt + 4 * (2 ** k + 1);
  const categoriesAt = fingerprintsAt + 4 * n;
  const totalBytes = categoriesAt + Math.ceil(n / 4) * 4;
  return { k, n, depths, offsetsAt, fingerprintsAt, categoriesAt, totalBytes };
}

/**
 * Smallest k with at most 64 entries per bucket on average (so 32–64). A lookup's time goes on
 * waiting for memory, not on comparing, and since a lookup starts where its fingerprint would sit
 * in the bucket (matcher.ts, firstNotBelow) a fuller bucket costs it no longer scan. Fewer buckets
 * make the offsets table small enough to stay in cache: 128 KB for 1.25M entries, against 0.5 MB
 * at 8–16 a bucket (the choice before lookups started mid-bucket) and 2 MB at 2–4. Measured on the
 * UT1 sample plus synthetic hosts (1.25M entries, 2-core EPYC, Node 20, `npm run bench -- matcher`,
 * sizes alternated): 32–64 a bucket gave 4.1–4.5× the Map where 8–16 gave 3.8–4.2×, ahead in
 * each of six rounds, and 0.39 fewer resident bytes per host; 64–128 gave no more. The cost is
 * the false-positive rate, four times that of 8–16 and still around 10^-8 per suffix probed
 * (see matcher.ts). Offsets cost 0.06–0.13 bytes per entry.
 */
export const MAX_PER_BUCKET = 64;

export function chooseK(n: number): number {
  let k = MIN_K;
  while (k < MAX_K && n > MAX_PER_BUCKET * 2 ** k) k++;
  return k;
}

export function writeHeader(bytes: Uint8Array, layout: Layout): void {
  bytes.set(MAGIC, 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, layout.k, true);
  view.setUint32(12, layout.n, true);
  view.setUint32(16, layout.depths, true);
}

/**
 * Is this a matcher table of an earlier format (the right magic, an older version)? A device
 * holds such tables after an update; they are rebuilt, and are no sign of damage.
 */
export function isEarlierFormat(bytes: Uint8Array): boolean {
  if (bytes.byteLength < HEADER_BYTES_OF_ANY_FORMAT || MAGIC.some((b, i) => bytes[i] !== b)) return false;
  const version = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
  return version >= 1 && version < FORMAT_VERSION;
}

/** Check the header and the total length; returns the layout or throws a clear Error. */
export function readHeader(bytes: Uint8Array): Layout {
  return readHeaderOf(bytes, bytes.byteLength);
}

/**
 * The same for a table read in parts: `bytes` starts at the table's first byte and holds at least
 * its header; `totalBytes` is the whole table's length (a stored Blob's size, paged-matcher.ts).
 */
export function readHeaderOf(bytes: Uint8Array, totalBytes: number): Layout {
  if (bytes.byteLength < HEADER_BYTES) throw new Error(`host matcher data is truncated: ${bytes.byteLength} bytes, header needs ${HEADER_BYTES}`);
  if (MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('host matcher data has the wrong magic (expected "AUPM"): not a matcher table');
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const version = view.getUint32(4, true);
  if (version !== FORMAT_VERSION) throw new Error(`host matcher format version ${version} is not supported (this code reads version ${FORMAT_VERSION})`);
  const k = view.getUint32(8, true);
  if (k < MIN_K || k > MAX_K) throw new Error(`host matcher header is corrupt: bucket bits k=${k} outside ${MIN_K}..${MAX_K}`);
  const n = view.getUint32(12, true);
  const layout = layoutFor(k, n, view.getUint32(16, true));
  if (totalBytes !== layout.totalBytes) {
    throw new Error(`host matcher data length ${totalBytes} does not match its header (k=${k}, n=${n} needs ${layout.totalBytes} bytes): truncated or corrupt`);
  }
  return layout;
}
