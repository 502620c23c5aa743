import { MAX_HASHED_LENGTH, hashHost } from './suffix-hash.ts';
import { MAX_CATEGORY, chooseK, layoutFor, writeHeader, type Layout } from './matcher-format.ts';

/**
 * Lay out a matcher table (see matcher-format.ts) from (host, category) entries: hash each host,
 * drop repeats, counting-sort by bucket and sort each bucket by (fingerprint, category). The
 * result depends only on the set of entries, never on their order, so builds are reproducible.
 */
export function buildTable(entries: Iterable<{ host: string; category: number }>): { bytes: Uint8Array; layout: Layout } {
  const raw = new EntryBuffer();
  for (const { host, category } of entries) {
    if (typeof host !== 'string' || host === '') throw new Error('host matcher entry has an empty host');
    if (host.length > MAX_HASHED_LENGTH) throw new Error(`host matcher entry ${JSON.stringify(host.slice(0, 60))}… is longer than ${MAX_HASHED_LENGTH} characters`);
    if (!Number.isInteger(category) || category < 0 || category > MAX_CATEGORY) {
      throw new Error(`host matcher entry ${JSON.stringify(host)} has category ${category}; categories are integers 0..${MAX_CATEGORY}`);
    }
    const { hash1, hash2 } = hashHost(host);
    raw.push(hash1, hash2, category);
  }
  // Pass 1 groups by a provisional table size only to drop duplicates; pass 2 sizes the table
  // from the unique count, so the same set of entries always gives the same k and bytes.
  const unique = groupEntries(raw, chooseK(raw.length), null);
  const layout = layoutFor(chooseK(unique.length), unique.length);
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
 * Counting-sort the entries into 2^k buckets by hash 1's top k bits, sort each (small) bucket by
 * (fingerprint, category) and drop repeats. Without `target` returns the unique entries; with it
 * writes offsets, fingerprints and categories into the table's sections.
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

  const unique = new EntryBuffer();
  const sortKey = (i: number): number => (entries.hash2[i] as number) * 256 + (entries.category[i] as number);
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
    // Insertion sort: buckets hold about three entries.
    for (let i = from + 1; i < to; i++) {
      const item = order[i] as number;
      const key = sortKey(item);
      let j = i - 1;
      while (j >= from && sortKey(order[j] as number) > key) {
        order[j + 1] = order[j] as number;
        j--;
      }
      order[j + 1] = item;
    }
    if (offsets) offsets[b] = written;
    let previousKey = -1;
    for (let i = from; i < to; i++) {
      const item = order[i] as number;
      const key = sortKey(item);
      if (key === previousKey) continue;
      previousKey = key;
      if (fingerprints && categories) {
        fingerprints[written] = entries.hash2[item] as number;
        categories[written] = entries.category[item] as number;
      } else {
        unique.push(entries.hash1[item] as number, entries.hash2[item] as number, entries.category[item] as number);
      }
      written++;
    }
  }
  if (offsets) offsets[bucketCount] = written;
  return unique;
}
