import { MAX_HASHED_LENGTH, hashHost } from './suffix-hash.ts';
import { MAX_CATEGORY, chooseK, depthBit, layoutFor, writeHeader, type Layout } from './matcher-format.ts';

/**
 * Lay out a matcher table (see matcher-format.ts) from (host, category) entries: hash each host,
 * note its depth, drop repeats, counting-sort by bucket and sort each bucket by (fingerprint,
 * category). The result depends only on the set of entries, never on their order, so builds are
 * reproducible.
 */
export function buildTable(entries: Iterable<{ host: string; category: number }>): { bytes: Uint8Array; layout: Layout } {
  const raw = new EntryBuffer();
  let depths = 0;
  for (const { host, category } of entries) {
    if (typeof host !== 'string' || host === '') throw new Error('host matcher entry has an empty host');
    if (host.length > MAX_HASHED_LENGTH) throw new Error(`host matcher entry ${JSON.stringify(host.slice(0, 60))}… is longer than ${MAX_HASHED_LENGTH} characters`);
    if (!Number.isInteger(category) || category < 0 || category > MAX_CATEGORY) {
      throw new Error(`host matcher entry ${JSON.stringify(host)} has category ${category}; categories are integers 0..${MAX_CATEGORY}`);
    }
    const { hash1, hash2, depth } = hashHost(host);
    if (depth > 0) depths |= depthBit(depth);
    raw.push(hash1, hash2, category);
  }
  // Pass 1 groups by a provisional table size only to drop duplicates; pass 2 sizes the table
  // from the unique count, so the same set of entries always gives the same k and bytes.
  const unique = groupEntries(raw, chooseK(raw.length), null);
  const layout = layoutFor(chooseK(unique.length), unique.length, depths >>> 0);
  const bytes = new Uint8Array(layout.totalBytes);
  writeHeader(bytes, layout);
  groupEntries(unique, layout.k, { bytes, layout });
  return { bytes, layout };
}

/** Growable columns of (hash1, hash2, category) while reading the entries. */
class EntryBuffer {
  length = 0;
  hash1 = new Uint32Array(1024);
  hash2 = new Uint32Array(1024);
  category = new Uint8Array(1024);

  push(hash1: number, hash2: number, category: number): void {
    if (this.length === this.hash1.length) {
      const size = this.length * 2;
      this.hash1 = grow(this.hash1, new Uint32Array(size));
      this.hash2 = grow(this.hash2, new Uint32Array(size));
      this.category = grow(this.category, new Uint8Array(size));
    }
    this.hash1[this.length] = hash1;
    this.hash2[this.length] = hash2;
    this.category[this.length] = category;
    this.length++;
  }
}

function grow<T extends Uint32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * Counting-sort the entries into 2^k buckets by hash 1's top k bits and sort each (small) bucket
 * by (fingerprint, category, hash 1). Without `target`, returns the entries with exact repeats
 * (same hashes and category: the same host listed twice) dropped. With `target`, writes offsets,
 * fingerprints and categories into the table's sections, keeping every entry so that the count
 * matches the layout; two entries there can only look alike if two different hosts share a
 * fingerprint and a bucket, and then the bytes are the same whichever comes first.
 */
function groupEntries(entries: EntryBuffer, k: number, target: { bytes: Uint8Array; layout: Layout } | null): EntryBuffer {
  const shift = 32 - k;
  const bucketCount = 2 ** k;
  const starts = new Uint32Array(bucketCount + 1);
  for (let i = 0; i < entries.length; i++) {
    const slot = ((entries.hash1[i] as number) >>> shift) + 1;
    starts[slot] = (starts[slot] as number) + 1;
  }
  for (let b = 0; b < bucketCount; b++) starts[b + 1] = (starts[b + 1] as number) + (starts[b] as number);
  const order = new Uint32Array(entries.length);
  const fill = starts.slice(0, bucketCount);
  for (let i = 0; i < entries.length; i++) {
    const bucket = (entries.hash1[i] as number) >>> shift;
    order[fill[bucket] as number] = i;
    fill[bucket] = (fill[bucket] as number) + 1;
  }

  const { hash1, hash2, category } = entries;
  const compare = (a: number, b: number): number =>
    (hash2[a] as number) - (hash2[b] as number) || (category[a] as number) - (category[b] as number) || (hash1[a] as number) - (hash1[b] as number);

  const unique = new EntryBuffer();
  let offsets: Uint32Array | null = null;
  let fingerprints: Uint32Array | null = null;
  let categories: Uint8Array | null = null;
  if (target) {
    const { bytes, layout } = target;
    offsets = new Uint32Array(bytes.buffer, bytes.byteOffset + layout.offsetsAt, bucketCount + 1);
    fingerprints = new Uint32Array(bytes.buffer, bytes.byteOffset + layout.fingerprintsAt, layout.n);
    categories = new Uint8Array(bytes.buffer, bytes.byteOffset + layout.categoriesAt, layout.n);
  }
  let written = 0;
  for (let b = 0; b < bucketCount; b++) {
    const from = starts[b] as number;
    const to = starts[b + 1] as number;
    // Insertion sort: buckets hold about a dozen entries.
    for (let i = from + 1; i < to; i++) {
      const item = order[i] as number;
      let j = i - 1;
      while (j >= from && compare(order[j] as number, item) > 0) {
        order[j + 1] = order[j] as number;
        j--;
      }
      order[j + 1] = item;
    }
    if (offsets) offsets[b] = written;
    for (let i = from; i < to; i++) {
      const item = order[i] as number;
      if (fingerprints && categories) {
        fingerprints[written] = hash2[item] as number;
        categories[written] = category[item] as number;
        written++;
      } else if (i === from || compare(order[i - 1] as number, item) !== 0) {
        unique.push(hash1[item] as number, hash2[item] as number, category[item] as number);
      }
    }
  }
  if (offsets) offsets[bucketCount] = written;
  return unique;
}
