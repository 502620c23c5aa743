import { HostMatcher } from '../../src/match/matcher.ts';
import { hashSuffixes } from '../../src/match/suffix-hash.ts';
import { loadUt1 } from './ut1-data.ts';
import { prng, syntheticHosts } from './synthetic-hosts.ts';
const ut1 = loadUt1()!;
const entries: { host: string; category: number }[] = [];
ut1.lists.forEach((l, c) => l.hosts.forEach((host) => entries.push({ host, category: c })));
const m = HostMatcher.build(entries);
const hosts = [...new Set(entries.map((e) => e.host))];
const r = prng(1); const miss = syntheticHosts(2);
const q = JSON.parse(JSON.stringify(Array.from({ length: 1_000_000 }, () => (r() < 0.5 ? (r() < 0.5 ? 'www.' : '') + hosts[Math.floor(r() * hosts.length)] : miss())))) as string[];
let sink = 0;
for (let round = 0; round < 8; round++) {
  let t = performance.now();
  for (const h of q) sink += hashSuffixes(h).count;
  const a = performance.now() - t;
  t = performance.now();
  for (const h of q) sink += m.categoriesOf(h).length;
  const b = performance.now() - t;
  let chars = 0; t = performance.now();
  for (const h of q) { for (let i = 0; i < h.length; i++) chars += h.charCodeAt(i); }
  const c = performance.now() - t;
  console.log(`hash ${a.toFixed(0)} full ${b.toFixed(0)} charloop ${c.toFixed(0)}`);
}
console.log(sink);
