import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { BUILD_INFO_FILE, CHROME_DEV_ID, CHROME_DEV_KEY, DEVELOPMENT_BUNDLE_KEY, DEVELOPMENT_POLICY_URL, DEVELOPMENT_PUBLIC_KEY_FILE } from '../../src/config/development-build.ts';
import { crx3, extensionIdOf, publicKeyDer, readCrx3, readPackagingKey } from '../../src/cli/package/crx3.ts';
import { releaseProblems } from '../../src/cli/package/release-check.ts';
import { unzip, zip, type ZipEntry } from '../../src/cli/package/zip.ts';
import { manifestFor } from '../../manifest.config.ts';

const ROOT = join(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const DEV_PEM = readFileSync(join(ROOT, 'tests/fixtures/dev-extension-key.pem'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'aup-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const entry = (name: string, text: string): ZipEntry => ({ name, data: Buffer.from(text) });
const info = (profile: string, policyUrl: string | null = null) => entry(BUILD_INFO_FILE, JSON.stringify({ profile, version: VERSION, policyUrl }));
const chromeManifest = (extra: object = {}) => entry('manifest.json', JSON.stringify({ manifest_version: 3, version: VERSION, background: { service_worker: 'sw.js' }, ...extra }));
const firefoxManifest = () => entry('manifest.json', JSON.stringify({ manifest_version: 3, version: VERSION, background: { scripts: ['bg.js'] }, browser_specific_settings: { gecko: { id: 'aup-guard@aup-guard.example' } } }));
const releaseChrome = () => [chromeManifest(), info('release'), entry('sw.js', 'console.log("release")'), entry('icons/a.png', '\x89PNG')];

function aup(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/aup.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('reproducible zips', () => {
  it('the same files in any order give the same bytes, with fixed times, and read back with their CRCs', () => {
    const files = [entry('b/two.js', 'x'.repeat(5000)), entry('a.json', '{}'), entry('ü.txt', 'name in UTF-8')];
    const one = zip(files);
    expect(zip([...files].reverse())).toEqual(one);
    expect(unzip(one).map((e) => e.name)).toEqual(['a.json', 'b/two.js', 'ü.txt']);
    expect(unzip(one).find((e) => e.name === 'b/two.js')!.data.toString()).toBe('x'.repeat(5000));
    expect(one.readUInt16LE(10)).toBe(0); // time
    expect(one.readUInt16LE(12)).toBe(0x21); // 1980-01-01
    const broken = Buffer.from(one);
    broken[40] = broken[40]! ^ 0xff;
    expect(() => unzip(broken)).toThrow();
    expect(() => zip([entry('../escape', '')])).toThrow(/safe name/);
  });
});

describe('CRX3', () => {
  it('derives the id Chromium derives: the development key gives the development id', () => {
    expect(extensionIdOf(publicKeyDer(readPackagingKey(DEV_PEM)))).toBe(CHROME_DEV_ID);
    // And the manifest key of development builds is that key's public half.
    expect(publicKeyDer(readPackagingKey(DEV_PEM)).toString('base64')).toBe(CHROME_DEV_KEY);
  });

  it('is signed over the header data and zip, reads back, is the same bytes every time, and a changed byte fails', () => {
    const key = readPackagingKey(DEV_PEM);
    const payload = zip(releaseChrome());
    const { crx, id } = crx3(payload, key);
    expect(crx.subarray(0, 4).toString()).toBe('Cr24');
    expect(crx.readUInt32LE(4)).toBe(3);
    expect(readCrx3(crx)).toEqual({ id, zip: payload });
    expect(crx3(payload, key).crx).toEqual(crx);
    const tampered = Buffer.from(crx);
    tampered[tampered.length - 30] = tampered[tampered.length - 30]! ^ 1;
    expect(() => readCrx3(tampered)).toThrow(/does not verify/);
  });

  it('refuses a packaging key that is not RSA of at least 2048 bits', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(() => readPackagingKey(ec)).toThrow(/RSA/);
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(() => readPackagingKey(small)).toThrow(/2048/);
  });
});

describe('release builds only', () => {
  it('the development markers are the ones the development build uses', () => {
    expect(readFileSync(join(ROOT, DEVELOPMENT_PUBLIC_KEY_FILE), 'utf8').trim()).toBe(DEVELOPMENT_BUNDLE_KEY);
    expect(DEVELOPMENT_POLICY_URL).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  it('only a development build\'s manifest has a key', () => {
    const release = manifestFor('chrome', 'release') as unknown as Record<string, unknown>;
    const development = manifestFor('chrome', 'development') as unknown as Record<string, unknown>;
    expect(release).not.toHaveProperty('key');
    expect(development.key).toBe(CHROME_DEV_KEY);
  });

  it('accepts a release build and names each development trace', () => {
    expect(releaseProblems('chrome', releaseChrome(), VERSION)).toEqual([]);
    expect(releaseProblems('firefox', [firefoxManifest(), info('release')], VERSION)).toEqual([]);
    expect(releaseProblems('chrome', [chromeManifest(), info('development', DEVELOPMENT_POLICY_URL)], VERSION).join('\n')).toMatch(/a development build[\s\S]*embeds the policy URL http:\/\/127/);
    expect(releaseProblems('chrome', [chromeManifest({ key: CHROME_DEV_KEY }), info('release')], VERSION).join('\n')).toMatch(/has a "key"[\s\S]*development extension key/);
    expect(releaseProblems('chrome', [chromeManifest(), info('release'), entry('assets/x.js', `const k = "${DEVELOPMENT_BUNDLE_KEY}"`)], VERSION)).toEqual(['assets/x.js contains the development bundle key']);
    expect(releaseProblems('chrome', [chromeManifest(), entry('sw.js', '')], VERSION).join()).toMatch(/no aup-build\.json/);
    expect(releaseProblems('chrome', [chromeManifest(), info('release')], '9.9.9').join()).toMatch(/version .* package\.json says 9\.9\.9/);
    expect(releaseProblems('firefox', [chromeManifest(), info('release')], VERSION).join()).toMatch(/Firefox add-on id/);
    expect(releaseProblems('chrome', [chromeManifest(), info('release', 'http://policy.aup-guard.test/m.json')], VERSION).join()).toMatch(/embeds the policy URL/);
  });
});

describe('aup keygen --packaging and aup package', () => {
  const dist = join(work, 'dist');
  const write = (dir: string, files: ZipEntry[]) => {
    for (const f of files) {
      mkdirSync(join(dir, f.name, '..'), { recursive: true });
      writeFileSync(join(dir, f.name), f.data);
    }
  };
  write(join(dist, 'chrome'), releaseChrome());
  write(join(dist, 'chrome', '_metadata'), [entry('verified_contents.json', '{}')]);
  write(join(dist, 'firefox'), [firefoxManifest(), info('release'), entry('bg.js', '1')]);

  it('makes a key, packages reproducibly, and says the id the key gives', () => {
    const keys = join(work, 'keys');
    const made = aup('keygen', '--packaging', '--out', keys, '--json');
    expect(made.code, made.err).toBe(0);
    const { extensionId, packagingKeyFile } = JSON.parse(made.out) as { extensionId: string; packagingKeyFile: string };
    expect((readdirSync(keys))).toEqual([`aup-packaging-${extensionId}.pem`]);
    const runs = ['one', 'two'].map((n) => {
      const r = aup('package', '--dist', dist, '--key', packagingKeyFile, '--out', join(work, n), '--crx-url', 'https://aup.anytown.gov.uk/ext/aup-guard.crx', '--json');
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out) as { chromeId: string; firefoxId: string; files: Record<string, { sha256: string }> };
    });
    expect(runs[0]!.chromeId).toBe(extensionId);
    expect(runs[0]!.firefoxId).toBe('aup-guard@aup-guard.example');
    const names = [`aup-guard-${VERSION}.crx`, `aup-guard-${VERSION}-chrome.zip`, `aup-guard-${VERSION}.xpi`, 'updates.xml'];
    expect(Object.keys(runs[0]!.files).sort()).toEqual([...names].sort());
    for (const name of [...names, 'release.json']) expect(readFileSync(join(work, 'two', name)), name).toEqual(readFileSync(join(work, 'one', name)));
    const crx = readFileSync(join(work, 'one', names[0]!));
    expect(createHash('sha256').update(crx).digest('hex')).toBe(runs[0]!.files[names[0]!]!.sha256);
    const inside = unzip(readCrx3(crx).zip).map((e) => e.name);
    expect(inside).toEqual(['aup-build.json', 'icons/a.png', 'manifest.json', 'sw.js']);
    expect(unzip(readFileSync(join(work, 'one', names[2]!))).map((e) => e.name)).toEqual(['aup-build.json', 'bg.js', 'manifest.json']);
    const update = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(join(work, 'one', 'updates.xml'), 'utf8'));
    expect(update.gupdate.app).toEqual({ appid: extensionId, updatecheck: { codebase: 'https://aup.anytown.gov.uk/ext/aup-guard.crx', version: VERSION } });
  });

  it('refuses a development build, and a key that is not one', () => {
    const devDist = join(work, 'dev-dist');
    cpSync(dist, devDist, { recursive: true });
    writeFileSync(join(devDist, 'chrome', BUILD_INFO_FILE), JSON.stringify({ profile: 'development', version: VERSION, policyUrl: DEVELOPMENT_POLICY_URL }));
    const key = join(work, 'dev.pem');
    writeFileSync(key, DEV_PEM);
    const r = aup('package', '--dist', devDist, '--key', key, '--out', join(work, 'never'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not a release build for council devices[\s\S]*a development build/);
    const notKey = aup('package', '--dist', dist, '--key', join(ROOT, 'package.json'), '--out', join(work, 'never'));
    expect(notKey.code).toBe(1);
    expect(notKey.err).toMatch(/cannot use .* as the packaging key/);
    // A release build signed with the development key (public in the repository): refused too.
    const devKeyed = aup('package', '--dist', dist, '--key', key, '--out', join(work, 'never'));
    expect(devKeyed.code).toBe(1);
    expect(devKeyed.err).toMatch(/development extension key/);
    expect(existsSync(join(work, 'never'))).toBe(false);
  });
});
