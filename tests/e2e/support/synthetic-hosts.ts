/**
 * Deterministic, realistic-looking host names for large-bundle tests and benchmarks
 * (word-like labels, common TLDs, some subdomains), all under reserved `.test`-free TLDs
 * that no test visits by accident.
 */
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'be', 'da', 'fo', 'gu', 'ho', 'ji', 'ze', 'pa', 'qu', 'wy', 'xe', 'cy'];
const TLDS = ['com', 'net', 'org', 'info', 'co.uk', 'de', 'fr', 'io', 'biz', 'xyz'];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticHosts(count: number, seed = 1): string[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const word = () => Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(SYLLABLES)).join('');
  const out = new Set<string>();
  while (out.size < count) {
    const base = `${word()}${random() < 0.3 ? `-${word()}` : ''}${Math.floor(random() * 1000)}.${pick(TLDS)}`;
    out.add(random() < 0.1 ? `${word()}.${base}` : base);
  }
  return [...out].sort();
}
