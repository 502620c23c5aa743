import { existsSync } from 'node:fs';
import { assertBuilt, CHROMIUM, DIST_CHROME, DIST_FIREFOX, FIREFOX } from './paths.ts';

export default function setup(): void {
  assertBuilt(DIST_CHROME);
  assertBuilt(DIST_FIREFOX);
  for (const bin of [CHROMIUM, FIREFOX]) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run setup\` (it installs Debian's chromium and firefox-esr).`);
  }
}
