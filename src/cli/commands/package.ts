import { CHROME_DEV_ID } from '../../config/development-build.ts';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { POLICY_URL_PATTERN } from '../../config/device-config.ts';
import { updateManifest } from '../../deploy/update-manifest.ts';
import { crx3, readCrx3, readPackagingKey } from '../package/crx3.ts';
import { releaseProblems, type ReleaseTarget } from '../package/release-check.ts';
import { unzip, zip, type ZipEntry } from '../package/zip.ts';
import { CliError, UsageError } from '../errors.ts';

/**
 * `aup package`: the release builds in dist/ made into what ICT hosts and deploys —
 *  - aup-guard-<version>.crx: Chrome and Edge, signed with ICT's packaging key (its id printed);
 *  - updates.xml: the update manifest for self-hosting (with --crx-url, where the CRX will be);
 *  - aup-guard-<version>-chrome.zip: for the Chrome Web Store, the Edge Add-ons store or a manual install;
 *  - aup-guard-<version>.xpi: Firefox (unsigned: ESR only, or submit it to Mozilla for signing);
 *  - release.json: version, ids and SHA-256 of each file.
 * Same inputs, same bytes (zip.ts; RSA PKCS#1 v1.5 signatures are deterministic).
 */
export type PackageArgs = { dist: string; keyFile: string; out: string; crxUrl: string | undefined; json: boolean };

const ROOT = resolve(import.meta.dirname, '../../..');

/** Every file of a build, named as in the package; Chrome's own `_metadata` (written when a build is loaded unpacked) left out. */
function buildFiles(dir: string): ZipEntry[] {
  const out: ZipEntry[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      const rel = relative(dir, path).split(sep).join('/');
      if (rel === '_metadata') continue;
      if (statSync(path).isDirectory()) walk(path);
      else out.push({ name: rel, data: readFileSync(path) });
    }
  };
  walk(dir);
  return out;
}

function release(dist: string, target: ReleaseTarget, version: string): ZipEntry[] {
  const dir = join(dist, target);
  if (!existsSync(join(dir, 'manifest.json'))) throw new CliError(`no ${target} build in ${dir}: run npm run build first`);
  const files = buildFiles(dir);
  const problems = releaseProblems(target, files, version);
  if (problems.length > 0) throw new CliError(`${dir} is not a release build for council devices:\n  ${problems.join('\n  ')}`);
  return files;
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

export function packageRelease(args: PackageArgs): void {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  if (args.crxUrl !== undefined && !POLICY_URL_PATTERN.test(args.crxUrl)) throw new UsageError(`--crx-url must be an https URL (http only for 127.0.0.1, localhost or a .test name): ${args.crxUrl}`);
  let key;
  try {
    key = readPackagingKey(readFileSync(args.keyFile, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot use ${args.keyFile} as the packaging key: ${(error as Error).message} (make one with aup keygen --packaging --out DIR)`);
  }
  const chrome = release(args.dist, 'chrome', version);
  const firefox = release(args.dist, 'firefox', version);
  const chromeZip = zip(chrome);
  const { crx, id } = crx3(chromeZip, key);
  // The development key's private half is in the repository: anyone could publish an "update".
  if (id === CHROME_DEV_ID) throw new CliError(`${args.keyFile} is the development extension key (id ${CHROME_DEV_ID}), whose private half is public: make ICT's own with aup keygen --packaging --out DIR`);
  // Read back as Chrome will: a CRX that does not verify must never be published.
  if (readCrx3(crx).id !== id || unzip(readCrx3(crx).zip).length !== chrome.length) throw new CliError('the CRX just written does not read back');
  const geckoId = (JSON.parse(new TextDecoder().decode(firefox.find((f) => f.name === 'manifest.json')!.data)) as { browser_specific_settings: { gecko: { id: string } } }).browser_specific_settings.gecko.id;
  const outputs: [string, Buffer | string][] = [
    [`aup-guard-${version}.crx`, crx],
    [`aup-guard-${version}-chrome.zip`, chromeZip],
    [`aup-guard-${version}.xpi`, zip(firefox)],
  ];
  if (args.crxUrl) outputs.push(['updates.xml', updateManifest(id, version, args.crxUrl)]);
  const summary = {
    version,
    chromeId: id,
    firefoxId: geckoId,
    updateManifest: args.crxUrl ? { file: 'updates.xml', crxUrl: args.crxUrl } : null,
    files: Object.fromEntries(outputs.map(([name, bytes]) => [name, { sha256: sha256(bytes), bytes: Buffer.byteLength(bytes) }])),
  };
  outputs.push(['release.json', JSON.stringify(summary, null, 2) + '\n']);
  mkdirSync(args.out, { recursive: true });
  for (const [name, bytes] of outputs) writeFileSync(join(args.out, name), bytes);
  if (args.json) {
    console.log(JSON.stringify({ out: args.out, ...summary }));
    return;
  }
  console.log(`AUP Guard ${version} packaged in ${args.out}`);
  console.log(`Chrome/Edge extension id: ${id}   (deployment file: extension.chromeId)`);
  console.log(`Firefox add-on id:        ${geckoId}   (extension.firefoxId)`);
  for (const [name] of outputs) console.log(`  ${name}`);
  if (!args.crxUrl) console.log('No updates.xml: give --crx-url with the address the CRX will have, to self-host it for force-install.');
  else if (!args.crxUrl.startsWith('https://')) console.log(`Warning: not for council devices, ${args.crxUrl} is a test-only address (plain http).`);
}
