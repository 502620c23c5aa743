import { HostMatcher, checkOffsets, firstNotBelow, isProbed, listable, probedDepths, requireLittleEndian } from './matcher.ts';
import { HEADER_BYTES, readHeaderOf, type Layout } from './matcher-format.ts';
import { hashSuffixes, suffixHash1, suffixHash2, suffixStarts } from './suffix-hash.ts';

/**
 * A stored matcher table (matcher-format.ts) answered before it has been read: the header and the
 * bucket offsets first, then only the buckets a lookup probes, while the whole table is read
 * behind them.
 *
 * Why: a suspended Firefox event page is started again by the next request, and that request
 * waits for the guard (docs/performance.md). Reading a million-host table (6.4 MB) from
 * IndexedDB took ~100 ms of that wait; a `Blob` held in IndexedDB stays on disk until it is read,
 * and a few slices of it come back in ~10–15 ms (measured, 6 December 2026). So the first lookups
 * cost a few small reads instead of the whole table.
 *
 * Only which suffixes are listed is read, not their categories: the extension keeps one table per
 * category list, every entry in category 0 (chunked-matcher.ts gives each list its category).
 * The checks are fromBinary's: the header against the stored length, and the offsets; the whole
 * table is checked again as it loads.
 */

/** Bytes [start, end) of the stored table. */
export type ReadRange = (start: number, end: number) => Promise<Uint8Array>;

/** Thrown by a lookup whose buckets have not been read: call prepare(host) first and wait for it. */
export class BucketsNotRead extends Error {
  constructor() {
    super('host matcher: this lookup needs buckets that have not been read yet (prepare the host first)');
    this.name = 'BucketsNotRead';
  }
}

/** The first read: the header and, for tables of up to 2^16 buckets (4 million entries), every offset. */
const FIRST_READ_BYTES = HEADER_BYTES + 4 * (2 ** 16 + 1);

/**
 * Tables up to this size come whole in the first read, so there is nothing to page: store them
 * as plain bytes (one read from storage instead of two).
 */
export const WORTH_PAGING_BYTES = FIRST_READ_BYTES;

export class PagedHostMatcher {
  readonly size: number;
  readonly #read: ReadRange;
  readonly #layout: Layout;
  readonly #shift: number;
  #offsets: Uint32Array;
  /** Each bucket read so far: its fingerprints. Dropped once the whole table is in memory. */
  readonly #buckets = new Map<number, Uint32Array>();
  /** Reads in flight, by bucket, so that lookups of one bucket share one read. */
  readonly #reading = new Map<number, Promise<void>>();
  #whole: HostMatcher | null = null;
  #loading: Promise<HostMatcher> | null = null;

  private constructor(read: ReadRange, layout: Layout, offsets: Uint32Array) {
    this.#read = read;
    this.#layout = layout;
    this.#shift = 32 - layout.k;
    this.#offsets = offsets;
    this.size = layout.n;
  }

  /**
   * Read and check the header and the offsets of a table `totalBytes` long; throws a clear Error.
   * `firstRead` is for tests (tables whose offsets outgrow the first read need millions of entries).
   */
  static async open(totalBytes: number, read: ReadRange, firstRead = FIRST_READ_BYTES): Promise<PagedHostMatcher> {
    requireLittleEndian();
    const exactly = checkedRead(read);
    const first = await exactly(0, Math.min(totalBytes, Math.max(firstRead, HEADER_BYTES)));
    const layout = readHeaderOf(first, totalBytes);
    if (first.byteLength === totalBytes) {
      // A small table came whole in the first read: nothing left to page.
      const paged = new PagedHostMatcher(exactly, layout, new Uint32Array(0));
      paged.#whole = HostMatcher.fromBinary(first);
      paged.#loading = Promise.resolve(paged.#whole);
      return paged;
    }
    const head = layout.fingerprintsAt <= first.byteLength ? first : concat(first, await exactly(first.byteLength, layout.fingerprintsAt));
    const offsets = alignedWords(head.subarray(layout.offsetsAt, layout.fingerprintsAt));
    checkOffsets(offsets, layout.n);
    return new PagedHostMatcher(exactly, layout, offsets);
  }

  /** The whole table, once loadAll has read it. */
  get whole(): HostMatcher | null {
    return this.#whole;
  }

  /** Read the whole table (checked as fromBinary checks it); every lookup uses it from then on. */
  loadAll(): Promise<HostMatcher> {
    this.#loading ??= this.#read(0, this.#layout.totalBytes).then((bytes) => {
      this.#whole = HostMatcher.fromBinary(bytes);
      // The whole table answers from now on: what paging kept is garbage.
      this.#buckets.clear();
      this.#offsets = new Uint32Array(0);
      return this.#whole;
    });
    return this.#loading;
  }

  /** Read the buckets a lookup of `host` (normalised) probes that are not read yet; null when there are none. */
  prepare(host: string): Promise<void> | null {
    if (this.#whole) return null;
    const count = hashSuffixes(listable(host));
    const depths = probedDepths(this.#layout.depths, count);
    const reads: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      if (!isProbed(depths, i)) continue;
      const bucket = (suffixHash1[i] as number) >>> this.#shift;
      if (!this.#buckets.has(bucket)) reads.push(this.#readBucket(bucket));
    }
    return reads.length ? Promise.all(reads).then(() => undefined) : null;
  }

  /**
   * The listed suffixes of `host` (normalised), most specific first, one per entry: what
   * HostMatcher.matches gives, without the categories. Throws BucketsNotRead when a bucket it
   * needs is neither read nor in a whole table.
   */
  suffixesOf(host: string): string[] {
    if (this.#whole) return this.#whole.matches(host).map((m) => m.suffix);
    const out: string[] = [];
    const tail = listable(host);
    const count = hashSuffixes(tail);
    const depths = probedDepths(this.#layout.depths, count);
    for (let i = count - 1; i >= 0; i--) {
      if (!isProbed(depths, i)) continue;
      const fingerprints = this.#buckets.get((suffixHash1[i] as number) >>> this.#shift);
      if (!fingerprints) throw new BucketsNotRead();
      const fingerprint = suffixHash2[i] as number;
      for (let j = firstNotBelow(fingerprints, 0, fingerprints.length, fingerprint); j < fingerprints.length && fingerprints[j] === fingerprint; j++) {
        out.push(tail.slice(suffixStarts[i] as number));
      }
    }
    return out;
  }

  #readBucket(bucket: number): Promise<void> {
    let reading = this.#reading.get(bucket);
    if (reading) return reading;
    const start = this.#offsets[bucket] as number;
    const end = this.#offsets[bucket + 1] as number;
    const at = this.#layout.fingerprintsAt;
    const bytes = start === end ? Promise.resolve(new Uint8Array(0)) : this.#read(at + 4 * start, at + 4 * end);
    reading = bytes
      .then((b) => {
        // Kept only while there is no whole table to answer instead.
        if (!this.#whole) this.#buckets.set(bucket, alignedWords(b));
      })
      .finally(() => this.#reading.delete(bucket));
    this.#reading.set(bucket, reading);
    return reading;
  }
}

/** A read that gives exactly the bytes asked for, or throws (a stored table shorter than its header says). */
function checkedRead(read: ReadRange): ReadRange {
  return async (start, end) => {
    const bytes = await read(start, end);
    if (bytes.byteLength !== end - start) throw new Error(`host matcher data is truncated: bytes ${start}–${end} gave ${bytes.byteLength}`);
    return bytes;
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}

/** Little-endian u32 words from bytes at any alignment (a copy: a bucket is a few hundred bytes, the offsets at most 256 KB). */
function alignedWords(bytes: Uint8Array): Uint32Array {
  const words = new Uint32Array(bytes.byteLength / 4);
  new Uint8Array(words.buffer).set(bytes);
  return words;
}
