import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from './support/bundle-fixture.ts';

/** Run the real `aup` command, as ICT would. */
function aup(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/aup.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let work: string;
/** A copy of rules/ with `edit` applied to one file; returns the folder. */
function rulesWith(name: string, file: string, edit: (text: string) => string): string {
  const dir = join(work, name);
  cpSync(join(ROOT, 'rules'), dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, edit(existsSync(path) ? readFileSync(path, 'utf8') : ''));
  return dir;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'aup-cli-downloads-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const AT = ['--at', '2026-11-24T10:00', '--group', 'office'];

function explainDownload(url: string, ...more: string[]) {
  const r = aup('explain', '--download', url, '--json', ...AT, ...more);
  expect(r.err).toBe('');
  return JSON.parse(r.out) as { action: string; deciding: string | null; name: string; approvedSource: { host: string } | null; clause: string | null };
}

describe('aup explain --download', () => {
  it.each([
    ['an .exe', 'https://downloads.example.com/setup.exe', [], 'block', 'software'],
    ['an .msi', 'https://downloads.example.com/tool.msi', [], 'block', 'software'],
    ['a .pdf named .pdf but served as a Windows program', 'https://downloads.example.com/report.pdf', ['--mime', 'application/vnd.microsoft.portable-executable'], 'block', 'software'],
    ['a name from Content-Disposition', 'https://downloads.example.com/get', ['--filename', 'invoice.pdf.exe'], 'block', 'software'],
    ['a PDF', 'https://downloads.example.com/report.pdf', ['--mime', 'application/pdf'], 'allow', null],
    ['an archive', 'https://downloads.example.com/a.7z', [], 'warn', 'archives'],
  ])('%s', (_name, url, more, action, deciding) => {
    const d = explainDownload(url, ...more);
    expect({ action: d.action, deciding: d.deciding }).toEqual({ action, deciding });
    if (action === 'block') expect(d.clause).toMatch(/software that ICT has not approved/);
  });

  it('the same installer from the approved source is allowed, and says why', () => {
    const d = explainDownload('https://software.example.gov.uk/setup.exe');
    expect(d).toMatchObject({ action: 'allow', deciding: 'software', approvedSource: { host: 'software.example.gov.uk' } });
    const text = aup('explain', '--download', 'https://software.example.gov.uk/setup.exe', ...AT);
    expect(text.out).toMatch(/Approved: +software\.example\.gov\.uk — ICT's software portal/);
  });

  it('refuses --mime without --download (exit 2)', () => {
    const r = aup('explain', 'https://downloads.example.com/setup.exe', '--mime', 'application/x-msdownload');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--mime and --filename go with --download/);
  });
});

describe('aup explain shows the safe-search rewrite', () => {
  it('for a search URL with safe search turned off by the user', () => {
    const r = aup('explain', 'https://www.google.com/search?q=x&safe=off', '--json', ...AT);
    expect(JSON.parse(r.out).safeSearch).toEqual({ url: 'https://www.google.com/search?q=x&safe=active', engine: 'google', changed: true, header: null });
    expect(aup('explain', 'https://www.bing.com/search?q=x', ...AT).out).toMatch(/Safe search: rewritten to https:\/\/www\.bing\.com\/search\?q=x&adlt=strict \(bing\)/);
  });
});

describe('aup check on the new sections', () => {
  it.each([
    ['an unknown class', 'policy.yaml', (t: string) => t.replace('      archives: warn\n', '      archives: warn\n      games: block\n'), /policy\.yaml has \d+ problem\(s\):\n(?:.*\n)*\s+groups\.office\.downloads\.games: unknown file-type class "games"/],
    ['an unknown engine', 'policy.yaml', (t: string) => t.replace('youtube: moderate }', 'youtube: moderate, yahoo: on }'), /groups\.office\.safeSearch: Unrecognized key: "yahoo"/],
    ['a host that is a URL', 'policy.yaml', (t: string) => t.replace('  - host: software.example.gov.uk', '  - host: https://software.example.gov.uk/'), /approvedDownloadSources\.0\.host: "https:\/\/software\.example\.gov\.uk\/": a host cannot contain "\/"/],
    ['a MIME type with parameters', 'file-types.yaml', (t: string) => t.replace('application/x-sh,', 'application/x-sh; charset=utf-8,'), /file-types\.yaml has 1 problem\(s\):\n\s+classes\.software\.mimeTypes\.\d+: must be a MIME type/],
    ['a MIME type that says nothing', 'file-types.yaml', (t: string) => t.replace('application/x-sh,', 'application/octet-stream,'), /file-types\.yaml has 1 problem\(s\):\n\s+classes\.software\.mimeTypes\.\d+: says nothing about the file/],
    ['an extension in two classes', 'file-types.yaml', (t: string) => t.replace('extensions: [zip,', 'extensions: [exe, zip,'), /classes\.archives\.extensions\.0: "exe" is already in class "software"/],
    ['file types written in policy.yaml', 'policy.yaml', (t: string) => `${t}\nfileTypes: {}\n`, /file-type classes belong in .*file-types\.yaml/],
  ])('refuses %s with the file and path', (name, file, edit, message) => {
    const r = aup('check', '--rules', rulesWith(name.replace(/\W+/g, '-'), file, edit));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });

  it('warns when an exemption switches safe search off for a search host', () => {
    const dir = rulesWith('exempt-bing', 'policy.yaml', (t) => t.replace('      - teams.microsoft.com', '      - teams.microsoft.com\n      - bing.com'));
    const r = aup('check', '--rules', dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/warning: exemptions \(ict-collaboration\): covers www\.bing\.com: bing is not rewritten/);
  });
});

describe('aup test with download and search expectations', () => {
  it('runs them beside the page expectations, and fails a wrong one (exit 1)', () => {
    const dir = rulesWith('wrong-expectations', 'tests/zz-wrong.yaml', () => [
      'cases:',
      '  - name: an exe said to be allowed',
      '    download: { url: "https://x.example.com/setup.exe" }',
      '    at: "2026-11-24T10:00"',
      '    group: office',
      '    expect: { action: allow }',
      '  - name: a search said to stay unsafe',
      '    search: "https://www.google.com/search?q=x&safe=off"',
      '    group: office',
      '    expect: { url: "https://www.google.com/search?q=x&safe=off" }',
      '',
    ].join('\n'));
    const r = aup('test', '--rules', dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✖ zz-wrong\.yaml: an exe said to be allowed\n\s+action block, expected allow/);
    expect(r.out).toMatch(/✖ zz-wrong\.yaml: a search said to stay unsafe\n\s+requested as https:\/\/www\.google\.com\/search\?q=x&safe=active/);
    expect(r.out).toMatch(/✔ downloads-and-search\.yaml: Google's SafeSearch is forced/);
  });

  it('names the case and field of a malformed expectation', () => {
    const dir = rulesWith('malformed', 'tests/zz-bad.yaml', () => 'cases:\n  - name: x\n    download: { url: "https://x.example.com/a.exe" }\n    at: "2026-11-24T10:00"\n    group: office\n    expect: { action: forbid }\n');
    const r = aup('test', '--rules', dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/zz-bad\.yaml: cases\.0: expect\.action: /);
  });
});
