/**
 * Seeded, realistic-looking host names for filling a benchmark up to a million hosts: word-like
 * labels (common words and pronounceable made-up ones, sometimes hyphenated or numbered), common
 * TLDs weighted roughly by how often they appear in block lists, and some subdomains.
 */

/** mulberry32: tiny, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'best shop online bet casino news free game games play win top deal deals cheap buy store market ' +
  'daily live video tube stream movie music radio chat date love girls hot sexy secure login bank pay ' +
  'wallet coin crypto trade invest loan cash money fast quick easy smart cloud host web net link site ' +
  'page blog info media press world city london uk euro global digital tech app apps mobile phone ' +
  'job jobs career work home garden car cars auto travel hotel flight tour health care pharma shop24 ' +
  'sport football poker slots lucky royal gold star sun moon green blue red black white super mega ' +
  'pro plus max prime first one express direct central national review guide portal hub zone club'
).split(' ');
const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'ch', 'cl', 'st', 'tr', 'sh', 'gr', 'pl'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'y'];
const CODAS = ['', '', '', 'n', 'r', 's', 'x', 'l', 'm', 't', 'ck', 'nd'];
const TLDS: Array<[string, number]> = [
  ['com', 40], ['net', 8], ['org', 5], ['info', 4], ['xyz', 5], ['top', 5], ['shop', 3], ['online', 3], ['site', 3],
  ['co.uk', 4], ['uk', 2], ['de', 4], ['fr', 3], ['ru', 4], ['pl', 2], ['nl', 2], ['it', 2], ['es', 2], ['io', 2],
  ['com.br', 2], ['cn', 2], ['in', 1], ['club', 1], ['live', 1], ['icu', 2], ['pro', 2], ['vip', 1], ['biz', 1],
];
const SUBDOMAINS = ['www', 'm', 'mail', 'shop', 'cdn', 'api', 'login', 'secure', 'app', 'blog', 'en', 'static'];

export function syntheticHosts(seed: number): () => string {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const tldTotal = TLDS.reduce((sum, [, weight]) => sum + weight, 0);
  const tld = (): string => {
    let roll = random() * tldTotal;
    for (const [name, weight] of TLDS) if ((roll -= weight) < 0) return name;
    return 'com';
  };
  const madeUp = (): string => {
    let word = '';
    const syllables = 2 + Math.floor(random() * 3);
    for (let i = 0; i < syllables; i++) word += pick(ONSETS) + pick(VOWELS) + pick(CODAS);
    return word;
  };
  const word = (): string => (random() < 0.6 ? pick(WORDS) : madeUp());
  const name = (): string => {
    const parts = [word()];
    const extra = random();
    if (extra < 0.55) parts.push(word());
    if (extra < 0.15) parts.push(word());
    let label = parts.join(random() < 0.25 ? '-' : '');
    if (random() < 0.2) label += String(Math.floor(random() * (random() < 0.5 ? 100 : 100000)));
    return label;
  };
  return () => {
    const base = `${name()}.${tld()}`;
    const roll = random();
    if (roll < 0.15) return `${pick(SUBDOMAINS)}.${base}`;
    if (roll < 0.25) return `${madeUp()}${Math.floor(random() * 1000)}.${base}`;
    return base;
  };
}
