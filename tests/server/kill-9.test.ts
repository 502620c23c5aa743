import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../unit/support/bundle-fixture.ts';
import { report, TOKEN, workDir, writeRepoBundle } from './support/harness.ts';

/*
 * The promise behind 201: a report the server acknowledged is on disk. The real `aup serve`
 * runs as a process, takes a load of 1,000 reports from concurrent clients, and is killed with
 * SIGKILL part-way; after a restart every acknowledged id is in the database.
 */

const REPORTS = 1000;
const CLIENTS = 16;
const KILL_AFTER = 300;

let work: ReturnType<typeof workDir>;
let bundleDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  work = workDir('aup-kill-');
  bundleDir = await writeRepoBundle(work.dir);
});
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  work.done();
});

/** Start `aup serve` on a free port; resolves with its address once it listens. */
function startServe(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [
    join(ROOT, 'bin/aup.mjs'), 'serve', '--port', '0', '--data', join(work.dir, 'data'), '--bundle', bundleDir, '--rate-limit', '0',
  ], { cwd: ROOT, env: { ...process.env, AUP_REPORT_TOKEN: TOKEN, AUP_ADMIN_PASSWORD: 'kill-test-password-123' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`aup serve exited (${code}) before listening: ${err}`)));
  });
}

async function send(url: string, body: unknown): Promise<{ status: number; receipt?: string }> {
  const response = await fetch(`${url}/api/reports`, {
    method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const json = (await response.json()) as { receipt?: string };
  return { status: response.status, receipt: json.receipt };
}

describe('kill -9 under load', () => {
  it('keeps every report it acknowledged', async () => {
    const reports = Array.from({ length: REPORTS }, (_, i) => report({ note: `load ${i}` }));
    const acknowledged = new Map<string, string>();
    let failures = 0;
    const first = await startServe();
    let next = 0;
    let killed = false;
    const client = async () => {
      while (next < reports.length) {
        const r = reports[next++]!;
        try {
          const answer = await send(first.url, r);
          if (answer.status === 201 || answer.status === 200) acknowledged.set(r.id, answer.receipt!);
          else failures++;
        } catch {
          failures++;
          if (killed) return;
        }
        if (!killed && acknowledged.size >= KILL_AFTER) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acknowledged.size, 'the kill came before the load ended').toBeLessThan(REPORTS);
    expect(failures).toBeGreaterThan(0);

    // Restart on the same data folder: it opens the database (WAL recovery) and serves again.
    const second = await startServe();
    const db = new Database(join(work.dir, 'data', 'reports.sqlite'), { readonly: true });
    const stored = new Set((db.prepare('SELECT id FROM reports').all() as { id: string }[]).map((row) => row.id));
    const sent = new Set<string>(reports.map((r) => r.id));
    const lost = [...acknowledged.keys()].filter((id) => !stored.has(id));
    expect(lost, 'acknowledged but not stored').toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(acknowledged.size);
    expect([...stored].filter((id) => !sent.has(id))).toEqual([]);

    // Devices retry what was not acknowledged: afterwards every report is there exactly once, and
    // an acknowledged one answers with its first receipt.
    for (const r of reports) {
      const answer = await send(second.url, r);
      expect([200, 201]).toContain(answer.status);
      if (acknowledged.has(r.id)) expect(answer).toEqual({ status: 200, receipt: acknowledged.get(r.id) });
    }
    expect((db.prepare('SELECT COUNT(*) AS n FROM reports').get() as { n: number }).n).toBe(REPORTS);
    db.close();
    second.child.kill('SIGTERM');
  }, 60_000);
});
