import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const DIST_CHROME = join(ROOT, 'dist/chrome');
export const DIST_FIREFOX = join(ROOT, 'dist/firefox');
export const CHROMIUM = process.env.AUP_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX = process.env.AUP_FIREFOX ?? '/usr/bin/firefox-esr';

export function assertBuilt(dir: string): void {
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`No extension build in ${dir}: run \`npm run build\` first (npm test does).`);
  }
}

/** A temporary folder removed by the returned function. */
export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `aup-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }) };
}
