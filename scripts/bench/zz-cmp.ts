import { HostMatcher } from '../../src/match/matcher.ts';
import { BaselineMatcher } from './baseline-map.ts';
import { loadUt1 } from './ut1-data.ts';
import { prng, syntheticHosts } from './synthetic-hosts.ts';
const ut1 = loadUt1()!;
const entries: { host: string; category: number }[] = [];
ut1.lists.forEach((l, c) => l.hosts.forEach((host) => entries.push({ host, category: c })));
const m = HostMatcher.build(entries) as HostMatcher & { categoriesOfOld(h: string): number[]; categoriesOfClosure(h: string): number[]; countOnly(h: string, r: boolean): number };
const base = new BaselineMatcher(); for (const e of entries) base.add(e.host, e.category);
const hosts = [...new Set(entries.map((e) => e.host))];
const r = prng(1); const miss = syntheticHosts(2);
const q = JSON.parse(JSON.stringify(Array.from({ length: 1_000_000 }, () => (r() < 0.5 ? (r() < 0.5 ? 'www.' : '') + hosts[Math.floor(r() * hosts.length)] : miss())))) as string[];
const A: number[] = [], B: number[] = [], C: number[] = []; let sink = 0;
function runNew() { let x = 0; for (const h of q) { const f = m.categoriesOf(h); x += f.length + (f[0] ?? 0); } return x; }
function runOld() { let x = 0; for (const h of q) { x += m.countOnly(h, false); } return x; }
function runCats() { let x = 0; for (const h of q) { x += m.countOnly(h, true); } return x; }
const D: number[] = [];
function runBase() { let x = 0; for (const h of q) { const f = base.categoriesOf(h); x += f.length + (f[0] ?? 0); } return x; }
for (let round = 0; round < 12; round++) {
  let t = performance.now(); sink += runNew(); A.push(performance.now() - t);
  t = performance.now(); sink += runOld(); B.push(performance.now() - t);
  t = performance.now(); sink += runCats(); D.push(performance.now() - t);
  if (round % 3 === 0) { t = performance.now(); sink += runBase(); C.push(performance.now() - t); }
}
const s = (x: number[]) => x.sort((a, b) => a - b).slice(0, 5).map((v) => v.toFixed(0)).join(' ');
console.log('new', s(A), '| count only', s(B), '| count+cats', s(D), '| baseline', s(C), sink);
