/**
 * Two independent 32-bit hashes of every label-boundary suffix of a host, in ONE right-to-left
 * pass and without slicing a single string: hashing "www.example.com" yields the hashes of "com",
 * "example.com" and "www.example.com" as the walk crosses each dot. This is what lets the matcher
 * look up a host and all its parents for the price of reading the host once.
 *
 * Per character the two running states take a cheap multiply-xor step (FNV-1a-like for h1; h2
 * rotates first so that its low bits also depend on high input bits and it does not share FNV's
 * weakness). At each boundary both states, mixed with the suffix length, go through murmur3's
 * fmix32 finaliser, which spreads every input bit over the whole word. The matcher takes its bucket
 * from the top bits of hash 1 and keeps hash 2 as the fingerprint.
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
 * Reusable output: triples of (suffix start index, hash1, hash2), most general suffix first (the
 * walk goes right to left). Returned arrays are scratch space owned by this module and are
 * overwritten by the next call; callers read them before hashing again. This keeps lookups free of
 * allocation.
 */
export type SuffixHashes = { count: number; starts: Int32Array; hash1: Uint32Array; hash2: Uint32Array };

const scratch: SuffixHashes = { count: 0, starts: new Int32Array(64), hash1: new Uint32Array(64), hash2: new Uint32Array(64) };

function ensureCapacity(labels: number): void {
  if (scratch.starts.length >= labels) return;
  const size = Math.max(labels, scratch.starts.length * 2);
  scratch.starts = new Int32Array(size);
  scratch.hash1 = new Uint32Array(size);
  scratch.hash2 = new Uint32Array(size);
}

/**
 * Hash every suffix of `host` that starts at a label boundary (host is normalised: lower-case,
 * no trailing dot). An IP literal is one key, not a chain of parents, so it yields only itself —
 * the same rule as `isIpLiteral`/`hostSuffixes` in host.ts: a last label of digits only (IPv4), or
 * a colon (IPv6, which never contains a dot once WHATWG has serialised it, so needs no test here).
 */
export function hashSuffixes(host: string): SuffixHashes {
  const length = host.length;
  // At most one suffix per character (labels are non-empty in a normalised host, but be safe).
  ensureCapacity(length + 1);
  const { starts, hash1, hash2 } = scratch;
  let count = 0;
  let h1 = SEED_1;
  let h2 = SEED_2;
  // While still in the rightmost label: has it been all digits so far? Then this is IPv4.
  let inLastLabel = true;
  let lastLabelDigitsOnly = true;
  let ip = false;
  for (let i = length - 1; i >= 0; i--) {
    const c = host.charCodeAt(i);
    if (c === DOT) {
      if (inLastLabel) {
        inLastLabel = false;
        ip = lastLabelDigitsOnly && i < length - 1;
      }
      if (!ip) {
        const suffixLength = length - i - 1;
        starts[count] = i + 1;
        hash1[count] = fmix32(h1 ^ suffixLength);
        hash2[count] = fmix32(h2 ^ suffixLength);
        count++;
      }
    } else if (inLastLabel && (c < 0x30 || c > 0x39)) {
      lastLabelDigitsOnly = false;
    }
    h1 = Math.imul(h1 ^ c, MUL_1);
    h2 = Math.imul(((h2 << 5) | (h2 >>> 27)) ^ c, MUL_2);
  }
  starts[count] = 0;
  hash1[count] = fmix32(h1 ^ length);
  hash2[count] = fmix32(h2 ^ length);
  scratch.count = count + 1;
  return scratch;
}

/** Hashes of the whole host only (the last triple of `hashSuffixes`), for building the table. */
export function hashHost(host: string): { hash1: number; hash2: number } {
  const s = hashSuffixes(host);
  const last = s.count - 1;
  return { hash1: s.hash1[last] ?? 0, hash2: s.hash2[last] ?? 0 };
}
