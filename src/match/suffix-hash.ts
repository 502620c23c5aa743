/**
 * Two independent 32-bit hashes of every label-boundary suffix of a host, in ONE right-to-left
 * pass and without slicing a single string: hashing "www.example.com" yields the hashes of "com",
 * "example.com" and "www.example.com" as the walk crosses each dot. This is what lets the matcher
 * look up a host and all its parents for the price of reading the host once.
 *
 * Per character the two running states take a cheap xor-multiply step: FNV-1a for h1; h2 also
 * takes in h1's high half, so its low bits depend on every earlier input bit (a plain
 * xor-multiply leaves bit 0 a mere parity of the input) while its dependency chain stays one
 * xor and one multiply long. At each boundary both states are mixed with the suffix length. Hash 1
 * then goes through murmur3's fmix32 finaliser, which spreads every bit over the whole word, since
 * the matcher takes its bucket from hash 1's top bits. Hash 2 is the fingerprint and is only ever
 * compared for equality (and sorted), so it is kept as it is: a finaliser is a bijection and
 * could not make two fingerprints differ that are equal without it (format 1 spent two fmix32s a
 * suffix where one does the same job).
 *
 * The constants and the walk are part of the binary format (matcher FORMAT_VERSION): change
 * anything here and the version must change with it.
 */

const SEED_1 = 0x811c9dc5; // FNV offset basis
const SEED_2 = 0x2545f491;
const MUL_1 = 0x01000193; // FNV prime
const MUL_2 = 0x9e3779b1; // golden-ratio constant
const DOT = 0x2e;

/** murmur3's 32-bit finaliser: full avalanche, so the top bits make a good bucket index. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Longest host hashSuffixes accepts: a normalised host has at most 253 characters (host.ts), and
 * so at most 254 suffixes even if it were all dots.
 */
export const MAX_HASHED_LENGTH = 253;

/*
 * The output of hashSuffixes, as triples (suffix start index, hash1, hash2), most general suffix
 * first (the walk goes right to left), valid up to the count it returns and overwritten by the
 * next call. Fixed module-level arrays rather than a returned object or fields: V8 then treats
 * them as constants, and measured on Node 20 that makes the whole walk ~40% faster than the same
 * loop writing into arrays held by an object. It also keeps lookups free of allocation.
 */
export const suffixStarts = new Int32Array(MAX_HASHED_LENGTH + 1);
export const suffixHash1 = new Uint32Array(MAX_HASHED_LENGTH + 1);
export const suffixHash2 = new Uint32Array(MAX_HASHED_LENGTH + 1);

/**
 * Hash every suffix of `host` that starts at a label boundary (host is normalised: lower-case,
 * no trailing dot, at most 253 characters) and return how many there are. An IP literal is one
 * key, not a chain of parents, so it yields only itself — the same rule as `isIpLiteral` and
 * `hostSuffixes` in host.ts: a last label of digits only (IPv4), or a colon (IPv6, which never
 * contains a dot once WHATWG has serialised it, so needs no test here).
 */
export function hashSuffixes(host: string): number {
  const length = host.length;
  if (length > MAX_HASHED_LENGTH) throw new RangeError(`cannot hash a host longer than ${MAX_HASHED_LENGTH} characters`);
  // The IP case gets its own loop so the common one tests each character for a dot and nothing else.
  if (endsInDigitsOnlyLabel(host)) return hashWhole(host);
  let count = 0;
  let h1 = SEED_1;
  let h2 = SEED_2;
  for (let i = length - 1; i >= 0; i--) {
    const c = host.charCodeAt(i);
    if (c === DOT) {
      const suffixLength = length - i - 1;
      suffixStarts[count] = i + 1;
      suffixHash1[count] = fmix32(h1 ^ suffixLength);
      suffixHash2[count] = (h2 ^ suffixLength) >>> 0;
      count++;
    }
    h2 = Math.imul(h2 ^ c ^ (h1 >>> 16), MUL_2);
    h1 = Math.imul(h1 ^ c, MUL_1);
  }
  suffixStarts[count] = 0;
  suffixHash1[count] = fmix32(h1 ^ length);
  suffixHash2[count] = (h2 ^ length) >>> 0;
  return count + 1;
}

/** The same walk without boundaries: an IP literal's one suffix is itself. */
function hashWhole(host: string): number {
  const length = host.length;
  let h1 = SEED_1;
  let h2 = SEED_2;
  for (let i = length - 1; i >= 0; i--) {
    const c = host.charCodeAt(i);
    h2 = Math.imul(h2 ^ c ^ (h1 >>> 16), MUL_2);
    h1 = Math.imul(h1 ^ c, MUL_1);
  }
  suffixStarts[0] = 0;
  suffixHash1[0] = fmix32(h1 ^ length);
  suffixHash2[0] = (h2 ^ length) >>> 0;
  return 1;
}

/** Is the last label all digits (so the host is IPv4)? Checked only when the host ends in a digit. */
function endsInDigitsOnlyLabel(host: string): boolean {
  let i = host.length - 1;
  const last = host.charCodeAt(i);
  if (!(last >= 0x30 && last <= 0x39)) return false;
  for (i--; i >= 0; i--) {
    const c = host.charCodeAt(i);
    if (c === DOT) return true;
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * Hashes of the whole host only (the last triple of `hashSuffixes`), for building the table, and
 * its depth: how many label-boundary suffixes the walk found (the host's label count), or 0 for a
 * host hashed whole (an IPv4 literal), which no longer host can ever have as a suffix.
 */
export function hashHost(host: string): { hash1: number; hash2: number; depth: number } {
  const count = hashSuffixes(host);
  const last = count - 1;
  const depth = endsInDigitsOnlyLabel(host) ? 0 : count;
  return { hash1: suffixHash1[last] as number, hash2: suffixHash2[last] as number, depth };
}
