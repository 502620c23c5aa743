import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_FIREFOX, ROOT } from './paths.ts';

const OUT = join(ROOT, '.cache/xpi');
const XPI = join(OUT, 'aup-guard.xpi');

/** Pack dist/firefox into an XPI with web-ext (rebuilt when the build is newer). */
export async function buildXpi(): Promise<string> {
  const manifest = join(DIST_FIREFOX, 'manifest.json');
  if (!existsSync(XPI) || statSync(XPI).mtimeMs < statSync(manifest).mtimeMs) {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/web-ext/bin/web-ext.js'), 'build', '--source-dir', DIST_FIREFOX, '--artifacts-dir', OUT, '--overwrite-dest', '--filename', 'aup-guard.xpi'], { stdio: 'ignore' });
  }
  return XPI;
}
