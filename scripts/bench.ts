/**
 * `npm run bench`: every benchmark prints its figures beside its target and beside a baseline
 * measured in the same run (never a timed assertion in the tests).
 *   npm run bench                 all benchmarks
 *   npm run bench -- matcher      only the matcher (no browser needed)
 *   npm run bench -- wire         chunk bytes per host and decode time, today's format beside the candidates
 *   npm run bench -- enforcement  only the in-browser figures (builds the extension first if needed)
 *   npm run bench -- banner       only the personal-use banner's cost per page
 *   npm run bench -- safesearch   only the safe-search rules' cost on a non-search page (Chromium, Firefox ESR)
 *   npm run bench -- reports      only the report server (aup serve): stored reports/s, p50/p99
 *   npm run bench -- checkins     10,000 devices checking in at once: all stored? check-ins/s, p50/p99
 *   npm run bench -- fleet        10,000 devices pulling policy for a simulated week: bytes, requests, peaks
 *   npm run bench -- firefox      Firefox ESR with a 1M-host list: cold start to block page (beside plain Firefox and
 *                                 a floor add-on), allowed-page overhead (awake and suspended), bundle to enforced (5–8 min)
 *   npm run bench -- firefox-floor  plain Firefox ESR (no extension, no WebDriver): spawn → start-up URL requested
 *   npm run bench -- firefox-managed  AUP Guard installed by policy: allowed-page overhead after idle spells longer
 *                                 than Firefox's idle time. Needs AUP_SYSTEM_TESTS=1 (it writes /etc/firefox/policies
 *                                 for a moment; without it, it says so and does nothing) (~7–9 min)
 * The whole run (every one of them) took 22 minutes here (2 cores, 7 December 2026); issue 14's acceptance is read
 * from one such run.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const only = process.argv[2];

if (!only || only === 'matcher') {
  const { benchMatcher } = await import('./bench/matcher.ts');
  await benchMatcher();
}
if (!only || only === 'wire') {
  const { benchWire } = await import('./bench/wire.ts');
  await benchWire();
}
if (!only || only === 'enforcement') {
  if (!existsSync(resolve(ROOT, 'dist/chrome/manifest.json'))) {
    spawnSync('npx', ['vite', 'build', '--mode', 'chrome', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  }
  const { benchEnforcement } = await import('./bench/enforcement.ts');
  await benchEnforcement();
}
if (!only || only === 'banner') {
  if (!existsSync(resolve(ROOT, 'dist/chrome/manifest.json'))) {
    spawnSync('npx', ['vite', 'build', '--mode', 'chrome', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  }
  const { benchBanner } = await import('./bench/banner.ts');
  await benchBanner();
}
if (!only || only === 'safesearch') {
  if (!existsSync(resolve(ROOT, 'dist/chrome/manifest.json')) || !existsSync(resolve(ROOT, 'dist/firefox/manifest.json'))) {
    spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const { benchSafeSearch } = await import('./bench/safe-search.ts');
  await benchSafeSearch();
}
if (!only || only === 'reports') {
  const { benchReports } = await import('./bench/reports.ts');
  await benchReports();
}
if (!only || only === 'checkins') {
  const { benchCheckins } = await import('./bench/checkins.ts');
  await benchCheckins();
}
if (!only || only === 'fleet') {
  const { benchFleet } = await import('./bench/fleet.ts');
  await benchFleet();
}
if (!only || only === 'firefox-floor') {
  const { benchFirefoxFloor } = await import('./bench/firefox-floor.ts');
  await benchFirefoxFloor();
}
if (!only || only === 'firefox' || only === 'firefox-managed') {
  if (!existsSync(resolve(ROOT, 'dist/firefox/manifest.json'))) {
    spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
}
if (!only || only === 'firefox') {
  const { benchFirefox } = await import('./bench/firefox.ts');
  await benchFirefox();
}
if (!only || only === 'firefox-managed') {
  const { benchFirefoxManaged } = await import('./bench/firefox-managed.ts');
  await benchFirefoxManaged();
}
