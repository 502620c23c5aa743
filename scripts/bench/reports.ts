/**
 * Benchmark: reports per second that `aup serve` stores on loopback, with p50/p99 latency,
 * beside a baseline measured in the same run — the same server started with `--store none`
 * (validates and answers, keeps nothing), so the difference is the durable SQLite commit
 * (WAL, synchronous=FULL) and the outbox rows. Load from autocannon, every request a new UUID.
 * Run: npm run bench -- reports
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';

const ROOT = resolve(import.meta.dirname, '../..');
const AUP = join(ROOT, 'bin/aup.mjs');
export const TOKEN = 'bench-report-token-0123456789';
export const ADMIN_PASSWORD = 'bench-admin-password-123';
const DURATION_S = Number(process.env.AUP_BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;

function body(): string {
  return JSON.stringify({
    id: randomUUID(), kind: 'inadvertent', url: 'https://www.example.com/some/page?q=1', host: 'www.example.com', category: 'gambling',
    accessedAt: '2026-11-24T12:30:00Z', reportedAt: '2026-11-24T12:31:00Z', lineManagerEmail: 'manager@example.gov.uk',
    device: { extensionVersion: '0.1.0', browser: 'Chrome 156', group: 'office', policySerial: 1 },
  });
}

/** `aup serve` as a child process on a free port (shared with the check-ins benchmark). */
export function startServe(store: 'sqlite' | 'none', data: string, bundle: string): Promise<{ child: ChildProcess; url: string }> {
  // Mail goes to the server's console (no --smtp), which is discarded: SMTP is not measured here.
  const child = spawn(process.execPath, [AUP, 'serve', '--port', '0', '--store', store, '--data', data, '--bundle', bundle, '--rate-limit', '0'], {
    cwd: ROOT, env: { ...process.env, AUP_REPORT_TOKEN: TOKEN, AUP_ADMIN_PASSWORD: ADMIN_PASSWORD }, stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) ok({ child, url: match[1]! });
    });
    child.once('exit', (code) => fail(new Error(`aup serve exited (${code})`)));
  });
}

async function load(url: string, seconds: number) {
  return autocannon({
    url: `${url}/api/reports`, connections: CONNECTIONS, duration: seconds,
    requests: [{ method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: body() }) }],
  });
}

async function measure(store: 'sqlite' | 'none', work: string, bundle: string) {
  const server = await startServe(store, join(work, store), bundle);
  try {
    await load(server.url, 1); // warm up: JIT, SQLite pages, sockets
    const result = await load(server.url, DURATION_S);
    return { store, perSecond: result['2xx'] / result.duration, p50: result.latency.p50, p99: result.latency.p99, ok: result['2xx'], other: result.non2xx + result.errors };
  } finally {
    server.child.kill('SIGTERM');
  }
}

/** The repository's rules/ built and signed with the development key, into `<work>/bundle`. */
export function buildBenchBundle(work: string): string {
  const bundle = join(work, 'bundle');
  const built = spawnSync(process.execPath, [AUP, 'build', '--key', join(ROOT, 'tests/fixtures/keys/dev.private.jwk.json'), '--out', bundle], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`aup build failed: ${built.stderr}`);
  return bundle;
}

export async function benchReports(): Promise<void> {
  const log = console.log;
  const work = mkdtempSync(join(tmpdir(), 'aup-bench-reports-'));
  try {
    const bundle = buildBenchBundle(work);
    log(`\nReports endpoint (aup serve on loopback; ${CONNECTIONS} connections, ${DURATION_S} s each; ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    const baseline = await measure('none', work, bundle);
    const stored = await measure('sqlite', work, bundle);
    const row = (label: string, m: typeof stored) =>
      `  ${label.padEnd(40)} ${m.perSecond.toFixed(0).padStart(8)} reports/s   p50 ${String(m.p50).padStart(4)} ms   p99 ${String(m.p99).padStart(4)} ms   (${m.ok} answered 2xx, ${m.other} other)`;
    log(row('baseline: validate and answer (--store none)', baseline));
    log(row('stored: SQLite, durable commit + outbox', stored));
    log(`  storing costs ${(100 * (1 - stored.perSecond / baseline.perSecond)).toFixed(0)} % of the baseline's throughput`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
