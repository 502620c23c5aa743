import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ServerStore } from '../../server/acceptance-store.ts';
import { DEFAULT_CHECKIN_RETENTION } from '../../server/checkin-store.ts';
import { DiscardReportStore } from '../../server/discard-store.ts';
import { DEFAULT_OUTBOX } from '../../server/outbox.ts';
import { makeSenders } from '../../server/senders.ts';
import { startServer } from '../../server/server.ts';
import { SqliteReportStore } from '../../server/sqlite-store.ts';
import { CliError, UsageError } from '../errors.ts';

export type ServeArgs = {
  host: string | undefined;
  port: number | undefined;
  bundle: string | undefined;
  data: string | undefined;
  store: string | undefined;
  reportTokenFile: string | undefined;
  adminPasswordFile: string | undefined;
  smtp: string | undefined;
  mailFrom: string | undefined;
  helpdeskEmail: string | undefined;
  webhook: string | undefined;
  rateLimit: number | undefined;
  trustedProxies: string[];
  retrySeconds: number | undefined;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  checkinRetentionDays: number | undefined;
};

function readSecret(file: string | undefined, env: string | undefined, what: string): string | null {
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch {
      throw new CliError(`cannot read ${what} from ${file}`);
    }
    if (text.length < 16) throw new CliError(`${what} in ${file} is too short (at least 16 characters)`);
    return text;
  }
  if (env !== undefined && env.trim().length < 16) throw new CliError(`${what} from the environment is too short (at least 16 characters)`);
  return env?.trim() || null;
}

/** Development secrets: random, made once per data folder, never built in. */
function developmentSecrets(dataDir: string): { reportToken: string; adminPassword: string } {
  const file = join(dataDir, 'development-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const secrets = { reportToken: randomBytes(24).toString('base64url'), adminPassword: randomBytes(12).toString('base64url') };
  writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

function readFile(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new CliError(`cannot read the ${what} ${file}`);
  }
}

/** `aup serve`: runs until SIGINT or SIGTERM, then closes the server and the database. */
export async function serve(args: ServeArgs): Promise<void> {
  const dataDir = resolve(args.data ?? '.aup-data');
  mkdirSync(dataDir, { recursive: true });
  const bundleDir = args.bundle ? resolve(args.bundle) : existsSync('dist/policy/manifest.json') ? resolve('dist/policy') : null;
  if (args.bundle && !existsSync(join(bundleDir!, 'manifest.json'))) throw new CliError(`no manifest.json in ${bundleDir} (make one with aup build)`);
  if (args.store !== undefined && args.store !== 'sqlite' && args.store !== 'none') throw new UsageError('--store is sqlite or none');
  if ((args.tlsCert === undefined) !== (args.tlsKey === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  if (args.checkinRetentionDays !== undefined && args.checkinRetentionDays < 1) throw new UsageError('--checkin-retention-days is at least 1');

  let reportToken = readSecret(args.reportTokenFile, process.env.AUP_REPORT_TOKEN, 'the report token');
  let adminPassword = readSecret(args.adminPasswordFile, process.env.AUP_ADMIN_PASSWORD, 'the admin password');
  const notes: string[] = [];
  if (!reportToken || !adminPassword) {
    const dev = developmentSecrets(dataDir);
    if (!reportToken) notes.push(`  Report token (development, ${join(dataDir, 'development-secrets.json')}): ${(reportToken = dev.reportToken)}`);
    if (!adminPassword) notes.push(`  Inbox password (development, same file): ${(adminPassword = dev.adminPassword)}`);
  }
  const checkinRetention = { ...DEFAULT_CHECKIN_RETENTION, days: args.checkinRetentionDays ?? DEFAULT_CHECKIN_RETENTION.days };
  const store: ServerStore = args.store === 'none' ? new DiscardReportStore() : new SqliteReportStore(join(dataDir, 'reports.sqlite'), { checkinRetention });
  const smtpUrl = args.smtp ?? process.env.AUP_SMTP_URL ?? null;
  const log = (message: string) => console.error(message);
  const perMinute = args.rateLimit ?? 60;
  const server = await startServer({
    host: args.host ?? '127.0.0.1',
    port: args.port ?? 8081,
    bundleDir,
    store,
    reportToken,
    adminPassword,
    rateLimit: { perMinute, burst: Math.max(1, Math.ceil(perMinute / 2)) },
    trustedProxies: args.trustedProxies,
    helpdeskEmail: args.helpdeskEmail ?? null,
    webhookUrl: args.webhook ?? null,
    senders: makeSenders({ smtpUrl, from: args.mailFrom ?? 'AUP Guard <aup-guard@localhost>' }, log),
    outbox: { ...DEFAULT_OUTBOX, baseDelayMs: (args.retrySeconds ?? 30) * 1000 },
    tls: args.tlsCert && args.tlsKey ? { cert: readFile(args.tlsCert, 'certificate'), key: readFile(args.tlsKey, 'key') } : null,
    log,
  });
  console.log(`aup serve: listening on ${server.url}`);
  console.log(`  Reports: POST ${server.url}/api/reports → ${args.store === 'none' ? 'NOT STORED (--store none)' : join(dataDir, 'reports.sqlite')}`);
  console.log(`  Check-ins: POST ${server.url}/api/checkins (kept ${checkinRetention.days} days, at most ${checkinRetention.perDevice} per device); fleet status: ${server.url}/inbox/fleet`);
  console.log(`  ICT inbox: ${server.url}/inbox/`);
  console.log(`  Policy bundle: ${bundleDir ? `${server.url}/policy/manifest.json (${bundleDir})` : 'none (--bundle DIR): every category counts as sensitive'}`);
  console.log(`  Mail: ${smtpUrl ? `sent through ${new URL(smtpUrl).host}` : 'written to this console (no --smtp)'}${args.webhook ? `; webhook ${args.webhook}` : ''}`);
  for (const note of notes) console.log(note);

  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
}
