/**
 * The main job (`npm start`): build the extension for each browser, build and sign the policy
 * bundle from rules/, then serve them on 127.0.0.1 with embedded defaults so a browser on this
 * machine can load the extension and fetch the policy, and start the report server and ICT
 * inbox (`aup serve`, development defaults: .aup-data/, mail to the console). Ctrl+C stops both.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from './static-server.ts';

const ROOT = resolve(import.meta.dirname, '..');
const PORT = Number(process.env.AUP_PORT ?? 8080);
const REPORT_PORT = Number(process.env.AUP_REPORT_PORT ?? 8081);

function run(step: string, cmd: string, args: string[], env: Record<string, string> = {}): void {
  console.log(`\n▶ ${step}`);
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${step} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

const AUP = [resolve(ROOT, 'bin/aup.mjs')];
const DATA = resolve(ROOT, '.aup-data');

/**
 * One report token for the development build and the report server, so a report filed in the
 * browser reaches the inbox: the file `aup serve` keeps its development secrets in (same shape;
 * src/cli/commands/serve.ts), made here first when it does not exist yet.
 */
function developmentReportToken(): string {
  if (process.env.AUP_REPORT_TOKEN) return process.env.AUP_REPORT_TOKEN;
  const file = join(DATA, 'development-secrets.json');
  if (!existsSync(file)) {
    mkdirSync(DATA, { recursive: true });
    const secrets = { reportToken: randomBytes(24).toString('base64url'), adminPassword: randomBytes(12).toString('base64url') };
    writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  }
  return (JSON.parse(readFileSync(file, 'utf8')) as { reportToken: string }).reportToken;
}
const DEV_KEY = resolve(ROOT, 'tests/fixtures/keys/dev.private.jwk.json');

run('Checking the policy (aup check)', process.execPath, [...AUP, 'check']);
run('Testing the policy against ICT\'s expectations (aup test)', process.execPath, [...AUP, 'test']);
// A development build: it trusts this server and the development key (its pages say so).
const DEVELOPMENT = { AUP_BUILD_PROFILE: 'development', AUP_DEV_REPORT_TOKEN: developmentReportToken() };
run('Building the Chrome/Edge extension (dist/chrome, development build)', 'npx', ['vite', 'build', '--mode', 'chrome', '--logLevel', 'warn'], DEVELOPMENT);
run('Building the Firefox extension (dist/firefox, development build)', 'npx', ['vite', 'build', '--mode', 'firefox', '--logLevel', 'warn'], DEVELOPMENT);
// Issued now, so the local bundle is fresh; a release build passes its own --issued-at.
run('Building and signing the policy bundle (dist/policy) with the development key', process.execPath, [
  ...AUP, 'build', '--key', DEV_KEY, '--out', resolve(ROOT, 'dist/policy'), '--issued-at', new Date().toISOString(),
]);

/** `aup serve` as its own process (scripts never import the CLI): resolves with what it printed once it listens. */
function startReportServer(): Promise<string> {
  console.log('\n▶ Starting the report server and ICT inbox (aup serve, development defaults)');
  const child = spawn(process.execPath, [...AUP, 'serve', '--port', String(REPORT_PORT), '--bundle', resolve(ROOT, 'dist/policy'), '--data', DATA], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.on('exit', () => child.kill('SIGTERM'));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
  return new Promise((ok, fail) => {
    let out = '';
    let ready = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (ready) return void process.stdout.write(chunk);
      const first = !out.includes('listening on');
      out += chunk.toString();
      // It prints its summary (addresses, development secrets) right after listening.
      if (first && out.includes('listening on')) setTimeout(() => ((ready = true), ok(out)), 300);
    });
    child.once('exit', (code) => fail(new Error(`aup serve stopped (exit ${code})`)));
  });
}

const server = await serveStatic(resolve(ROOT, 'dist'), PORT);
const reportServer = await startReportServer().catch((error: Error) => {
  console.error(`✖ ${error.message}`);
  process.exit(1);
});
console.log(`\n✔ Serving ${resolve(ROOT, 'dist')} at http://127.0.0.1:${server.port}/`);
console.log(`  Policy bundle: http://127.0.0.1:${server.port}/policy/manifest.json (the extension's built-in default)`);
console.log(`  Chrome/Edge: load unpacked from ${resolve(ROOT, 'dist/chrome')}`);
console.log(`  Firefox:     about:debugging → Load Temporary Add-on → ${resolve(ROOT, 'dist/firefox/manifest.json')}`);
console.log(`\n✔ Report server and ICT inbox (aup serve):\n${reportServer.trimEnd().split('\n').map((l) => `  ${l.trim()}`).join('\n')}`);
console.log('  Press Ctrl+C to stop.');
