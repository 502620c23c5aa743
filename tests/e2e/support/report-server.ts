import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { receiptOf } from '../../../src/server/sqlite-store.ts';
import { freePort, smtpSink, type Mail } from '../../server/support/harness.ts';
import { ROOT, tempDir } from './paths.ts';

/**
 * The real `aup serve` (bin/aup.mjs, as ICT runs it) for end-to-end report tests: its own data
 * folder and a fixed port, so it can be stopped and started again where devices expect it; mail
 * goes to a local SMTP sink (smtp-server) the test reads.
 */

export const E2E_REPORT_TOKEN = 'e2e-report-token-0123456789';
export const HELPDESK = 'helpdesk@council.test';
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password-0123';

export type StoredReport = {
  receipt: string; id: string; kind: string; url: string; host: string; category: string; sensitive: number;
  accessed_at: string; line_manager_email: string | null; user_identity: string | null; note: string | null; device: string;
};

export type StoredAcceptance = { receipt: string; id: string; aup_version: string; policy_serial: number | null; user_identity: string | null };

export type StoredCheckin = { id: string; device_id: string; at: string; received_at: string; checkin: string };

export type ReportServer = {
  /** What devices are configured with (managed `reportEndpoint`). */
  endpoint: string;
  mails: Mail[];
  start(): Promise<void>;
  /** SIGKILL: nothing is flushed on the way out, as when a machine loses power. */
  stop(): Promise<void>;
  /** Every report in the database, read from the file (as ICT's own tools would), with its receipt. */
  reports(): StoredReport[];
  /** Every AUP acceptance in the database, with its receipt. */
  acceptances(): StoredAcceptance[];
  /** Every fleet check-in in the database (its history table), oldest first; `checkin` as JSON text. */
  checkins(): StoredCheckin[];
  /** An inbox page as ICT sees it, signed in (English): status and HTML. */
  inbox(path: string): Promise<{ status: number; html: string }>;
  close(): Promise<void>;
};

export async function startReportServer(bundleDir: string): Promise<ReportServer> {
  const sink = await smtpSink();
  const port = await freePort();
  const data = tempDir('e2e-reports');
  let child: ChildProcess | null = null;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(process.execPath, [
        join(ROOT, 'bin/aup.mjs'), 'serve', '--port', String(port), '--data', data.path, '--bundle', bundleDir,
        '--smtp', sink.url, '--helpdesk-email', HELPDESK, '--rate-limit', '0', '--retry-seconds', '1',
      ], { cwd: ROOT, env: { ...process.env, AUP_REPORT_TOKEN: E2E_REPORT_TOKEN, AUP_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD }, stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      let out = '';
      let err = '';
      proc.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('listening on')) resolve();
      });
      proc.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
      proc.once('exit', (code) => reject(new Error(`aup serve exited (${code}) before listening: ${err}`)));
    });

  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGKILL');
    await exited;
  };

  await start();
  return {
    endpoint: `http://127.0.0.1:${port}/api/reports`,
    mails: sink.mails,
    start,
    stop,
    reports: () => {
      const db = new Database(join(data.path, 'reports.sqlite'), { readonly: true, fileMustExist: true });
      try {
        const rows = db.prepare('SELECT * FROM reports ORDER BY seq').all() as Array<StoredReport & { seq: number; received_at: string }>;
        return rows.map((row) => ({ ...row, receipt: receiptOf(row.seq, row.received_at) }));
      } finally {
        db.close();
      }
    },
    acceptances: () => {
      const db = new Database(join(data.path, 'reports.sqlite'), { readonly: true, fileMustExist: true });
      try {
        const rows = db.prepare('SELECT * FROM acceptances ORDER BY seq').all() as Array<StoredAcceptance & { seq: number; received_at: string }>;
        return rows.map((row) => ({ ...row, receipt: receiptOf(row.seq, row.received_at, 'A') }));
      } finally {
        db.close();
      }
    },
    checkins: () => {
      const db = new Database(join(data.path, 'reports.sqlite'), { readonly: true, fileMustExist: true });
      try {
        return db.prepare('SELECT id, device_id, at, received_at, checkin FROM checkins ORDER BY seq').all() as StoredCheckin[];
      } finally {
        db.close();
      }
    },
    inbox: async (path) => {
      const base = `http://127.0.0.1:${port}`;
      const signIn = await fetch(`${base}/inbox/sign-in`, { method: 'POST', body: new URLSearchParams({ password: E2E_ADMIN_PASSWORD }), redirect: 'manual' });
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
      const page = await fetch(`${base}${path}`, { headers: { cookie, 'accept-language': 'en-GB' }, redirect: 'manual' });
      return { status: page.status, html: await page.text() };
    },
    close: async () => {
      await stop();
      await sink.close();
      data.remove();
    },
  };
}
