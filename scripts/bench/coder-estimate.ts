/**
 * Profiling the chunk wire (issue 14's "≤ 4 bytes per host"): how far below today's deflate could
 * another coder take the UT1 lists? Prints, in bytes per host over the UT1 sample: today's chunk
 * (encodeHostList + deflate-raw 9), brotli at quality 11 with a 16 MB window (a reference: no
 * browser decoder we can rely on), the ideal code length of adaptive order-k context models (what
 * an arithmetic coder with that model would reach, within a fraction of a per cent), and cheap
 * transforms that keep deflate. Run: node --import tsx scripts/bench/coder-estimate.ts
 */
import { brotliCompressSync, constants, deflateRawSync } from 'node:zlib';
import { encodeHostList } from '../../src/match/host-list.ts';
import { loadUt1 } from './ut1-data.ts';

/** Ideal code length (bits) of an adaptive order-k model (KT-like counts, alphabet a) over `s`, context = previous k symbols (reset per line if `lineReset`). */
function adaptiveBits(symbols: Uint8Array, k: number, alphabet: number, contextOf: (i: number) => number): number {
  const counts = new Map<number, Uint32Array>();
  let bits = 0;
  for (let i = 0; i < symbols.length; i++) {
    const ctx = contextOf(i);
    let c = counts.get(ctx);
    if (!c) counts.set(ctx, (c = new Uint32Array(alphabet + 1)));
    const s = symbols[i]!;
    const total = c[alphabet]!;
    const p = (c[s]! + 0.4) / (total + 0.4 * alphabet);
    bits -= Math.log2(p);
    c[s]!++;
    c[alphabet]!++;
  }
  return bits;
}

const ut1 = loadUt1()!;
let hosts = 0, deflated = 0, brotli = 0;
const est: Record<string, number> = {};
const alphabetMap = new Uint8Array(256);
'abcdefghijklmnopqrstuvwxyz0123456789-_.:\n'.split('').forEach((c, i) => (alphabetMap[c.charCodeAt(0)] = i));
for (const list of ut1.lists) {
  const unique = [...new Set(list.hosts)];
  if (unique.length === 0) continue;
  hosts += unique.length;
  const enc = encodeHostList(unique);
  deflated += deflateRawSync(enc, { level: 9 }).length;
  brotli += brotliCompressSync(enc, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: enc.length } }).length;
  const n = unique.length;
  const prefixes = enc.subarray(9, 9 + n);
  const text = enc.subarray(9 + n);
  const sym = Uint8Array.from(text, (b) => alphabetMap[b]!);
  // prefix column: order-1 on previous prefix value (bucketed)
  const pBits = adaptiveBits(prefixes, 1, 256, (i) => (i > 0 ? Math.min(prefixes[i - 1]!, 63) : 0));
  for (const k of [1, 2, 3, 4]) {
    const A = 41;
    const bits = adaptiveBits(sym, k, A, (i) => {
      let ctx = 0;
      for (let j = 1; j <= k; j++) ctx = ctx * 42 + (i - j >= 0 ? sym[i - j]! + 1 : 0);
      return ctx;
    });
    est[`order-${k} text + order-1 prefixes`] = (est[`order-${k} text + order-1 prefixes`] ?? 0) + (bits + pBits) / 8;
  }
}
console.log(`UT1 lists: ${hosts} hosts`);
console.log(`deflate-raw 9 (today)      ${(deflated / hosts).toFixed(2)} B/host`);
console.log(`brotli q11 lgwin 24        ${(brotli / hosts).toFixed(2)} B/host`);
for (const [k, v] of Object.entries(est)) console.log(`${k.padEnd(34)} ${(v / hosts).toFixed(2)} B/host (ideal adaptive code length)`);

// Cheap transforms that keep deflate (no new coder): lengths in their own column instead of newlines.
let b1 = 0, b2 = 0, b3 = 0;
for (const list of ut1.lists) {
  const unique = [...new Set(list.hosts)];
  if (unique.length === 0) continue;
  const enc = encodeHostList(unique);
  const n = unique.length;
  const prefixes = enc.subarray(9, 9 + n);
  const text = enc.subarray(9 + n);
  const lengths = new Uint8Array(n);
  const body: number[] = [];
  let i = 0, len = 0;
  for (const b of text) { if (b === 10) { lengths[i++] = len; len = 0; } else { body.push(b); len++; } }
  const joined = new Uint8Array(n * 2 + body.length);
  joined.set(prefixes, 0); joined.set(lengths, n); joined.set(body, 2 * n);
  b1 += deflateRawSync(joined, { level: 9 }).length;
  // interleave prefix and length as pairs
  const pairs = new Uint8Array(n * 2 + body.length);
  for (let j = 0; j < n; j++) { pairs[2 * j] = prefixes[j]!; pairs[2 * j + 1] = lengths[j]!; }
  pairs.set(body, 2 * n);
  b2 += deflateRawSync(pairs, { level: 9 }).length;
  b3 += deflateRawSync(enc, { level: 9, memLevel: 9, strategy: constants.Z_FILTERED }).length;
}
console.log(`prefix col + length col + text   ${(b1 / hosts).toFixed(2)} B/host (deflate 9)`);
console.log(`(prefix,length) pairs + text     ${(b2 / hosts).toFixed(2)} B/host (deflate 9)`);
console.log(`today, Z_FILTERED memLevel 9     ${(b3 / hosts).toFixed(2)} B/host`);

// A mixture of orders 0–5 (Bayesian weights with forgetting): roughly what a small context-mixing coder reaches.
function mixedBits(sym: Uint8Array, alphabet: number, orders: number[]): number {
  const tables = orders.map(() => new Map<number, Uint32Array>());
  const weights = orders.map(() => 1 / orders.length);
  let bits = 0;
  const ps = new Float64Array(orders.length);
  for (let i = 0; i < sym.length; i++) {
    const s = sym[i]!;
    let mix = 0;
    orders.forEach((k, o) => {
      let ctx = k;
      for (let j = 1; j <= k; j++) ctx = ctx * 42 + (i - j >= 0 ? sym[i - j]! + 1 : 0);
      let c = tables[o]!.get(ctx);
      if (!c) tables[o]!.set(ctx, (c = new Uint32Array(alphabet + 1)));
      ps[o] = (c[s]! + 0.05) / (c[alphabet]! + 0.05 * alphabet);
      mix += weights[o]! * ps[o]!;
      c[s]! += 1;
      c[alphabet]! += 1;
    });
    bits -= Math.log2(mix);
    let total = 0;
    orders.forEach((_, o) => {
      weights[o] = Math.pow(weights[o]! * ps[o]! / mix, 0.98) + 1e-6;
      total += weights[o]!;
    });
    orders.forEach((_, o) => (weights[o]! /= total));
  }
  return bits;
}
let mixed = 0;
for (const list of ut1.lists) {
  const unique = [...new Set(list.hosts)];
  if (unique.length === 0) continue;
  const enc = encodeHostList(unique);
  const n = unique.length;
  const prefixes = enc.subarray(9, 9 + n);
  const sym = Uint8Array.from(enc.subarray(9 + n), (b) => alphabetMap[b]!);
  mixed += (mixedBits(sym, 41, [0, 1, 2, 3, 4, 5]) + adaptiveBits(prefixes, 1, 256, (i) => (i > 0 ? Math.min(prefixes[i - 1]!, 63) : 0))) / 8;
}
console.log(`mixture of orders 0-5 + order-1 prefixes  ${(mixed / hosts).toFixed(2)} B/host (ideal code length)`);
