import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { makeSenders } from '../../../src/server/senders.ts';
import { startServer, type RunningServer, type ServerConfig } from '../../../src/server/server.ts';
import { SqliteReportStore } from '../../../src/server/sqlite-store.ts';
import { buildRepoBundle } from '../../unit/support/bundle-fixture.ts';

export const TOKEN = 'test-report-token-0123456789';
export const PASSWORD = 'test-admin-password-0123';

/** A temporary folder, removed by `done()`. */
export function workDir(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The repository's rules/ as a signed bundle folder (pornography and illegal are sensitive). */
export async function writeRepoBundle(dir: string): Promise<string> {
  const bundle = await buildRepoBundle();
  const out = join(dir, 'bundle');
  for (const [path, bytes] of bundle.files) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), bytes);
  }
  return out;
}

export type Mail = { to: string[]; subject: string; text: string };

/** A local SMTP server (smtp-server, from the nodemailer project) that keeps every message, decoded. */
export async function smtpSink(port = 0) {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: parsed.subject ?? '', text: parsed.text ?? '' });
          callback();
        })
        .catch(callback);
    },
  });
  // smtp-server re-emits a connection's socket error on the server; unheard, it would end the test
  // run. A sender that goes away mid-connection (a report server stopped at the end of a test: CI
  // saw ECONNRESET) is the sender's business, so it is kept here, not thrown.
  const errors: Error[] = [];
  server.on('error', (error: Error) => errors.push(error));
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const bound = (server.server.address() as AddressInfo).port;
  return {
    mails,
    errors,
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export async function freePort(): Promise<number> {
  const sink = await smtpSink();
  await sink.close();
  return sink.port;
}

export type TestServer = RunningServer & { store: SqliteReportStore; log: string[] };

export async function testServer(dir: string, overrides: Partial<ServerConfig> & { smtpUrl?: string | null; store?: SqliteReportStore } = {}): Promise<TestServer> {
  const log: string[] = [];
  const { smtpUrl = null, store = new SqliteReportStore(join(dir, `reports-${randomUUID()}.sqlite`)), ...rest } = overrides;
  const running = await startServer({
    host: '127.0.0.1', port: 0, bundleDir: null, store, reportToken: TOKEN, adminPassword: PASSWORD,
    rateLimit: { perMinute: 0, burst: 0 }, helpdeskEmail: null, webhookUrl: null,
    senders: makeSenders({ smtpUrl, from: 'AUP Guard <aup@test.example>' }, (m) => log.push(m)),
    outbox: { baseDelayMs: 50, maxDelayMs: 200, pollMs: 50 },
    tls: null, log: (m) => log.push(m),
    ...rest,
  });
  return { ...running, store, log };
}

export function report(change: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    kind: 'inadvertent',
    url: 'https://www.example.com/page?q=1',
    host: 'www.example.com',
    category: 'gambling',
    accessedAt: '2026-11-24T12:30:00Z',
    reportedAt: '2026-11-24T12:31:00Z',
    device: { extensionVersion: '0.1.0', browser: 'Chrome 156', group: 'office', policySerial: 1 },
    ...change,
  };
}

export async function post(base: string, body: unknown, headers: Record<string, string> = {}) {
  return postTo(`${base}/api/reports`, body, headers);
}

export async function postAcceptance(base: string, body: unknown, headers: Record<string, string> = {}) {
  return postTo(`${base}/api/acceptances`, body, headers);
}

async function postTo(url: string, body: unknown, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

/** Wait until `check` holds (polling), or fail after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function acceptance(change: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    aupVersion: '2026.1',
    aupTitle: 'Internet acceptable use policy',
    policySerial: 1,
    acceptedAt: '2026-11-24T08:59:00Z',
    userIdentity: 'jane.smith@example.gov.uk',
    device: { extensionVersion: '0.1.0', browser: 'Chrome 156', group: 'office', policySerial: 1 },
    ...change,
  };
}

export async function postCheckin(base: string, body: unknown, headers: Record<string, string> = {}) {
  return postTo(`${base}/api/checkins`, body, headers);
}

/** A check-in of a well-set-up device on bundle 1, synced an hour before `at`. */
export function checkin(change: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    deviceId: randomUUID(),
    at: '2026-11-24T09:00:00Z',
    extension: { version: '0.1.0', browser: 'chrome', browserVersion: '131.0.6778.85' },
    group: 'office',
    policy: { serial: 1, source: 'bundle', issuedAt: '2026-11-20T09:00:00Z', expiresAt: '2026-12-20T09:00:00Z', fetchedAt: '2026-11-24T08:00:00Z', lastError: null },
    installedByPolicy: true,
    findings: [],
    ...change,
  };
}
