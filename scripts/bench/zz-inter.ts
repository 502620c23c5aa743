import { HostMatcher } from '../../src/match/matcher.ts';
import { hashSuffixes, suffixHash1, suffixHash2 } from '../../src/match/suffix-hash.ts';
import { loadUt1 } from './ut1-data.ts';
import { prng, syntheticHosts } from './synthetic-hosts.ts';
const ut1 = loadUt1()!;
const entries: { host: string; category: number }[] = [];
ut1.lists.forEach((l, c) => l.hosts.forEach((host) => entries.push({ host, category: c })));
const next = syntheticHosts(77); const seen = new Set(entries.map((e) => e.host));
while (seen.size < 1_000_000) { const h = next(); if (!seen.has(h)) { seen.add(h); entries.push({ host: h, category: 44 + (seen.size % 4) }); } }
const m = HostMatcher.build(entries);
const bin = m.toBinary();
const dv = new DataView(bin.buffer); const k = dv.getUint32(8, true); const n = dv.getUint32(12, true);
const offsets = new Uint32Array(bin.buffer, 16, 2 ** k + 1);
const fps = new Uint32Array(bin.buffer, 16 + 4 * (2 ** k + 1), n);
const cats = new Uint8Array(bin.buffer, 16 + 4 * (2 ** k + 1) + 4 * n, n);
// interleaved: per bucket [fp x c][cats packed, padded to 4]
const B = 2 ** k; const ioff = new Uint32Array(B + 1); let words = 0;
for (let b = 0; b < B; b++) { ioff[b] = words; const c = offsets[b + 1]! - offsets[b]!; words += c + Math.ceil(c / 4); }
ioff[B] = words;
const rec = new Uint32Array(words); const recBytes = new Uint8Array(rec.buffer);
for (let b = 0; b < B; b++) { const s = offsets[b]!, c = offsets[b + 1]! - s; const w = ioff[b]!; for (let j = 0; j < c; j++) { rec[w + j] = fps[s + j]!; recBytes[(w + c) * 4 + j] = cats[s + j]!; } }
const shift = 32 - k;
function sep(q: string[], o: Uint32Array, f: Uint32Array, ca: Uint8Array) { let x = 0; for (const h of q) { const cnt = hashSuffixes(h); for (let i = 0; i < cnt; i++) { const b = suffixHash1[i]! >>> shift; const fp = suffixHash2[i]!; const end = o[b + 1]!; for (let j = o[b]!; j < end; j++) { const v = f[j]!; if (v === fp) x += ca[j]! + 1; else if (v > fp) break; } } } return x; }
function inter(q: string[], o: Uint32Array, r: Uint32Array, rb: Uint8Array) { let x = 0; for (const h of q) { const cnt = hashSuffixes(h); for (let i = 0; i < cnt; i++) { const b = suffixHash1[i]! >>> shift; const fp = suffixHash2[i]!; const s = o[b]!; const len = o[b + 1]! - s; const c = len - Math.ceil(len / 5); const end = s + c; for (let j = s; j < end; j++) { const v = r[j]!; if (v === fp) x += rb[end * 4 + (j - s)]! + 1; else if (v > fp) break; } } } return x; }
const hosts = [...seen];
const rr = prng(1); const miss = syntheticHosts(2); const subs = ['www', 'm', 'cdn', 'img'];
const q = JSON.parse(JSON.stringify(Array.from({ length: 1_000_000 }, () => (rr() < 0.5 ? (rr() < 0.5 ? subs[Math.floor(rr() * 4)] + '.' : '') + hosts[Math.floor(rr() * hosts.length)] : miss())))) as string[];
const A: number[] = [], C: number[] = []; let sink = 0, chk1 = 0, chk2 = 0;
for (let round = 0; round < 10; round++) {
  let t = performance.now(); chk1 = sep(q, offsets, fps, cats); A.push(performance.now() - t);
  t = performance.now(); chk2 = inter(q, ioff, rec, recBytes); C.push(performance.now() - t);
}
const s = (x: number[]) => { x.sort((a, b) => a - b); return `median ${x[5]!.toFixed(0)} min ${x[0]!.toFixed(0)}`; };
console.log('separate', s(A), '| interleaved', s(C), chk1 === chk2 ? 'same' : `DIFF ${chk1} ${chk2}`, sink);
