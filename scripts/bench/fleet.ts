/**
 * Benchmark: a fleet of devices (default 10,000) pulling the policy from `aup serve` over a
 * simulated week of typical changes — a full rebuild on Monday 06:00 (every list changed, as a
 * new UT1 release does), then one category list updated at 10:00 each day. Real bundles: the UT1
 * sample imported with `aup import-ut1` and built with `aup build`, one per change. Real answers:
 * every distinct response (the manifest in br as browsers ask for it, a 304, each chunk) is taken
 * from the real `aup serve` over a raw socket and its bytes on the wire counted, headers included;
 * autocannon measures what the same server sustains. Simulated time: fleet-model.ts runs each
 * device's browser sessions with the extension's own schedule (src/retry/check-schedule.ts).
 * Printed, per day and for the week: requests, bytes, peak requests/s and peak bandwidth —
 * with deltas (what we do) beside the whole bundle at every check, the whole bundle on every
 * change, and the behaviour before checks followed the schedule (a check at every worker wake).
 * Run: npm run bench -- fleet   (AUP_BENCH_DEVICES, AUP_BENCH_REFRESH minutes, AUP_BENCH_WAKES_PER_HOUR)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { startServe } from './reports.ts';
import { prng, simulateFleet, type FleetResult, type Tally, type Version } from './fleet-model.ts';
import { UT1_SAMPLE } from './ut1-data.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const AUP = join(ROOT, 'bin/aup.mjs');
const DEVICES = Number(process.env.AUP_BENCH_DEVICES ?? 10_000);
const REFRESH = Number(process.env.AUP_BENCH_REFRESH ?? 60);
const WAKES_PER_HOUR = Number(process.env.AUP_BENCH_WAKES_PER_HOUR ?? 6);
const DAYS = 7;
const HOUR = 3_600_000;
/** The daily update rotates through the big lists. */
const DAILY = ['gambling', 'malware', 'pornography', 'proxy-avoidance', 'shopping', 'gaming'];
/** Real host names the changes add: UT1 folders our map leaves out. */
const SPARE = ['publicite', 'shortener', 'download', 'dynamic-dns', 'filehosting', 'ai', 'remote-control', 'marketingware'];
/** Browsers ask for these; the manifest is then served in brotli. */
const BROWSER_HEADERS = 'Accept: */*\r\nAccept-Encoding: gzip, deflate, br, zstd\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0\r\n';

function run(args: string[]): void {
  const r = spawnSync(process.execPath, [AUP, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`aup ${args[0]} failed: ${r.stderr || r.stdout}`);
}

/** Change `file` as a list update does: drop `dropShare` of its hosts, add `addShare` new ones from `spare`. */
function churn(file: string, addShare: number, dropShare: number, spare: string[], random: () => number): void {
  const hosts = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const kept = hosts.filter(() => random() >= dropShare);
  const added = spare.splice(0, Math.max(1, Math.round(hosts.length * addShare)));
  writeFileSync(file, [...kept, ...added].sort().join('\n') + '\n');
}

/** The bytes of one HTTP/1.1 exchange as the server sent them (status line, headers, body). */
function wireBytes(url: string, path: string, extraHeaders = ''): Promise<{ bytes: number; status: number; etag: string | null }> {
  const { hostname, port } = new URL(url);
  return new Promise((ok, fail) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', fail);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const head = all.subarray(0, all.indexOf('\r\n\r\n')).toString();
      ok({ bytes: all.length, status: Number(head.split(' ')[1]), etag: /^etag: (.+)$/im.exec(head)?.[1]?.trim() ?? null });
    });
    socket.write(`GET /policy/${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n${BROWSER_HEADERS}${extraHeaders}Connection: close\r\n\r\n`);
  });
}

type Built = { serial: number; publishedAt: number; dir: string; what: string };

/** The week's bundles, each built by `aup build` from the UT1 lists as changed so far. */
function buildWeek(work: string): Built[] {
  const lists = join(work, 'lists');
  run(['import-ut1', UT1_SAMPLE, '--map', join(ROOT, 'rules/imports/ut1-map.yaml'), '--out', lists]);
  const spare = SPARE.flatMap((f) => (existsSync(join(UT1_SAMPLE, f, 'domains')) ? readFileSync(join(UT1_SAMPLE, f, 'domains'), 'utf8').split('\n').map((h) => h.trim().toLowerCase()).filter((h) => /^[a-z0-9.-]+\.[a-z]{2,}$/.test(h)) : []));
  const random = prng(7);
  const built: Built[] = [];
  const build = (serial: number, publishedAt: number, what: string) => {
    const dir = join(work, `v${serial}`);
    run(['build', '--key', join(ROOT, 'tests/fixtures/keys/dev.private.jwk.json'), '--out', dir, '--serial', String(serial), '--issued-at', new Date(Date.UTC(2026, 11, 7) + publishedAt).toISOString(), '--extra-lists', lists]);
    built.push({ serial, publishedAt, dir, what });
  };
  build(100, -DAYS * 24 * HOUR, 'held at the start');
  // Monday 06:00: a full rebuild (a new UT1 release: every list a little different).
  for (const f of readdirSync(lists).filter((n) => n.endsWith('.txt'))) churn(join(lists, f), 0.003, 0.002, spare, random);
  build(101, 6 * HOUR, 'full rebuild');
  for (let day = 1; day < DAYS; day++) {
    const category = DAILY[(day - 1) % DAILY.length]!;
    churn(join(lists, `${category}.txt`), 0.005, 0.002, spare, random);
    build(101 + day, day * 24 * HOUR + 10 * HOUR, `${category} updated`);
  }
  return built;
}

/** Serve each bundle with the real `aup serve` and take the bytes of each distinct answer. */
async function measureVersions(work: string, built: Built[]): Promise<{ versions: Version[]; notModified: number; capacity: { notModifiedPerS: number; chunkPerS: number; chunkBytes: number } }> {
  const versions: Version[] = [];
  let notModified = 0;
  let capacity = { notModifiedPerS: 0, chunkPerS: 0, chunkBytes: 0 };
  for (const b of built) {
    const server = await startServe('none', join(work, `data-${b.serial}`), b.dir);
    try {
      const manifest = await wireBytes(server.url, 'manifest.json');
      if (manifest.status !== 200 || !manifest.etag) throw new Error(`manifest of ${b.serial}: ${manifest.status}`);
      const conditional = await wireBytes(server.url, 'manifest.json', `If-None-Match: ${manifest.etag}\r\n`);
      if (conditional.status !== 304) throw new Error(`conditional manifest: ${conditional.status}`);
      notModified = Math.max(notModified, conditional.bytes);
      const chunks = new Map<string, number>();
      for (const name of readdirSync(join(b.dir, 'chunks'))) {
        const answer = await wireBytes(server.url, `chunks/${name}`);
        if (answer.status !== 200) throw new Error(`chunk ${name}: ${answer.status}`);
        chunks.set(name, answer.bytes);
      }
      versions.push({ serial: b.serial, publishedAt: b.publishedAt, chunks, manifestBytes: manifest.bytes });
      if (b === built[built.length - 1]) {
        // What this one process sustains on this machine: conditional manifest checks, and the largest chunk.
        const sustained = async (path: string, headers: Record<string, string>) => {
          await autocannon({ url: `${server.url}/policy/${path}`, connections: 50, duration: 1, headers });
          const r = await autocannon({ url: `${server.url}/policy/${path}`, connections: 50, duration: 5, headers });
          return r['2xx'] + r['3xx'] > 0 ? (r['2xx'] + r['3xx']) / r.duration : 0;
        };
        const largest = [...chunks].sort((x, y) => y[1] - x[1])[0]!;
        capacity = {
          notModifiedPerS: await sustained('manifest.json', { 'accept-encoding': 'br', 'if-none-match': manifest.etag }),
          chunkPerS: await sustained(`chunks/${largest[0]}`, {}),
          chunkBytes: largest[1],
        };
      }
    } finally {
      server.child.kill('SIGTERM');
    }
  }
  return { versions, notModified, capacity };
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 0);
const int = (n: number) => Math.round(n).toLocaleString('en-GB');
const peak = (m: Map<number, number>) => {
  let most = 0;
  for (const n of m.values()) most = Math.max(most, n);
  return most;
};

function summary(label: string, t: Tally): string {
  const requests = t.requests.reduce((a, b) => a + b, 0);
  const bytes = t.bytes.reduce((a, b) => a + b, 0);
  return `  ${label.padEnd(46)} ${int(requests / DAYS).padStart(10)} req/day ${mb(bytes / DAYS).padStart(7)} MB/day   peak ${String(peak(t.perSecond)).padStart(4)} req/s (busiest minute ${(peak(t.perMinute) / 60).toFixed(1).padStart(5)} req/s, ${((peak(t.bytesPerMinute) * 8) / 60 / 1e6).toFixed(1).padStart(6)} Mbit/s)`;
}

function print(r: FleetResult, built: Built[], measured: Awaited<ReturnType<typeof measureVersions>>): void {
  const log = console.log;
  const { versions, notModified, capacity } = measured;
  const whole = (v: Version) => v.manifestBytes + [...v.chunks.values()].reduce((a, b) => a + b, 0);
  log(`  bundles (aup build over the UT1 sample; bytes on the wire from aup serve, headers included):`);
  versions.forEach((v, i) => {
    const prev = versions[i - 1];
    const changed = prev ? [...v.chunks].filter(([sha]) => !prev.chunks.has(sha)) : [];
    const delta = changed.reduce((a, [, b]) => a + b, 0) + v.manifestBytes;
    log(`    serial ${v.serial} ${built[i]!.what.padEnd(26)} whole ${mb(whole(v)).padStart(5)} MB   ${prev ? `a device holding ${prev.serial} fetches ${changed.length} chunk(s) + manifest: ${mb(delta)} MB` : `manifest ${int(v.manifestBytes)} B (br)`}`);
  });
  log(`    "not modified" (304): ${notModified} B`);
  log(`  checks per device per day (Mon…Sun): ${r.checksPerDeviceDay.map((c) => c.toFixed(1)).join(' ')}   (${int(r.checks)} checks in the week)`);
  log(summary('deltas: ETag/304, only changed chunks (ours)', r.deltas));
  log(summary('baseline: ETag/304, whole bundle on change', r.wholeOnChange));
  log(summary('baseline: whole bundle at every check', r.wholeEveryCheck));
  log(summary(`before: + a check at every wake (${WAKES_PER_HOUR}/h assumed)`, r.everyWake));
  const week = (t: Tally) => t.bytes.reduce((a, b) => a + b, 0);
  log(`  ours serves ${(week(r.wholeEveryCheck) / week(r.deltas)).toFixed(0)}× fewer bytes than the whole bundle at every check, ${(week(r.wholeOnChange) / week(r.deltas)).toFixed(1)}× fewer than the whole bundle on change`);
  log(`  per day, ours (Mon…Sun): ${r.deltas.bytes.map((b) => `${mb(b)} MB`).join(' · ')}`);
  log(`                 requests: ${r.deltas.requests.map(int).join(' · ')}`);
  log(`  one aup serve process here sustains ${int(capacity.notModifiedPerS)} conditional manifest checks/s and ${int(capacity.chunkPerS)} downloads/s of the largest chunk (${mb(capacity.chunkBytes)} MB): ${(capacity.notModifiedPerS / Math.max(1, peak(r.deltas.perSecond))).toFixed(0)}× the simulated peak`);
}

export async function benchFleet(): Promise<void> {
  if (!existsSync(UT1_SAMPLE)) {
    console.log(`\nFleet simulation: skipped (${UT1_SAMPLE} is missing)`);
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'aup-bench-fleet-'));
  try {
    console.log(`\nFleet simulation (${int(DEVICES)} devices, refresh ${REFRESH} min ±10 %, a simulated week; ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    const built = buildWeek(work);
    const measured = await measureVersions(work, built);
    const started = performance.now();
    const result = simulateFleet({ devices: DEVICES, days: DAYS, refreshMinutes: REFRESH, versions: measured.versions, wire: { notModified: measured.notModified }, wakesPerHour: WAKES_PER_HOUR, seed: 42 });
    print(result, built, measured);
    console.log(`  (the week simulated in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
