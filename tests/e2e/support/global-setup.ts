import { existsSync } from 'node:fs';
import { assertBuilt, CHROMIUM, DIST_CHROME, DIST_FIREFOX, FIREFOX } from './paths.ts';
import { removeLeftoverPolicy, SYSTEM_TESTS } from './chromium-policy.ts';

export default function setup(): void {
  assertBuilt(DIST_CHROME);
  assertBuilt(DIST_FIREFOX);
  // A run killed during the force-install test could leave its policy behind, which would make
  // every later Chromium here managed. The file is ours alone (see chromium-policy.ts).
  if (SYSTEM_TESTS) {
    removeLeftoverPolicy();
  }
  for (const bin of [CHROMIUM, FIREFOX]) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run setup\` (it installs Debian's chromium and firefox-esr).`);
  }
}
