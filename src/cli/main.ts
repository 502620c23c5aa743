import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SERVE_HELP } from './commands/serve-help.ts';
import { CliError, UsageError } from './errors.ts';
import { RulesError } from '../rules/rules-error.ts';

export const HELP = `aup — the AUP Guard policy tool for ICT

Usage: aup <command> [options]

Commands:
  keygen --out DIR                 make an Ed25519 signing key pair (policy bundles)
  keygen --packaging --out DIR     make the RSA key that signs the CRX (fixes the Chrome/Edge extension id)
  check                            validate rules/policy.yaml and the category lists
  test                             run ICT's expectations in rules/tests/*.yaml
  explain URL [--at TIME] [--group G] [--managed] [--break-from TIME --break-minutes N]
                                   say which rule decides URL, and why (and its safe-search rewrite)
  explain --download URL [--mime TYPE] [--filename NAME] [--at TIME] [--group G]
                                   say what happens to a download of URL, and why
  import-ut1 DIR --map FILE --out DIR
                                   convert UT1 blacklists (a folder per category) into lists
  import-holidays FILE             write rules/holidays/*.yaml from GOV.UK's bank-holidays.json
  build --key FILE --out DIR [--serial N] [--issued-at ISO] [--valid-days N] [--extra-lists DIR]
        [--chunk-coding zstd|deflate-raw]
                                   compile and sign the policy bundle (byte-identical for the same input;
                                   --chunk-coding deflate-raw for devices on an extension before zstd)
  verify DIR|URL --trusted-key KEY|--trusted-key-file FILE [--min-serial N] [--at ISO]
                                   check a bundle exactly as a device does
  serve [options]                  the report server, ICT inbox and bundle host (aup serve --help)
  package --key FILE --out DIR [--crx-url URL] [--dist DIR]
                                   the release builds in dist/ as a signed CRX (+ updates.xml for
                                   --crx-url), a store zip and a Firefox XPI; refuses development builds
  deploy --config FILE --out DIR [--test]
                                   every enterprise-policy template (Windows .reg and ADMX, Intune, Google
                                   Admin, Firefox policies.json, Linux, macOS) from one deployment file;
                                   --test allows development keys, ids and plain-http test addresses

Common options:
  --rules DIR    the policy folder (default: rules)
  --json         machine-readable output
  -h, --help     this help

TIME is an ISO instant (2026-11-24T12:30:00Z) or a wall-clock time in the group's zone (2026-11-24T12:30).
Exit status: 0 success, 1 failure (the message says why), 2 wrong usage.`;

const OPTIONS = {
  rules: { type: 'string', default: 'rules' },
  json: { type: 'boolean', default: false },
  test: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  out: { type: 'string' },
  key: { type: 'string' },
  serial: { type: 'string' },
  'issued-at': { type: 'string' },
  'valid-days': { type: 'string' },
  'extra-lists': { type: 'string' },
  'chunk-coding': { type: 'string' },
  map: { type: 'string' },
  at: { type: 'string' },
  group: { type: 'string' },
  managed: { type: 'boolean', default: false },
  'break-from': { type: 'string' },
  'break-minutes': { type: 'string' },
  'trusted-key': { type: 'string', multiple: true },
  'trusted-key-file': { type: 'string', multiple: true },
  'min-serial': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  bundle: { type: 'string' },
  data: { type: 'string' },
  store: { type: 'string' },
  'report-token-file': { type: 'string' },
  'admin-password-file': { type: 'string' },
  smtp: { type: 'string' },
  'mail-from': { type: 'string' },
  'helpdesk-email': { type: 'string' },
  webhook: { type: 'string' },
  'rate-limit': { type: 'string' },
  'retry-seconds': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'trusted-proxy': { type: 'string', multiple: true },
  'checkin-retention-days': { type: 'string' },
  config: { type: 'string' },
  packaging: { type: 'boolean', default: false },
  dist: { type: 'string', default: 'dist' },
  'crx-url': { type: 'string' },
  download: { type: 'boolean', default: false },
  mime: { type: 'string' },
  filename: { type: 'string' },
} as const;

function int(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number (got "${value}")`);
  return Number(value);
}

function required(name: string, value: string | undefined): string {
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

function onePositional(command: string, positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`${command} takes one ${what}`);
  return positionals[0]!;
}

async function run(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values: v, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (v.help && command === 'serve') {
    console.log(SERVE_HELP);
    return;
  }
  if (v.help || !command || command === 'help') {
    console.log(HELP);
    return;
  }
  // Each command's code is loaded only when it runs: deploy's schemas, SQLite and mail for serve,
  // zstd for build cost 0.1-0.3 s each, which every other command's start would pay (measured).
  switch (command) {
    case 'keygen':
      if (v.packaging) return (await import('./commands/keygen.ts')).packagingKeygen(required('out', v.out), v.json);
      return (await import('./commands/keygen.ts')).keygen(required('out', v.out), v.json);
    case 'package':
      if (rest.length > 0) throw new UsageError('package takes no arguments, only options');
      return (await import('./commands/package.ts')).packageRelease({ dist: v.dist, keyFile: required('key', v.key), out: required('out', v.out), crxUrl: v['crx-url'], json: v.json });
    case 'check':
      return (await import('./commands/check.ts')).check(v.rules, v.json);
    case 'test':
      (await import('./commands/test.ts')).runTests(v.rules, v.json);
      return;
    case 'explain': {
      const args = {
        rulesDir: v.rules, url: onePositional('explain', rest, 'URL'), at: v.at, group: v.group, managed: v.managed,
        breakFrom: v['break-from'], breakMinutes: int('break-minutes', v['break-minutes']), extraLists: v['extra-lists'], json: v.json,
      };
      if (v.download) return (await import('./commands/explain-download.ts')).explainDownload({ ...args, mime: v.mime, filename: v.filename });
      if (v.mime !== undefined || v.filename !== undefined) throw new UsageError('--mime and --filename go with --download');
      return (await import('./commands/explain.ts')).explain(args);
    }
    case 'import-ut1':
      (await import('./commands/import-ut1.ts')).importUt1(onePositional('import-ut1', rest, 'folder'), required('map', v.map), required('out', v.out), v.json);
      return;
    case 'import-holidays':
      (await import('./commands/import-holidays.ts')).importHolidays(onePositional('import-holidays', rest, 'file'), v.rules, v.json);
      return;
    case 'build':
      return (await import('./commands/build.ts')).build({
        rulesDir: v.rules, out: required('out', v.out), keyFile: required('key', v.key), serial: int('serial', v.serial),
        issuedAt: v['issued-at'], validDays: int('valid-days', v['valid-days']), extraLists: v['extra-lists'],
        chunkCoding: v['chunk-coding'], json: v.json,
      });
    case 'verify': {
      const fromFiles = (v['trusted-key-file'] ?? []).map((f) => {
        try {
          return readFileSync(f, 'utf8').trim();
        } catch {
          throw new CliError(`cannot read ${f}`);
        }
      });
      return (await import('./commands/verify.ts')).verify({
        source: onePositional('verify', rest, 'bundle folder or URL'), trustedKeys: [...(v['trusted-key'] ?? []), ...fromFiles],
        minSerial: int('min-serial', v['min-serial']), at: v.at, json: v.json,
      });
    }
    case 'serve':
      if (rest.length > 0) throw new UsageError('serve takes no arguments, only options');
      return (await import('./commands/serve.ts')).serve({
        host: v.host, port: int('port', v.port), bundle: v.bundle, data: v.data, store: v.store,
        reportTokenFile: v['report-token-file'], adminPasswordFile: v['admin-password-file'], smtp: v.smtp,
        mailFrom: v['mail-from'], helpdeskEmail: v['helpdesk-email'], webhook: v.webhook,
        rateLimit: int('rate-limit', v['rate-limit']), trustedProxies: v['trusted-proxy'] ?? [], retrySeconds: int('retry-seconds', v['retry-seconds']),
        tlsCert: v['tls-cert'], tlsKey: v['tls-key'], checkinRetentionDays: int('checkin-retention-days', v['checkin-retention-days']),
      });
    case 'deploy':
      if (rest.length > 0) throw new UsageError('deploy takes no arguments, only --config FILE --out DIR');
      return (await import('./commands/deploy.ts')).deploy({ configFile: required('config', v.config), out: required('out', v.out), json: v.json, test: v.test });
    default:
      throw new UsageError(`unknown command "${command}" (see aup --help)`);
  }
}

/** Run the CLI; returns the exit code. Errors print one clear line to stderr. */
export async function main(argv: string[]): Promise<number> {
  try {
    await run(argv);
    return 0;
  } catch (error) {
    if (error instanceof RulesError) {
      console.error(`aup: ${error.message}`);
      return 1;
    }
    if (error instanceof CliError) {
      console.error(error instanceof UsageError ? `aup: ${error.message}\n(see aup --help)` : `aup: ${error.message}`);
      return error.exitCode;
    }
    console.error(`aup: unexpected error: ${(error as Error).stack ?? error}`);
    return 1;
  }
}
