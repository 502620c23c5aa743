import { MAX_HASHED_LENGTH, hashSuffixes, suffixHash1, suffixHash2, suffixStarts } from './suffix-hash.ts';
import { buildTable } from './matcher-build.ts';
import { MAX_CATEGORY, MAX_DEPTH_BIT, PLATFORM_IS_LITTLE_ENDIAN, readHeader, type Layout } from './matcher-format.ts';

/**
 * A compact, static host-suffix matcher: hosts → category indices, where a listed host also
 * covers all its subdomains (`example.com` matches `www.example.com`, never `badexample.com`).
 *
 * Memory is the point: a million hosts as JS strings in a Map cost well over 100 bytes each; here
 * an entry is a 4-byte fingerprint, a 1-byte category and its share of a bucket offset table
 * (5.1 bytes in all), held in three typed arrays that load from the bundle without per-entry
 * work. Hosts themselves are not stored, only two 32-bit hashes of them (see suffix-hash.ts):
 * the top k bits of hash 1 choose the bucket, hash 2 is the fingerprint kept in it.
 *
 * False positives: a lookup probes one bucket per suffix whose depth some entry has (the header
 * lists the depths; see probedDepths) and compares 32-bit fingerprints, so an
 * unlisted suffix matches by accident with probability about (entries per bucket)/2^32 =
 * n/2^(32+k) — at most 64/2^32 ≈ 1.5·10^-8 per suffix probed (see chooseK), so a few in 10^8
 * lookups of a typical two- or three-label host. The answer for a host never changes, so the
 * figure that matters is how many of the distinct unlisted hosts people visit are caught: about
 * 0.02 in a million. Such a host would be treated as listed where this matcher decides (Firefox's
 * request guard) and can be reported as misclassified. A fingerprint collision inside a bucket
 * between two listed hosts merely makes each report the other's categories too. (The DNR rules
 * the browser enforces with compare exact strings and are unaffected.)
 */

export type SuffixMatch = { suffix: string; category: number };

export class HostMatcher {
  /** Number of entries ((host, category) pairs after de-duplication). */
  readonly size: number;
  /** Resident bytes of the typed arrays (offsets + fingerprints + categories). */
  readonly byteLength: number;

  readonly #bytes: Uint8Array;
  readonly #shift: number;
  readonly #depths: number;
  readonly #offsets: Uint32Array;
  readonly #fingerprints: Uint32Array;
  readonly #categories: Uint8Array;

  private constructor(bytes: Uint8Array, layout: Layout) {
    this.#bytes = bytes;
    this.#shift = 32 - layout.k;
    this.#depths = layout.depths;
    this.#offsets = new Uint32Array(bytes.buffer, bytes.byteOffset + layout.offsetsAt, 2 ** layout.k + 1);
    this.#fingerprints = new Uint32Array(bytes.buffer, bytes.byteOffset + layout.fingerprintsAt, layout.n);
    this.#categories = new Uint8Array(bytes.buffer, bytes.byteOffset + layout.categoriesAt, layout.n);
    this.size = layout.n;
    this.byteLength = this.#offsets.byteLength + this.#fingerprints.byteLength + this.#categories.byteLength;
  }

  /** Build from normalised hosts (see host.ts); duplicates are dropped, order does not matter. */
  static build(entries: Iterable<{ host: string; category: number }>): HostMatcher {
    requireLittleEndian();
    const { bytes, layout } = buildTable(entries);
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
    checkOffsets(matcher.#offsets, matcher.size);
    return matcher;
  }

  /** Deterministic bytes: the same entries in any order give identical output. */
  toBinary(): Uint8Array<ArrayBuffer> {
    return this.#bytes.slice();
  }

  /**
   * Sorted, unique category indices of every listed suffix of `host` (host is normalised). The
   * result is shared and frozen (one empty list, one list per single category: the common
   * answers, which then cost no allocation), so it is read-only.
   */
  categoriesOf(host: string): readonly number[] {
    const count = hashSuffixes(listable(host));
    const offsets = this.#offsets;
    const fingerprints = this.#fingerprints;
    const categories = this.#categories;
    const shift = this.#shift;
    const depths = probedDepths(this.#depths, count);
    // Two passes: first the bucket bounds of every suffix worth probing, then the scans. The
    // offset reads do not depend on one another or on any branch, so the CPU has them all in
    // flight at once instead of waiting for each bucket's scan (measured: ~20% less CPU time for
    // the probing alone, which is a few per cent of a whole lookup).
    let probes = 0;
    for (let i = 0; i < count; i++) {
      // isProbed, written out: with the call, four matcher-bench runs gave 3.7–4.0× against
      // 3.9–4.3× without it (7 December; noisy, but this is the benchmarked hot loop).
      if (((depths >>> (i < MAX_DEPTH_BIT ? i : MAX_DEPTH_BIT)) & 1) === 0) continue;
      const bucket = (suffixHash1[i] as number) >>> shift;
      bucketStarts[probes] = offsets[bucket] as number;
      bucketEnds[probes] = offsets[bucket + 1] as number;
      probeFingerprints[probes] = suffixHash2[i] as number;
      probes++;
    }
    let found = 0;
    for (let p = 0; p < probes; p++) {
      const fingerprint = probeFingerprints[p] as number;
      const start = bucketStarts[p] as number;
      const end = bucketEnds[p] as number;
      for (let j = firstNotBelow(fingerprints, start, end, fingerprint); j < end && fingerprints[j] === fingerprint; j++) {
        found = insertSortedUnique(categories[j] as number, found);
      }
    }
    return foundList(found);
  }

  /** Which suffix matched which category, most specific suffix first (for "explain"). */
  matches(host: string): SuffixMatch[] {
    const out: SuffixMatch[] = [];
    const tail = listable(host);
    const count = hashSuffixes(tail);
    const depths = probedDepths(this.#depths, count);
    const fingerprints = this.#fingerprints;
    for (let i = count - 1; i >= 0; i--) {
      if (!isProbed(depths, i)) continue;
      const bucket = (suffixHash1[i] as number) >>> this.#shift;
      const fingerprint = suffixHash2[i] as number;
      const end = this.#offsets[bucket + 1] as number;
      for (let j = firstNotBelow(fingerprints, this.#offsets[bucket] as number, end, fingerprint); j < end && fingerprints[j] === fingerprint; j++) {
        out.push({ suffix: tail.slice(suffixStarts[i] as number), category: this.#categories[j] as number });
      }
    }
    return out;
  }

  /**
   * `matches` across several matchers with the host hashed once (the hash is most of a lookup's
   * work that is not waiting for memory): each part's matches, in part order, with its category
   * as given (the extension keeps one matcher per list, every entry in category 0).
   */
  static matchesInEach(parts: ReadonlyArray<{ category: number; matcher: HostMatcher }>, host: string): SuffixMatch[] {
    const out: SuffixMatch[] = [];
    const tail = listable(host);
    const count = hashSuffixes(tail);
    // Two passes, as in categoriesOf: every part's bucket bounds first, so those cache misses
    // overlap (the big lists' tables are not in cache), then the scans.
    const probes = ensureProbeRoom(parts.length * count);
    let n = 0;
    for (let p = 0; p < parts.length; p++) {
      const matcher = (parts[p] as { matcher: HostMatcher }).matcher;
      const offsets = matcher.#offsets;
      const shift = matcher.#shift;
      const depths = probedDepths(matcher.#depths, count);
      for (let i = count - 1; i >= 0; i--) {
        if (!isProbed(depths, i)) continue;
        const bucket = (suffixHash1[i] as number) >>> shift;
        probes[n++] = p;
        probes[n++] = i;
        probes[n++] = offsets[bucket] as number;
        probes[n++] = offsets[bucket + 1] as number;
      }
    }
    for (let at = 0; at < n; at += 4) {
      const part = parts[probes[at] as number] as { category: number; matcher: HostMatcher };
      const i = probes[at + 1] as number;
      const fingerprints = part.matcher.#fingerprints;
      const fingerprint = suffixHash2[i] as number;
      const end = probes[at + 3] as number;
      for (let j = firstNotBelow(fingerprints, probes[at + 2] as number, end, fingerprint); j < end && fingerprints[j] === fingerprint; j++) {
        out.push({ suffix: tail.slice(suffixStarts[i] as number), category: part.category });
      }
    }
    return out;
  }
}

/** The bucket offsets run from 0 to n without going backwards (O(buckets)); throws a clear Error. */
export function checkOffsets(offsets: Uint32Array, n: number): void {
  if (offsets[0] !== 0) throw new Error('host matcher data is corrupt: first bucket offset is not 0');
  let previous = 0;
  for (let b = 1; b < offsets.length; b++) {
    const offset = offsets[b] as number;
    if (offset < previous) throw new Error(`host matcher data is corrupt: bucket offsets go backwards at bucket ${b}`);
    previous = offset;
  }
  if (previous !== n) throw new Error(`host matcher data is corrupt: offsets end at ${previous}, header says ${n} entries`);
}

/**
 * Which suffixes of a host with `count` suffixes to probe, as a mask over suffix indices (suffix
 * i has i + 1 labels; bit 31 stands for all from the 32nd on): only the depths some entry has.
 * Most lists have no bare top-level domains, so most lookups skip the "com" probe altogether.
 * A host of one suffix — one label, or an IP literal, which is hashed whole and so sets no
 * depth — is always probed.
 */
export function probedDepths(depths: number, count: number): number {
  return count === 1 ? 1 : depths;
}

/**
 * The first index in fingerprints[start..end) whose fingerprint is not below `fingerprint`
 * (end if none). A bucket's fingerprints are sorted and spread evenly over 32 bits, so the search
 * starts where this one would sit and steps from there: a few reads, usually in one cache line,
 * where a scan from the bucket's start read half the bucket and often a second line (measured:
 * about 7 % more lookups/s in the matcher bench, and it lets buckets be fuller; see chooseK).
 * The guess is below `end` for any bucket size: fingerprint · size / 2^32 < size, and the product
 * is exact in a double up to 2^21 entries a bucket and too far from size · 2^32 to round up to it
 * beyond.
 */
export function firstNotBelow(fingerprints: Uint32Array, start: number, end: number, fingerprint: number): number {
  if (start === end) return end;
  let j = start + Math.floor((fingerprint * (end - start)) / 4294967296);
  if ((fingerprints[j] as number) < fingerprint) {
    do j++;
    while (j < end && (fingerprints[j] as number) < fingerprint);
  } else {
    while (j > start && (fingerprints[j - 1] as number) >= fingerprint) j--;
  }
  return j;
}

/** Is suffix i (i + 1 labels) among the probed depths? */
export function isProbed(depths: number, i: number): boolean {
  return ((depths >>> (i < MAX_DEPTH_BIT ? i : MAX_DEPTH_BIT)) & 1) !== 0;
}

/** matchesInEach's scratch: (part, suffix, bucket start, bucket end) for every probe; grows. */
let probeScratch = new Int32Array(4 * 64);

function ensureProbeRoom(probes: number): Int32Array {
  if (probeScratch.length < 4 * probes) probeScratch = new Int32Array(4 * probes);
  return probeScratch;
}

/** categoriesOf's scratch: each probed suffix's bucket bounds and fingerprint (at most 254). */
const bucketStarts = new Int32Array(MAX_HASHED_LENGTH + 1);
const bucketEnds = new Int32Array(MAX_HASHED_LENGTH + 1);
const probeFingerprints = new Uint32Array(MAX_HASHED_LENGTH + 1);

/** categoriesOf's scratch: categories found so far, sorted; at most 255 distinct values. */
const foundCategories = new Uint8Array(256);

/** Insert `category` into foundCategories[0..found) keeping it sorted and unique; returns the new count. */
function insertSortedUnique(category: number, found: number): number {
  let at = found;
  while (at > 0 && (foundCategories[at - 1] as number) > category) at--;
  if (at > 0 && foundCategories[at - 1] === category) return found;
  for (let i = found; i > at; i--) foundCategories[i] = foundCategories[i - 1] as number;
  foundCategories[at] = category;
  return found + 1;
}

const NONE: readonly number[] = Object.freeze([]);
/** The answer for each single category, made once: most hits are in one category. */
const ONLY: ReadonlyArray<readonly number[]> = Object.freeze(Array.from({ length: MAX_CATEGORY + 1 }, (_, c) => Object.freeze([c])));

/** The found categories: a shared list for none or one, else a new array of exactly the right size. */
function foundList(found: number): readonly number[] {
  if (found === 0) return NONE;
  if (found === 1) return ONLY[foundCategories[0] as number] as readonly number[];
  const list: number[] = [];
  for (let i = 0; i < found; i++) list.push(foundCategories[i] as number);
  return list;
}

/**
 * The part of `host` that can hold a listed suffix: entries are at most 253 characters, so in a
 * longer (unnormalised) host only the suffixes within its last 253 characters can match.
 */
export function listable(host: string): string {
  if (host.length <= MAX_HASHED_LENGTH) return host;
  const dot = host.indexOf('.', host.length - MAX_HASHED_LENGTH - 1);
  return dot === -1 ? '' : host.slice(dot + 1);
}

export function requireLittleEndian(): void {
  if (!PLATFORM_IS_LITTLE_ENDIAN) throw new Error('host matcher tables are little-endian and this platform is not');
}
