import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DiscardReportStore } from '../../server/discard-store.ts';
import { DEFAULT_OUTBOX } from '../../server/outbox.ts';
import type { ReportStore } from '../../server/report-store.ts';
import { makeSenders } from '../../server/senders.ts';
import { startServer } from '../../server/server.ts';
import { SqliteReportStore } from '../../server/sqlite-store.ts';
import { CliError, UsageError } from '../errors.ts';

export const SERVE_HELP = `aup serve — the report server and ICT inbox (and the policy bundle for devices)

Usage: aup serve [options]

With no options it runs for development: reports in .aup-data/reports.sqlite, mail written to
this console, a random report token and admin password made once and kept in
.aup-data/development-secrets.json (printed at start). Give every secret explicitly in production.

Options:
  --host ADDR               address to listen on (default: 127.0.0.1)
  --port N                  port (default: 8081; 0 picks a free one)
  --bundle DIR              signed bundle folder served at /policy/ (default: dist/policy when it
                            exists); its policy says which categories are sensitive and gives the
                            helpdesk address. Without it every category counts as sensitive.
  --data DIR                folder for reports.sqlite (default: .aup-data)
  --store sqlite|none       where reports go (default: sqlite). none keeps nothing and answers as
                            if stored: only for the benchmark's baseline
  --report-token-file FILE  the deployment token devices send (managed config reportToken);
                            or the environment variable AUP_REPORT_TOKEN
  --admin-password-file FILE
                            password or token for the ICT inbox; or AUP_ADMIN_PASSWORD
  --smtp URL                ICT's mail server, e.g. smtps://user:pass@mail.example.gov.uk:465
                            (or AUP_SMTP_URL, which keeps the password off the command line);
                            without it mail is written to this console, not sent
  --mail-from ADDR          sender of the emails (default: AUP Guard <aup-guard@localhost>)
  --helpdesk-email ADDR     send helpdesk mail here instead of the policy's help.helpdesk.email
  --webhook URL             also POST each report as JSON to this address (a helpdesk system)
  --rate-limit N            reports per minute per client address, bursts of up to N/2 more
                            (default: 60; 0 turns the limit off)
  --retry-seconds N         first retry of a failed email or webhook (default: 30), doubling to
                            an hour at most; retried until delivered
  --tls-cert FILE --tls-key FILE
                            serve HTTPS (otherwise plain HTTP: put it behind ICT's TLS proxy,
                            as the inbox's cookies are Secure)
  -h, --help                this help

Routes: GET /policy/… (the bundle, with ETag and compression), POST /api/reports,
/inbox (ICT inbox). Stop with Ctrl+C.`;

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
  retrySeconds: number | undefined;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
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

  let reportToken = readSecret(args.reportTokenFile, process.env.AUP_REPORT_TOKEN, 'the report token');
  let adminPassword = readSecret(args.adminPasswordFile, process.env.AUP_ADMIN_PASSWORD, 'the admin password');
  const notes: string[] = [];
  if (!reportToken || !adminPassword) {
    const dev = developmentSecrets(dataDir);
    if (!reportToken) notes.push(`  Report token (development, ${join(dataDir, 'development-secrets.json')}): ${(reportToken = dev.reportToken)}`);
    if (!adminPassword) notes.push(`  Inbox password (development, same file): ${(adminPassword = dev.adminPassword)}`);
  }
  const store: ReportStore = args.store === 'none' ? new DiscardReportStore() : new SqliteReportStore(join(dataDir, 'reports.sqlite'));
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
    helpdeskEmail: args.helpdeskEmail ?? null,
    webhookUrl: args.webhook ?? null,
    senders: makeSenders({ smtpUrl, from: args.mailFrom ?? 'AUP Guard <aup-guard@localhost>' }, log),
    outbox: { ...DEFAULT_OUTBOX, baseDelayMs: (args.retrySeconds ?? 30) * 1000 },
    tls: args.tlsCert && args.tlsKey ? { cert: readFile(args.tlsCert, 'certificate'), key: readFile(args.tlsKey, 'key') } : null,
    log,
  });
  console.log(`aup serve: listening on ${server.url}`);
  console.log(`  Reports: POST ${server.url}/api/reports → ${args.store === 'none' ? 'NOT STORED (--store none)' : join(dataDir, 'reports.sqlite')}`);
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
