import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, DEV_PRIVATE, DEV_PUBLIC } from './support/bundle-fixture.ts';

/** Run the real `aup` command, as ICT would. */
function aup(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/aup.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function explain(url: string, ...more: string[]) {
  const r = aup('explain', url, '--rules', rulesDir, '--json', ...more);
  expect(r.err).toBe('');
  return JSON.parse(r.out) as { action: string; categories: string[]; host: string; mode: string; rule: string };
}

let work: string;
let rulesDir: string;
const IDN_UNICODE = 'glücksspiel-beispiel.example';
const IDN_PUNY = 'xn--glcksspiel-beispiel-69b.example';

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'aup-cli-'));
  // A copy of rules/ with one IDN host added to gambling (the curated lists hold none).
  rulesDir = join(work, 'rules');
  cpSync(join(ROOT, 'rules'), rulesDir, { recursive: true });
  const file = join(rulesDir, 'categories/gambling.txt');
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const comments = lines.filter((l) => l.startsWith('#'));
  const hosts = [...lines.filter((l) => l && !l.startsWith('#')), IDN_PUNY].sort();
  writeFileSync(file, [...comments, ...hosts].join('\n') + '\n');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('aup CLI', () => {
  it('prints help and rejects unknown commands with exit 2', () => {
    expect(aup('--help').out).toMatch(/Usage: aup <command>/);
    const bad = aup('frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown command "frobnicate"/);
  });

  it('check and test succeed on rules/', () => {
    expect(aup('check').code).toBe(0);
    const t = aup('test');
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/\d+ passed, 0 failed/);
  });

  it('test fails with exit 1 when an expectation is wrong', () => {
    writeFileSync(join(rulesDir, 'tests/zz-wrong.yaml'), 'cases:\n  - name: wrong on purpose\n    url: https://bet365.com/\n    at: "2026-11-24T10:00"\n    group: office\n    expect: { action: allow }\n');
    const t = aup('test', '--rules', rulesDir);
    rmSync(join(rulesDir, 'tests/zz-wrong.yaml'));
    expect(t.code).toBe(1);
    expect(t.out).toMatch(/✖ zz-wrong.yaml: wrong on purpose/);
  });

  it('check reports a broken policy with the path of the problem', () => {
    const broken = join(work, 'broken');
    cpSync(rulesDir, broken, { recursive: true });
    const policy = readFileSync(join(broken, 'policy.yaml'), 'utf8').replace('gambling: prohibited', 'gambling: forbidden');
    writeFileSync(join(broken, 'policy.yaml'), policy);
    const r = aup('check', '--rules', broken);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/groups\.[a-z-]+\.categories\.gambling: unknown action set "forbidden"/);
  });

  it('check warns about a text left without Welsh once others have it, and that the bundle needs format 3', () => {
    expect(aup('check').out, 'the shipped rules give Welsh for every text').not.toMatch(/no Welsh text/);
    const partly = join(work, 'partly-welsh');
    cpSync(rulesDir, partly, { recursive: true });
    const policy = readFileSync(join(partly, 'policy.yaml'), 'utf8').replace(/ {2}title:\n {4}en: "Internet Acceptable Use Policy"\n {4}cy: "[^"]*"/, '  title: Internet Acceptable Use Policy');
    writeFileSync(join(partly, 'policy.yaml'), policy);
    const r = aup('check', '--rules', partly);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/warning: aup\.title: no Welsh text \(cy\) while other texts have one/);
    expect(r.out).toMatch(/needs compiled format 3/);
  });

  it('explain finds a listed host however the URL is written', () => {
    const at = ['--at', '2026-11-24T10:00'];
    for (const url of [
      'https://WWW.Bet365.COM./x',
      'https://user:secret@www.bet365.com/',
      'https://www.bet365.com:8443/path?q=1',
      `https://${IDN_UNICODE}/`,
      `https://${IDN_PUNY}/`,
      `https://WWW.${IDN_UNICODE.toUpperCase()}./`,
    ]) {
      const d = explain(url, ...at);
      expect(d.action, url).toBe('block');
      expect(d.categories, url).toEqual(['gambling']);
    }
  });

  it('explain follows the time: social media at work and at lunch', () => {
    expect(explain('https://www.facebook.com/', '--at', '2026-11-24T10:00')).toMatchObject({ action: 'block', mode: 'work' });
    expect(explain('https://www.facebook.com/', '--at', '2026-11-24T12:45')).toMatchObject({ action: 'allow-banner', mode: 'break' });
    expect(explain('https://www.facebook.com/', '--at', '2026-11-24T12:45Z')).toMatchObject({ mode: 'break' });
  });

  it('explain says what happens before the AUP is accepted: the welcome page, except blocked sites and the AUP document', () => {
    expect(explain('https://www.example.gov.uk/', '--at', '2026-11-24T10:00')).toMatchObject({ action: 'allow', beforeAcceptance: 'welcome' });
    expect(explain('https://www.bet365.com/', '--at', '2026-11-24T10:00')).toMatchObject({ action: 'block', beforeAcceptance: null });
    expect(explain('https://intranet.example.gov.uk/policies/internet-acceptable-use', '--at', '2026-11-24T10:00')).toMatchObject({ beforeAcceptance: null });
  });

  it('explain allows an unlisted host and refuses a non-web URL clearly', () => {
    expect(explain('https://www.example.gov.uk/', '--at', '2026-11-24T10:00')).toMatchObject({ action: 'allow', rule: 'unlisted', categories: [] });
    const r = aup('explain', 'javascript:alert(1)');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot explain/);
  });

  it('build is deterministic and verify accepts it; verify rejects a tampered copy', () => {
    const a = join(work, 'a');
    const b = join(work, 'b');
    expect(aup('build', '--key', DEV_PRIVATE, '--out', a, '--issued-at', '2026-11-20T00:00:00Z').code).toBe(0);
    expect(aup('build', '--key', DEV_PRIVATE, '--out', b, '--issued-at', '2026-11-20T00:00:00Z').code).toBe(0);
    const files = (d: string) => [...readdirSync(join(d, 'chunks')).map((f) => `chunks/${f}`), 'manifest.json'].sort();
    expect(files(a)).toEqual(files(b));
    for (const f of files(a)) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);

    const ok = aup('verify', a, '--trusted-key', DEV_PUBLIC, '--at', '2026-11-21T00:00:00Z', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, serial: 1 });

    expect(aup('verify', a, '--trusted-key', DEV_PUBLIC, '--at', '2027-01-01T00:00:00Z').err).toMatch(/expired/);
    expect(aup('verify', a, '--trusted-key', DEV_PUBLIC, '--at', '2026-11-21T00:00:00Z', '--min-serial', '2').err).toMatch(/rollback/);
    const chunk = readdirSync(join(a, 'chunks'))[0]!;
    const bytes = readFileSync(join(a, 'chunks', chunk));
    bytes[0] = bytes[0]! ^ 1;
    writeFileSync(join(a, 'chunks', chunk), bytes);
    const bad = aup('verify', a, '--trusted-key', DEV_PUBLIC, '--at', '2026-11-21T00:00:00Z');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/rejected: chunk-hash-mismatch/);
  });

  it('keygen writes a usable key pair', () => {
    const dir = join(work, 'keys');
    const r = aup('keygen', '--out', dir, '--json');
    expect(r.code).toBe(0);
    const k = JSON.parse(r.out);
    expect(k.publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(existsSync(k.privateKeyFile)).toBe(true);
  });
});
