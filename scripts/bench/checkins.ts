/**
 * Benchmark: 10,000 simulated devices (each its own deviceId) checking in at once with
 * `aup serve` on loopback — every one must be stored (the database is counted afterwards) —
 * printing sustained check-ins/s and p50/p99 latency beside a baseline measured in the same
 * run: the same server with `--store none` (validates and answers, keeps nothing), so the
 * difference is the durable SQLite commit (group commit, WAL, synchronous=FULL): the history
 * row, the device row and the per-device trim.
 * Run: npm run bench -- checkins   (AUP_BENCH_DEVICES, AUP_BENCH_CONNECTIONS to change the load)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { ADMIN_PASSWORD, buildBenchBundle, startServe, TOKEN } from './reports.ts';

const DEVICES = Number(process.env.AUP_BENCH_DEVICES ?? 10_000);
/** "At once": this many devices are in flight together, each on its own connection. */
const CONNECTIONS = Number(process.env.AUP_BENCH_CONNECTIONS ?? 1_000);
const FINDINGS = [
  [],
  [{ id: 'incognito-available', severity: 'high' }],
  [{ id: 'proxy-extension-installed', severity: 'medium', detail: 'Free VPN (abcdefghijklmnopabcdefghijklmnop)' }, { id: 'developer-mode', severity: 'low' }],
];

/** One device's first check-in: a new deviceId every time, so each request is a new device row. */
function body(devices: Set<string>): string {
  const deviceId = randomUUID();
  devices.add(deviceId);
  const n = devices.size;
  const now = new Date().toISOString();
  return JSON.stringify({
    id: randomUUID(), deviceId, at: now,
    extension: { version: '0.1.0', browser: (['chrome', 'edge', 'firefox'] as const)[n % 3], browserVersion: '131.0.6778.85' },
    group: (['office', 'childrens-homes', 'open-access'] as const)[n % 3],
    policy: { serial: 1, source: 'bundle', issuedAt: '2026-11-20T09:00:00Z', expiresAt: '2026-12-20T09:00:00Z', fetchedAt: now, lastError: null },
    installedByPolicy: n % 50 !== 0, findings: FINDINGS[n % FINDINGS.length], userIdentity: `user${n}@example.gov.uk`, deviceName: `LAPTOP-${n}`,
  });
}

/** How long ICT waits for the fleet page and its CSV over every stored device (signed in, one request each). */
async function timeInbox(url: string): Promise<{ pageMs: number; csvMs: number; csvRows: number }> {
  const signIn = await fetch(`${url}/inbox/sign-in`, { method: 'POST', body: new URLSearchParams({ password: ADMIN_PASSWORD }), redirect: 'manual' });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  const timed = async (path: string) => {
    const start = performance.now();
    const answer = await fetch(`${url}${path}`, { headers: { cookie } });
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status}`);
    const body = await answer.text();
    return { ms: performance.now() - start, body };
  };
  const page = await timed('/inbox/fleet');
  const csv = await timed('/inbox/fleet.csv');
  return { pageMs: page.ms, csvMs: csv.ms, csvRows: csv.body.split('\r\n').filter(Boolean).length - 1 };
}

async function measure(store: 'sqlite' | 'none', work: string, bundle: string) {
  const data = join(work, store);
  const server = await startServe(store, data, bundle);
  const devices = new Set<string>();
  let result: autocannon.Result;
  let inbox: Awaited<ReturnType<typeof timeInbox>> | null = null;
  try {
    result = await autocannon({
      url: `${server.url}/api/checkins`, connections: CONNECTIONS, amount: DEVICES, timeout: 60,
      requests: [{ method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: body(devices) }) }],
    });
    if (store === 'sqlite') inbox = await timeInbox(server.url);
  } finally {
    await new Promise<void>((done) => {
      server.child.once('exit', () => done());
      server.child.kill('SIGTERM'); // closes the database: every acknowledged commit is in the file
    });
  }
  let stored: number | null = null;
  if (store === 'sqlite') {
    const db = new Database(join(data, 'reports.sqlite'), { readonly: true });
    stored = (db.prepare('SELECT COUNT(*) AS n FROM devices').get() as { n: number }).n;
    db.close();
  }
  const seconds = result.duration;
  return { store, perSecond: result['2xx'] / seconds, seconds, p50: result.latency.p50, p99: result.latency.p99, ok: result['2xx'], other: result.non2xx + result.errors + result.timeouts, sent: devices.size, stored, inbox };
}

export async function benchCheckins(): Promise<void> {
  const log = console.log;
  const work = mkdtempSync(join(tmpdir(), 'aup-bench-checkins-'));
  try {
    const bundle = buildBenchBundle(work);
    log(`\nCheck-ins endpoint (aup serve on loopback; ${DEVICES} devices, each a new deviceId, ${CONNECTIONS} at once; ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    const baseline = await measure('none', work, bundle);
    const stored = await measure('sqlite', work, bundle);
    const row = (label: string, m: typeof stored) =>
      `  ${label.padEnd(44)} ${m.perSecond.toFixed(0).padStart(7)} check-ins/s   p50 ${String(m.p50).padStart(5)} ms   p99 ${String(m.p99).padStart(5)} ms   (${m.ok} answered 2xx in ${m.seconds.toFixed(1)} s, ${m.other} other)`;
    log(row('baseline: validate and answer (--store none)', baseline));
    log(row('stored: SQLite, durable group commit', stored));
    log(`  storing costs ${(100 * (1 - stored.perSecond / baseline.perSecond)).toFixed(0)} % of the baseline's throughput`);
    const all = stored.stored === stored.sent && stored.ok === stored.sent;
    log(`  devices sent ${stored.sent}, answered 2xx ${stored.ok}, device rows in the database ${stored.stored}: ${all ? 'all stored' : 'NOT ALL STORED'}`);
    if (stored.inbox) {
      const { pageMs, csvMs, csvRows } = stored.inbox;
      log(`  ICT inbox over them: /inbox/fleet ${pageMs.toFixed(0)} ms (summary, groups, the first 500), /inbox/fleet.csv ${csvMs.toFixed(0)} ms (${csvRows} rows)`);
    }
    if (!all) process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
