/**
 * The content chunk for one category list: a canonical, compact encoding of a set of normalised
 * hosts, made to shrink well under a general-purpose compressor: zstd since 2026-12-06, raw
 * deflate before (src/bundle/chunk-coding.ts says which; the measurements below are deflate's).
 *
 * Format, version 1 (all hosts ASCII, as host.ts produces them):
 *
 *   "AUPL"            4 bytes magic
 *   0x01              1 byte format version
 *   n                 u32 little-endian: number of hosts
 *   prefix[0..n-1]    n bytes: characters shared with the previous key (0 for the first)
 *   suffix[0..n-1]    n times: the key's remaining characters, then "\n"
 *
 * The key of a host is its labels reversed ("www.example.com" → "com.example.www"); keys are
 * unique and sorted by UTF-16 code unit, each prefix is the longest shared with the previous key,
 * so one set of hosts has exactly one encoding and the decoder refuses any other.
 *
 * Why this shape (measured on the UT1 sample, 987k hosts in 43 lists, one chunk per list,
 * deflate-raw level 9, bytes per host; scripts/bench/host-list-formats.ts re-runs it):
 *   plain sorted text, one host a line ............................ 5.83
 *   reversed-label keys, sorted text .............................. 5.61
 *   reversed-label keys, front-coded inline ....................... 4.76
 *   reversed-character keys, front-coded inline ................... 4.82
 *   reversed-label keys, front-coded, prefix column (this format) .. 4.49
 * Reversing labels puts a domain's subdomains and its sibling registrable names side by side, so
 * front coding removes the shared TLD and name; keeping the small prefix numbers in their own
 * column stops them breaking up the text in which deflate looks for repeats. What is left is
 * mostly the random-looking part of malware and phishing names: brotli at quality 11 with a 16 MB
 * window gets the same bytes only to about 4.0 per host, so deflate will not do much better.
 * Profiled again for issue 14 (scripts/bench/coder-estimate.ts, the ideal code length an
 * arithmetic coder would reach with each model): adaptive order-2 / order-3 context models 4.38 /
 * 4.27, a mixture of orders 0–5 4.11, brotli 4.04; a length column instead of newlines 4.66 and
 * zlib's filtered strategy 4.55 under deflate. No coder we could write and verify cheaply gets
 * under 4, so the wire stays format 1 (a stronger one needs a match model and more, and a new
 * version byte here: older extensions refuse an unknown version and keep the bundle they hold).
 * Measured again (`npm run bench -- wire`, docs/performance.md "The chunk wire"): as a bundle
 * ships the lists (merged per category, pruned) today's chunk is 4.19 B/host, zopfli 4.04, brotli
 * 3.76 (no browser DecompressionStream for it); a real context-mixing coder reaches
 * 3.57 B/host per UT1 folder, 3.26 as shipped, but decodes at 17–33 s per million
 * hosts in JavaScript. The same format under zstd level 19 is 3.88 as shipped, decoded in
 * under a second per million hosts by fzstd: what chunks use now (chunk-coding.ts).
 */

import { MAX_HOST_LENGTH, MAX_LABEL_LENGTH } from './host.ts';

const MAGIC = [0x41, 0x55, 0x50, 0x4c] as const; // "AUPL"
const VERSION = 1;
const HEADER_BYTES = 9;
const NEWLINE = 0x0a;
const DOT = 0x2e;

/** Bytes a key may hold: what host.ts lets through (a-z 0-9 - _ . and, for IPv6, :). */
const KEY_BYTE = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789-_.:') KEY_BYTE[c.charCodeAt(0)] = 1;

/** "www.example.com" ↔ "com.example.www" (its own inverse). */
function reverseLabels(host: string): string {
  return host.split('.').reverse().join('.');
}

/** Canonical: unique, sorted, deterministic. Hosts must be normalised (lower-case ASCII, punycode). */
export function encodeHostList(hosts: readonly string[]): Uint8Array {
  for (const host of hosts) checkHost(host);
  const keys = [...new Set(hosts)].map(reverseLabels).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const shared = new Uint8Array(keys.length); // ≤ 253: hosts are at most 253 characters
  let textBytes = 0;
  let previous = '';
  keys.forEach((key, index) => {
    let same = 0;
    while (same < previous.length && same < key.length && previous.charCodeAt(same) === key.charCodeAt(same)) same++;
    shared[index] = same;
    textBytes += key.length - same + 1;
    previous = key;
  });
  const out = new Uint8Array(HEADER_BYTES + keys.length + textBytes);
  out.set(MAGIC, 0);
  out[4] = VERSION;
  new DataView(out.buffer).setUint32(5, keys.length, true);
  out.set(shared, HEADER_BYTES);
  let at = HEADER_BYTES + keys.length;
  keys.forEach((key, index) => {
    for (let i = shared[index] as number; i < key.length; i++) out[at++] = key.charCodeAt(i);
    out[at++] = NEWLINE;
  });
  return out;
}

function checkHost(host: string): void {
  if (host === '' || host.length > MAX_HOST_LENGTH) throw new Error(`host list entry ${JSON.stringify(host.slice(0, 80))} is empty or longer than ${MAX_HOST_LENGTH} characters`);
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (c >= 128 || KEY_BYTE[c] !== 1) {
      throw new Error(`host list entry ${JSON.stringify(host)} is not a normalised host (lower-case ASCII, punycode for IDN): normalise it first`);
    }
  }
  for (const label of host.split('.')) {
    if (label === '') throw new Error(`host list entry ${JSON.stringify(host)} has an empty label`);
    if (label.length > MAX_LABEL_LENGTH) throw new Error(`host list entry ${JSON.stringify(host)} has a label longer than ${MAX_LABEL_LENGTH} characters`);
  }
}

/** Decode a chunk made by encodeHostList; hosts come back in key order (by reversed labels). Throws a clear Error on malformed input. */
export function decodeHostList(bytes: Uint8Array): string[] {
  if (bytes.length < HEADER_BYTES) throw new Error(`host list is truncated: ${bytes.length} bytes, header needs ${HEADER_BYTES}`);
  if (MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('host list has the wrong magic (expected "AUPL")');
  if (bytes[4] !== VERSION) throw new Error(`host list format version ${bytes[4]} is not supported (this code reads version ${VERSION})`);
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(5, true);
  // Every host costs at least a prefix byte, one character and a newline: a cheap bound before allocating.
  if (count * 3 > bytes.length - HEADER_BYTES) throw new Error(`host list claims ${count} hosts but has only ${bytes.length} bytes`);

  // The hosts are written, labels back in order, into one byte buffer ("a.example.com\n…") and
  // made strings in one TextDecoder call and one split: for a million hosts that is measured
  // several times faster than a String.fromCharCode per host (docs/performance.md).
  const key = new Uint8Array(MAX_HOST_LENGTH);
  let out = new Uint8Array(Math.max(64, (bytes.length - HEADER_BYTES) * 3));
  let outLength = 0;
  let keyLength = 0;
  let at = HEADER_BYTES + count;
  for (let index = 0; index < count; index++) {
    const shared = bytes[HEADER_BYTES + index] as number;
    if (shared > keyLength || (index === 0 && shared !== 0)) throw new Error(`${entry(index)} shares ${shared} characters with a previous entry of ${keyLength}`);
    const previousByte = shared < keyLength ? (key[shared] as number) : -1;
    let length = shared;
    for (;;) {
      if (at >= bytes.length) throw new Error(`${entry(index)} is cut off: the data ends before its newline`);
      const c = bytes[at++] as number;
      if (c === NEWLINE) break;
      if (c >= 128 || KEY_BYTE[c] !== 1) throw new Error(`${entry(index)} contains byte 0x${c.toString(16).padStart(2, '0')}, which no normalised host has`);
      if (length === MAX_HOST_LENGTH) throw new Error(`${entry(index)} is longer than ${MAX_HOST_LENGTH} characters`);
      key[length++] = c;
    }
    // Canonical order: the first character after the shared prefix must be greater than the
    // previous key's (which also proves the prefix was the longest one and rules out repeats).
    const nextByte = length > shared ? (key[shared] as number) : -1;
    if (index > 0 && nextByte <= previousByte) throw new Error(`${entry(index)} is out of order or repeated (hosts must be unique and sorted)`);
    if (length === 0) throw new Error(`${entry(index)} is empty`);
    keyLength = length;
    if (outLength + length + 1 > out.length) {
      const grown = new Uint8Array(Math.max(out.length * 2, outLength + length + 1));
      grown.set(out.subarray(0, outLength));
      out = grown;
    }
    outLength = unreverse(key, length, out, outLength, index);
    out[outLength++] = NEWLINE;
  }
  if (at !== bytes.length) throw new Error(`host list has ${bytes.length - at} unexpected bytes after its last host`);
  if (count === 0) return [];
  // All ASCII (checked above), so the UTF-8 decoder's ASCII path; the last newline is left off.
  return TEXT.decode(out.subarray(0, outLength - 1)).split('\n');
}

const TEXT = new TextDecoder();
const entry = (index: number) => `host list entry ${index + 1}`;

/**
 * Write a key ("com.example.www") into `out` at `at` as its host ("www.example.com"), checking
 * for empty and overlong labels on the way; returns where the host ends.
 */
function unreverse(key: Uint8Array, length: number, out: Uint8Array, at: number, index: number): number {
  let labelEnd = length;
  for (let i = length - 1; i >= -1; i--) {
    if (i === -1 || key[i] === DOT) {
      const labelLength = labelEnd - i - 1;
      if (labelLength === 0) throw new Error(`${entry(index)} has an empty label`);
      if (labelLength > MAX_LABEL_LENGTH) throw new Error(`${entry(index)} has a label longer than ${MAX_LABEL_LENGTH} characters`);
      if (labelEnd !== length) out[at++] = DOT;
      for (let j = i + 1; j < labelEnd; j++) out[at++] = key[j] as number;
      labelEnd = i;
    }
  }
  return at;
}
