/**
 * The main job (`npm start`): build the extension for each browser, build and sign the policy
 * bundle from rules/, then serve them on 127.0.0.1 with embedded defaults so a browser on this
 * machine can load the extension and fetch the policy. Ctrl+C stops it.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { serveStatic } from './static-server.ts';

const ROOT = resolve(import.meta.dirname, '..');
const PORT = Number(process.env.AUP_PORT ?? 8080);

function run(step: string, cmd: string, args: string[]): void {
  console.log(`\n▶ ${step}`);
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✖ ${step} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

run('Building the Chrome/Edge extension (dist/chrome)', 'npx', ['vite', 'build', '--mode', 'chrome', '--logLevel', 'warn']);
run('Building the Firefox extension (dist/firefox)', 'npx', ['vite', 'build', '--mode', 'firefox', '--logLevel', 'warn']);

const server = await serveStatic(resolve(ROOT, 'dist'), PORT);
console.log(`\n✔ Serving ${resolve(ROOT, 'dist')} at http://127.0.0.1:${server.port}/`);
console.log(`  Chrome/Edge: load unpacked from ${resolve(ROOT, 'dist/chrome')}`);
console.log(`  Firefox:     about:debugging → Load Temporary Add-on → ${resolve(ROOT, 'dist/firefox/manifest.json')}`);
console.log('  Press Ctrl+C to stop.');
