/**
 * Benchmark: the chunk wire (issue 14: "≤ 4 bytes per host on the real UT1 lists"). On the UT1
 * sample, in one run, bytes per host and decode time of today's chunk (encodeHostList + zstd
 * level 19, decoded by fzstd as the extension does) beside the chunk before it (raw deflate
 * level 9, inflated with DecompressionStream) and other candidates measured:
 *   - brotli at quality 11 with a 16 MB window (a reference: Chromium 156 and Firefox ESR have no
 *     DecompressionStream('brotli'), so the extension would need a decoder in JavaScript);
 *   - a context-mixing arithmetic coder (scripts/bench/wire-cm.ts): far smaller, far slower.
 * Two views of "the real UT1 lists": each `domains` folder as its own chunk (what
 * `npm run bench -- matcher` reports; malware and phishing are nearly the same list, counted
 * twice), and the lists as a bundle ships them (`aup import-ut1` with rules/imports/ut1-map.yaml:
 * one list per policy category, merged and pruned of covered hosts).
 * Run: npm run bench -- wire   (AUP_BENCH_WIRE_CM=0 leaves out the slow context-mixing coder)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, deflateRawSync } from 'node:zlib';
import { decodeHostList, encodeHostList } from '../../src/match/host-list.ts';
import { decodeKeysCm, encodeKeysCm } from './wire-cm.ts';
import { chunkCompressor } from '../../tests/e2e/support/bundles.ts';
import { decompressChunk, inflateRaw } from '../../src/bundle/chunk-coding.ts';
import { UT1_SAMPLE, loadUt1, type CategoryList } from './ut1-data.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const GOAL_BYTES_PER_HOST = 4;
/** "Decoding 1M hosts must stay well under a second in the extension." */
const GOAL_DECODE_MS_PER_MILLION = 1000;

type Figures = { hosts: number; bytes: number; decodeMs: number | null };
type Candidate = { name: string; measure: (lists: string[][]) => Promise<Figures> };

/** What `aup build --chunk-coding deflate-raw` writes (src/cli/commands/build.ts). */
const deflate9 = (bytes: Uint8Array): Uint8Array => deflateRawSync(bytes, { level: 9, memLevel: 9 });
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const keysOf = (hosts: string[]): string[] => hosts.map((host) => host.split('.').reverse().join('.')).sort(byKey);

const CANDIDATES: Candidate[] = [
  {
    name: 'format 1 + zstd 19 (today: aup build)',
    async measure(lists) {
      // Exactly what `aup build` writes and a device reads (src/bundle/chunk-coding.ts).
      const compress = await chunkCompressor('zstd');
      const chunks = lists.map((hosts) => {
        const raw = encodeHostList(hosts);
        return { wire: compress(raw).bytes, rawSize: raw.length };
      });
      let decodeMs = 0;
      for (const { wire, rawSize } of chunks) {
        const start = performance.now();
        decodeHostList(await decompressChunk(wire, 'zstd', rawSize));
        decodeMs += performance.now() - start;
      }
      return { hosts: count(lists), bytes: chunks.reduce((sum, c) => sum + c.wire.length, 0), decodeMs };
    },
  },
  {
    name: 'format 1 + deflate-raw 9 (before; --chunk-coding deflate-raw)',
    async measure(lists) {
      const chunks = lists.map((hosts) => {
        const raw = encodeHostList(hosts);
        return { wire: deflate9(raw), rawSize: raw.length };
      });
      let decodeMs = 0;
      for (const { wire, rawSize } of chunks) {
        const start = performance.now();
        decodeHostList(await inflateRaw(wire, rawSize));
        decodeMs += performance.now() - start;
      }
      return { hosts: count(lists), bytes: chunks.reduce((sum, c) => sum + c.wire.length, 0), decodeMs };
    },
  },
  {
    name: 'format 1 + brotli q11 lgwin 24 (no browser decoder)',
    async measure(lists) {
      const bytes = lists.reduce((sum, hosts) => {
        const raw = encodeHostList(hosts);
        const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length };
        return sum + brotliCompressSync(raw, { params }).length;
      }, 0);
      return { hosts: count(lists), bytes, decodeMs: null };
    },
  },
  {
    name: 'context-mixing coder (wire-cm.ts, JavaScript)',
    async measure(lists) {
      let bytes = 0;
      let decodeMs = 0;
      for (const hosts of lists) {
        const keys = keysOf(hosts);
        const wire = encodeKeysCm(keys);
        bytes += wire.length + 4; // + a host count, which a chunk would need
        const start = performance.now();
        const back = decodeKeysCm(wire, keys.length);
        decodeMs += performance.now() - start;
        if (back.length !== keys.length || back.some((key, i) => key !== keys[i])) throw new Error('context-mixing coder: round trip failed');
      }
      return { hosts: count(lists), bytes, decodeMs };
    },
  },
];

const count = (lists: string[][]): number => lists.reduce((sum, hosts) => sum + hosts.length, 0);

/** The lists as a bundle ships them: `aup import-ut1` into a temporary folder, read back. */
function importedLists(): string[][] {
  const out = mkdtempSync(join(tmpdir(), 'aup-wire-'));
  try {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/aup.mjs'), 'import-ut1', UT1_SAMPLE, '--map', join(ROOT, 'rules/imports/ut1-map.yaml'), '--out', out], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`aup import-ut1 failed: ${r.stderr || r.stdout}`);
    return readdirSync(out)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => [...new Set(readFileSync(join(out, name), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#')))]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function benchWire(): Promise<void> {
  const log = console.log;
  const ut1 = loadUt1();
  if (!ut1) {
    log(`UT1 sample not found at ${UT1_SAMPLE}: the wire goal is about the real lists, nothing to measure.`);
    return;
  }
  const withCm = process.env.AUP_BENCH_WIRE_CM !== '0';
  const views: Array<[string, string[][]]> = [
    ['each UT1 folder its own chunk', ut1.lists.map((list: CategoryList) => [...new Set(list.hosts)]).filter((hosts) => hosts.length > 0)],
    ['as a bundle ships them (aup import-ut1)', importedLists()],
  ];
  log(`AUP Guard chunk wire benchmark — Node ${process.version}; goal ≤ ${GOAL_BYTES_PER_HOST} B/host, decode well under ${GOAL_DECODE_MS_PER_MILLION} ms per million hosts`);
  for (const [view, lists] of views) {
    log('');
    log(`${view}: ${lists.length} lists, ${count(lists).toLocaleString('en-GB')} hosts`);
    for (const candidate of CANDIDATES) {
      if (!withCm && candidate.name.startsWith('context-mixing')) continue;
      const f = await candidate.measure(lists);
      const perHost = f.bytes / f.hosts;
      const decode = f.decodeMs === null ? 'decode: n/a' : `decode ${Math.round((f.decodeMs * 1e6) / f.hosts).toLocaleString('en-GB')} ms per million hosts`;
      log(`  ${candidate.name.padEnd(62)} ${perHost.toFixed(2)} B/host (${perHost <= GOAL_BYTES_PER_HOST ? 'ok' : 'MISSED'})  ${decode}`);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchWire();
}
