import { POLICY_URL_PATTERN } from '../../config/device-config.ts';
import { BUILD_INFO_FILE, CHROME_DEV_KEY, DEVELOPMENT_BUNDLE_KEY, DEVELOPMENT_POLICY_URL, DEVELOPMENT_REPORT_ENDPOINT, type BuildInfo } from '../../config/development-build.ts';
import type { ZipEntry } from './zip.ts';

/**
 * Only a release build is packaged for council devices. A development build (`npm start`,
 * AUP_BUILD_PROFILE=development) trusts a local server and a key whose private half is in the
 * repository, and carries the development extension key: any of them on a device would let
 * anyone who has the repository publish policy to it. Checked on the files themselves, so a
 * build that lost its build record, or was edited by hand, is caught as well.
 */
export type ReleaseTarget = 'chrome' | 'firefox';

const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Text that only a development build contains. */
const DEVELOPMENT_MARKERS: [string, string][] = [
  [DEVELOPMENT_POLICY_URL, 'the development policy URL'],
  [DEVELOPMENT_REPORT_ENDPOINT, 'the development report server'],
  [DEVELOPMENT_BUNDLE_KEY, 'the development bundle key'],
  [CHROME_DEV_KEY, 'the development extension key'],
];

/** Problems that stop packaging, each saying what to do; none for a release build of this version. */
export function releaseProblems(target: ReleaseTarget, files: ZipEntry[], version: string): string[] {
  const problems: string[] = [];
  const file = (name: string) => files.find((f) => f.name === name);
  const manifestFile = file('manifest.json');
  if (!manifestFile) return [`no manifest.json: build it first (npm run build)`];
  const manifest = JSON.parse(utf8(manifestFile.data)) as Record<string, unknown>;
  const infoFile = file(BUILD_INFO_FILE);
  if (!infoFile) problems.push(`no ${BUILD_INFO_FILE}: not a build of this version of AUP Guard (npm run build)`);
  else {
    const info = JSON.parse(utf8(infoFile.data)) as BuildInfo;
    if (info.profile !== 'release') problems.push(`a ${info.profile} build: build a release (npm run build, without AUP_BUILD_PROFILE=development)`);
    if (info.policyUrl !== null && !(POLICY_URL_PATTERN.test(info.policyUrl) && info.policyUrl.startsWith('https://'))) {
      problems.push(`it embeds the policy URL ${info.policyUrl}: a release for council devices embeds an https URL or none (AUP_POLICY_URL)`);
    }
  }
  if (manifest.version !== version) problems.push(`the build is version ${String(manifest.version)}, package.json says ${version}: build again (npm run build)`);
  if ('key' in manifest) problems.push('its manifest has a "key" (only development builds pin their id so): the id comes from the packaging key');
  if (target === 'firefox') {
    const gecko = (manifest.browser_specific_settings as { gecko?: { id?: string } } | undefined)?.gecko?.id;
    if (!gecko) problems.push('no Firefox add-on id (browser_specific_settings.gecko.id): is this the Firefox build?');
  } else if (!(manifest.background as { service_worker?: string } | undefined)?.service_worker) {
    problems.push('no service worker: is this the Chrome build?');
  }
  for (const f of files) {
    if (!/\.(js|json|html|css|txt)$/.test(f.name)) continue;
    const content = utf8(f.data);
    for (const [marker, what] of DEVELOPMENT_MARKERS) if (content.includes(marker)) problems.push(`${f.name} contains ${what}`);
  }
  return problems;
}
