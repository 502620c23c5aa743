/**
 * Which host-list chunk layout deflates smallest? Re-runs the comparison recorded in
 * src/match/host-list.ts on the UT1 sample: one chunk per category, deflate-raw level 9, bytes per
 * listed host. Run: node --import tsx scripts/bench/host-list-formats.ts
 */
import { deflateRawSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { encodeHostList } from '../../src/match/host-list.ts';
import { UT1_SAMPLE, loadUt1 } from './ut1-data.ts';

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const reverseLabels = (host: string): string => host.split('.').reverse().join('.');
const reverseChars = (host: string): string => [...host].reverse().join('');
const text = (lines: string[]): Uint8Array => new TextEncoder().encode(lines.map((line) => `${line}\n`).join(''));

function sharedPrefixes(sorted: string[]): number[] {
  let previous = '';
  return sorted.map((key) => {
    let shared = 0;
    while (shared < previous.length && shared < key.length && previous.charCodeAt(shared) === key.charCodeAt(shared)) shared++;
    previous = key;
    return shared;
  });
}

/** Each line: one byte of shared-prefix length, then the rest of the key and a newline. */
function frontCodedInline(keys: string[]): Uint8Array {
  const sorted = [...keys].sort(byCodeUnit);
  const prefixes = sharedPrefixes(sorted);
  const bytes: number[] = [];
  sorted.forEach((key, i) => {
    bytes.push(prefixes[i] as number);
    for (let j = prefixes[i] as number; j < key.length; j++) bytes.push(key.charCodeAt(j));
    bytes.push(0x0a);
  });
  return Uint8Array.from(bytes);
}

const FORMATS: Array<[string, (hosts: string[]) => Uint8Array]> = [
  ['plain sorted text, one host a line', (hosts) => text([...hosts].sort(byCodeUnit))],
  ['reversed-label keys, sorted text', (hosts) => text(hosts.map(reverseLabels).sort(byCodeUnit))],
  ['reversed-label keys, front-coded inline', (hosts) => frontCodedInline(hosts.map(reverseLabels))],
  ['reversed-character keys, front-coded inline', (hosts) => frontCodedInline(hosts.map(reverseChars))],
  ['encodeHostList (reversed-label keys, prefix column)', (hosts) => encodeHostList(hosts)],
];

export async function benchHostListFormats(): Promise<void> {
  const ut1 = loadUt1();
  if (!ut1) {
    console.log(`UT1 sample not found at ${UT1_SAMPLE}: nothing to compare (synthetic hosts would only measure the generator).`);
    return;
  }
  const lists = ut1.lists.map((list) => [...new Set(list.hosts)]);
  const hosts = lists.reduce((sum, list) => sum + list.length, 0);
  console.log(`${lists.length} UT1 lists, ${hosts.toLocaleString('en-GB')} hosts; deflate-raw level 9, one chunk per list`);
  for (const [name, encode] of FORMATS) {
    let raw = 0;
    let deflated = 0;
    for (const list of lists) {
      const bytes = encode(list);
      raw += bytes.length;
      deflated += deflateRawSync(bytes, { level: 9 }).length;
    }
    console.log(`${name.padEnd(52)} ${(raw / hosts).toFixed(2).padStart(6)} raw  ${(deflated / hosts).toFixed(2).padStart(5)} deflated bytes/host`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchHostListFormats();
}
