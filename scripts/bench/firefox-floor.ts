/**
 * `npm run bench -- firefox-floor`: how soon plain Firefox ESR — no extension, no WebDriver, no
 * harness at all — asks for its start-up URL after being spawned. It is the floor under issue
 * 14's "block page within 1.5 s of launch": `npm run bench -- firefox` times launch → block page
 * over WebDriver BiDi, whose own connection is ready only ~2.5 s after launch here, so this
 * measures the browser alone: spawn → the test server sees the request for the start-up URL.
 * Eleven starts of one profile (the first creates it and is not counted). About 40 s.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { HARNESS_PREFS } from '../../tests/e2e/support/firefox.ts';
import { FIREFOX, tempDir } from '../../tests/e2e/support/paths.ts';
import { FIRST_RUN_PREFS } from './firefox-late-connect.ts';
import { median } from './measure.ts';

const STARTS = 10;
const TIMEOUT_MS = 30_000;

/** Hosts to the bench's server, plain http, and a fresh profile's first-run pages kept away. */
const PREFS = { ...HARNESS_PREFS, ...FIRST_RUN_PREFS };

export async function benchFirefoxFloor(): Promise<void> {
  const log = console.log;
  let seen: ((at: number) => void) | null = null;
  const server: Server = createServer((_request, response) => {
    seen?.(performance.now());
    response.end('<!doctype html><title>floor</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const profile = tempDir('firefox-floor');
  writeFileSync(join(profile.path, 'user.js'), Object.entries(PREFS).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n'));
  log(`\nPlain Firefox ESR start-up floor (${FIREFOX}, no extension, no WebDriver) — load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const times: number[] = [];
  try {
    for (let i = 0; i <= STARTS; i++) {
      const started = performance.now();
      const requested = new Promise<number | null>((resolve) => {
        seen = resolve;
        setTimeout(() => resolve(null), TIMEOUT_MS);
      });
      const firefox = spawn(FIREFOX, ['--headless', '--no-remote', '--profile', profile.path, `http://start-${i}.floor.test:${port}/`], { stdio: 'ignore' });
      const at = await requested;
      const exited = new Promise((resolve) => firefox.once('exit', resolve));
      firefox.kill('SIGTERM');
      await exited;
      const ms = at === null ? null : at - started;
      if (ms !== null && i > 0) times.push(ms);
      log(`   start ${i}: ${ms === null ? `no request within ${TIMEOUT_MS} ms` : `${ms.toFixed(0)} ms`}${i === 0 ? ' (creates the profile; not counted)' : ''}`);
    }
  } finally {
    server.close();
    profile.remove();
  }
  if (times.length === 0) {
    log('   no start asked for its URL: no figure');
    return;
  }
  const sorted = [...times].sort((a, b) => a - b);
  log(`   spawn → start-up URL requested: median ${median(times).toFixed(0)} ms (${sorted[0]!.toFixed(0)}–${sorted.at(-1)!.toFixed(0)}), n=${times.length}; issue 14's target for the block page: ≤ 1500 ms after launch`);
  log(`   load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
