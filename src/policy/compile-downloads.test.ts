import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile-policy.ts';
import { CompiledPolicy } from './compiled-schema.ts';
import { SOURCE } from '../../tests/fixtures/policy.ts';

const CLASSES = {
  software: { title: 'Software', clause: 'No software.', default: 'block', extensions: ['exe', 'msi'], mimeTypes: ['application/x-msdownload'] },
  media: { title: 'Media', clause: 'No media at work.', default: 'allow', extensions: ['mp3'], mimeTypes: ['audio/*'] },
};

/** The parts of a policy source these tests edit. */
type Src = {
  groups: Record<string, Record<string, unknown>>;
  fileTypes?: { classes: Record<string, { extensions: string[]; mimeTypes: string[] }> };
  approvedDownloadSources?: unknown;
};
type Edit = (s: Src) => void;

function source(edit: Edit = () => undefined): unknown {
  const s = structuredClone({ ...SOURCE, fileTypes: { classes: CLASSES } }) as unknown as Src;
  edit(s);
  return s;
}

function problems(edit: Edit): string[] {
  const r = compilePolicy(source(edit));
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('compiling downloads and safe search', () => {
  it('fills every class for every group (named, or the class default) and safe search (protective defaults)', () => {
    const r = compilePolicy(source((s) => {
      s.groups.office!.downloads = { media: { work: 'block', break: 'allow', personal: 'allow' } };
      s.groups.office!.safeSearch = { bing: 'off', youtube: 'strict' };
    }));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.policy.version).toBe(2);
    expect(r.policy.downloads.byGroup.office).toEqual({
      software: { work: 'block', break: 'block', personal: 'block' },
      media: { work: 'block', break: 'allow', personal: 'allow' },
    });
    expect(r.policy.downloads.byGroup.public!.media).toEqual({ work: 'allow', break: 'allow', personal: 'allow' });
    expect(r.policy.safeSearch).toEqual({
      office: { google: true, bing: false, duckduckgo: true, youtube: 'strict' },
      public: { google: true, bing: true, duckduckgo: true, youtube: 'moderate' },
    });
    // The compiled policy reads back as itself (what a device does with the bundle).
    expect(CompiledPolicy.parse(r.policy)).toEqual(r.policy);
  });

  it.each([
    ['an unknown class', (s: Src) => { s.groups.office!.downloads = { games: 'block' }; }, /^groups\.office\.downloads\.games: unknown file-type class "games"/],
    ['an unknown action', (s: Src) => { s.groups.office!.downloads = { software: 'forbid' }; }, /^groups\.office\.downloads\.software: /],
    ['an unknown engine', (s: Src) => { s.groups.office!.safeSearch = { yahoo: 'on' }; }, /^groups\.office\.safeSearch: .*yahoo/],
    ['a bad YouTube mode', (s: Src) => { s.groups.office!.safeSearch = { youtube: 'on' }; }, /^groups\.office\.safeSearch\.youtube: /],
    ['an extension with its dot', (s: Src) => { s.fileTypes!.classes.software!.extensions.push('.bat'); }, /^fileTypes\.classes\.software\.extensions\.2: must be an extension in lower case without the dot/],
    ['an upper-case extension', (s: Src) => { s.fileTypes!.classes.software!.extensions.push('EXE'); }, /^fileTypes\.classes\.software\.extensions\.2: /],
    ['a MIME type without a subtype', (s: Src) => { s.fileTypes!.classes.software!.mimeTypes.push('application'); }, /^fileTypes\.classes\.software\.mimeTypes\.1: must be a MIME type/],
    ['a MIME type with parameters', (s: Src) => { s.fileTypes!.classes.software!.mimeTypes.push('application/x-sh; charset=utf-8'); }, /^fileTypes\.classes\.software\.mimeTypes\.1: /],
    ['a MIME type that says nothing', (s: Src) => { s.fileTypes!.classes.software!.mimeTypes.push('application/octet-stream'); }, /^fileTypes\.classes\.software\.mimeTypes\.1: says nothing about the file/],
    ['an extension in two classes', (s: Src) => { s.fileTypes!.classes.media!.extensions.push('exe'); }, /^fileTypes\.classes\.media\.extensions\.1: "exe" is already in class "software"/],
    ['an approved source that is a URL', (s: Src) => { s.approvedDownloadSources = [{ host: 'https://portal.test/', reason: 'Portal' }]; }, /^approvedDownloadSources\.0\.host: "https:\/\/portal\.test\/": a host cannot contain/],
    ['an approved source that is a wildcard', (s: Src) => { s.approvedDownloadSources = [{ host: '*.microsoft.com', reason: 'MS' }]; }, /^approvedDownloadSources\.0\.host: /],
    ['an approved source that is a top-level domain', (s: Src) => { s.approvedDownloadSources = [{ host: 'com', reason: 'All' }]; }, /^approvedDownloadSources\.0\.host: "com" is a whole top-level domain/],
    ['an approved source without a reason', (s: Src) => { s.approvedDownloadSources = [{ host: 'portal.test' }]; }, /^approvedDownloadSources\.0\.reason: /],
    ['an approved source listed twice', (s: Src) => { s.approvedDownloadSources = [{ host: 'portal.test', reason: 'a' }, { host: 'PORTAL.test.', reason: 'b' }]; }, /^approvedDownloadSources\.1\.host: "portal\.test" is listed twice/],
  ])('refuses %s with the path to fix', (_name, edit, message) => {
    const found = problems(edit);
    expect(found.length, found.join('\n')).toBe(1);
    expect(found[0]).toMatch(message);
  });

  it('without file-type classes, a group naming one is told where classes live', () => {
    expect(problems((s) => { delete s.fileTypes; s.groups.office!.downloads = { software: 'block' }; })).toEqual([
      'groups.office.downloads.software: unknown file-type class "software" (classes are defined in rules/file-types.yaml)',
    ]);
  });
});

describe('reading compiled formats', () => {
  const compiled = compilePolicy(source());
  if (!compiled.ok) throw new Error('fixture');
  const { downloads: _d, safeSearch: _s, ...format1 } = { ...compiled.policy, version: 1 as const };

  it('reads a format-1 policy as asking nothing of downloads or search', () => {
    const read = CompiledPolicy.parse(format1);
    expect(read.version).toBe(2);
    expect(read.downloads).toEqual({ fileTypes: [], approvedSources: [], byGroup: {} });
    expect(read.safeSearch).toEqual({});
  });

  it('refuses a newer format, as an older extension refuses this one', () => {
    expect(CompiledPolicy.safeParse({ ...compiled.policy, version: 4 }).success).toBe(false);
    // Format 2 without its blocks, or format 1 with them, is malformed, not guessed at.
    const { safeSearch: _x, ...missing } = compiled.policy;
    expect(CompiledPolicy.safeParse(missing).success).toBe(false);
    expect(CompiledPolicy.safeParse({ ...compiled.policy, version: 1 }).success).toBe(false);
  });
});
