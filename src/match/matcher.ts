import { MAX_HASHED_LENGTH, hashHost, hashSuffixes, suffixHash1, suffixHash2, suffixStarts } from './suffix-hash.ts';
import {
  MAX_CATEGORY,
  PLATFORM_IS_LITTLE_ENDIAN,
  chooseK,
  layoutFor,
  readHeader,
  writeHeader,
  type Layout,
} from './matcher-format.ts';

/**
 * A compact, static host-suffix matcher: hosts → category indices, where a listed host also
 * covers all its subdomains (`example.com` matches `www.example.com`, never `badexample.com`).
 *
 * Memory is the point: a million hosts as JS strings in a Map cost well over 100 bytes each; here
 * an entry is a 4-byte fingerprint, a 1-byte category and its share of a bucket offset table
 * (5.5–6 bytes in all), held in three typed arrays that load from the bundle without per-entry
 * work. Hosts themselves are not stored, only two 32-bit hashes of them (see suffix-hash.ts):
 * the top k bits of hash 1 choose the bucket, hash 2 is the fingerprint kept in it.
 *
 * False positives: a lookup probes one bucket per suffix and compares 32-bit fingerprints, so an
 * unlisted suffix matches by accident with probability about (entries per bucket)/2^32 =
 * n/2^(32+k) — at most 8/2^32 ≈ 2·10^-9 per suffix probed (see chooseK). A fingerprint collision
 * inside a bucket between two listed hosts merely makes each report the other's categories too.
 * (The DNR rules the browser enforces with compare exact strings and are unaffected.)
 */

export type SuffixMatch = { suffix: string; category: number };

export class HostMatcher {
  /** Number of entries ((host, category) pairs after de-duplication). */
  readonly size: number;
  /** Resident bytes of the typed arrays (offsets + fingerprints + categories). */
  readonly byteLength: number;

  readonly #bytes: Uint8Array;
  readonly #shift: number;
  readonly #offsets: Uint32Array;
  readonly #fingerprints: Uint32Array;
  readonly #categories: Uint8Array;

  private constructor(bytes: Uint8Array, layout: Layout) {
    this.#bytes = bytes;
    this.#shift = 32 - layout.k;
    this.#offsets = new Uint32Array(bytes.buffer, bytes.byteOffset + layout.offsetsAt, 2 ** layout.k + 1);
    this.#fingerprints = new Uint32Array(bytes.buffer, bytes.byteOffset + layout.fingerprintsAt, layout.n);
    this.#categories = new Uint8Array(bytes.buffer, bytes.byteOffset + layout.categoriesAt, layout.n);
    this.size = layout.n;
    this.byteLength = this.#offsets.byteLength + this.#fingerprints.byteLength + this.#categories.byteLength;
  }

  /** Build from normalised hosts (see host.ts); duplicates are dropped, order does not matter. */
  static build(entries: Iterable<{ host: string; category: number }>): HostMatcher {
    requireLittleEndian();
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
    return new HostMatcher(bytes, layout);
  }

  /**
   * Load a table made by toBinary. Checks the header and every length, and that the bucket
   * offsets run from 0 to n without going backwards (O(buckets), a millisecond or so for a million
   * hosts); entries themselves are viewed in place, not parsed. The matcher keeps views into
   * `bytes` when it is 4-byte aligned: do not modify it afterwards.
   */
  static fromBinary(bytes: Uint8Array): HostMatcher {
    requireLittleEndian();
    const layout = readHeader(bytes);
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
    const matcher = new HostMatcher(aligned, layout);
    matcher.#checkOffsets();
    return matcher;
  }

  /** Deterministic bytes: the same entries in any order give identical output. */
  toBinary(): Uint8Array {
    return this.#bytes.slice();
  }

  /** Sorted, unique category indices of every listed suffix of `host` (host is normalised). */
  categoriesOf(host: string): number[] {
    const count = hashSuffixes(listable(host));
    const offsets = this.#offsets;
    const fingerprints = this.#fingerprints;
    const categories = this.#categories;
    const shift = this.#shift;
    let found = 0;
    for (let i = 0; i < count; i++) {
      const bucket = (suffixHash1[i] as number) >>> shift;
      const fingerprint = suffixHash2[i] as number;
      const end = offsets[bucket + 1] as number;
      for (let j = offsets[bucket] as number; j < end; j++) {
        const candidate = fingerprints[j] as number;
        if (candidate === fingerprint) found = insertSortedUnique(categories[j] as number, found);
        else if (candidate > fingerprint) break; // sorted within the bucket
      }
    }
    // An exact-size array: most lookups find nothing or one category, and the allocation and
    // growth of a general-purpose array (plus a sort) measured as a third of the lookup time.
    if (found === 0) return [];
    if (found === 1) return [foundCategories[0] as number];
    return Array.from(foundCategories.subarray(0, found));
  }

  categoriesOfClosure(host: string): number[] {
    this.#closure ??= makeLookup(this.#offsets, this.#fingerprints, this.#categories, this.#shift);
    return this.#closure(host);
  }
  #closure: ((host: string) => number[]) | undefined;

  countOnly(host: string, readCats: boolean): number {
    const count = hashSuffixes(listable(host));
    const offsets = this.#offsets;
    const fingerprints = this.#fingerprints;
    const categories = this.#categories;
    const shift = this.#shift;
    let found = 0;
    for (let i = 0; i < count; i++) {
      const bucket = (suffixHash1[i] as number) >>> shift;
      const fingerprint = suffixHash2[i] as number;
      const end = offsets[bucket + 1] as number;
      for (let j = offsets[bucket] as number; j < end; j++) {
        const candidate = fingerprints[j] as number;
        if (candidate === fingerprint) found += readCats ? (categories[j] as number) : 1;
        else if (candidate > fingerprint) break;
      }
    }
    return found;
  }

  categoriesOfOld(host: string): number[] {
    const found: number[] = [];
    const count = hashSuffixes(listable(host));
    const offsets = this.#offsets;
    const fingerprints = this.#fingerprints;
    const categories = this.#categories;
    const shift = this.#shift;
    for (let i = 0; i < count; i++) {
      const bucket = (suffixHash1[i] as number) >>> shift;
      const fingerprint = suffixHash2[i] as number;
      const end = offsets[bucket + 1] as number;
      for (let j = offsets[bucket] as number; j < end; j++) {
        const candidate = fingerprints[j] as number;
        if (candidate === fingerprint) {
          const category = categories[j] as number;
          if (!found.includes(category)) found.push(category);
        } else if (candidate > fingerprint) {
          break;
        }
      }
    }
    return found.length > 1 ? found.sort((a, b) => a - b) : found;
  }

  /** Which suffix matched which category, most specific suffix first (for "explain"). */
  matches(host: string): SuffixMatch[] {
    const out: SuffixMatch[] = [];
    const tail = listable(host);
    const count = hashSuffixes(tail);
    for (let i = count - 1; i >= 0; i--) {
      const bucket = (suffixHash1[i] as number) >>> this.#shift;
      const fingerprint = suffixHash2[i] as number;
      const end = this.#offsets[bucket + 1] as number;
      for (let j = this.#offsets[bucket] as number; j < end; j++) {
        if (this.#fingerprints[j] === fingerprint) out.push({ suffix: tail.slice(suffixStarts[i] as number), category: this.#categories[j] as number });
      }
    }
    return out;
  }

  #checkOffsets(): void {
    const offsets = this.#offsets;
    if (offsets[0] !== 0) throw new Error('host matcher data is corrupt: first bucket offset is not 0');
    let previous = 0;
    for (let b = 1; b < offsets.length; b++) {
      const offset = offsets[b] as number;
      if (offset < previous) throw new Error(`host matcher data is corrupt: bucket offsets go backwards at bucket ${b}`);
      previous = offset;
    }
    if (previous !== this.size) throw new Error(`host matcher data is corrupt: offsets end at ${previous}, header says ${this.size} entries`);
  }
}

function makeLookup(offsets: Uint32Array, fingerprints: Uint32Array, categories: Uint8Array, shift: number) {
  return (host: string): number[] => {
    const count = hashSuffixes(listable(host));
    let found = 0;
    for (let i = 0; i < count; i++) {
      const bucket = (suffixHash1[i] as number) >>> shift;
      const fingerprint = suffixHash2[i] as number;
      const end = offsets[bucket + 1] as number;
      for (let j = offsets[bucket] as number; j < end; j++) {
        const candidate = fingerprints[j] as number;
        if (candidate === fingerprint) found = insertSortedUnique(categories[j] as number, found);
        else if (candidate > fingerprint) break;
      }
    }
    if (found === 0) return [];
    if (found === 1) return [foundCategories[0] as number];
    return Array.from(foundCategories.subarray(0, found));
  };
}

/** categoriesOf's scratch: categories found so far, sorted; at most 255 distinct values. */
const foundCategories = new Uint8Array(256);

/** Insert `category` into foundCategories[0..found) keeping it sorted and unique; returns the new count. */
function insertSortedUnique(category: number, found: number): number {
  let at = found;
  while (at > 0 && (foundCategories[at - 1] as number) > category) at--;
  if (at > 0 && foundCategories[at - 1] === category) return found;
  foundCategories.copyWithin(at + 1, at, found);
  foundCategories[at] = category;
  return found + 1;
}

/**
 * The part of `host` that can hold a listed suffix: entries are at most 253 characters, so in a
 * longer (unnormalised) host only the suffixes within its last 253 characters can match.
 */
function listable(host: string): string {
  if (host.length <= MAX_HASHED_LENGTH) return host;
  const dot = host.indexOf('.', host.length - MAX_HASHED_LENGTH - 1);
  return dot === -1 ? '' : host.slice(dot + 1);
}

function requireLittleEndian(): void {
  if (!PLATFORM_IS_LITTLE_ENDIAN) throw new Error('host matcher tables are little-endian and this platform is not');
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
