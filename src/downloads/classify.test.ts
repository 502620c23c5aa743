import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { classifyDownload, decideDownload, type DownloadFacts } from './classify.ts';
import { compilePolicy } from '../policy/compile-policy.ts';
import { CompiledPolicy } from '../policy/compiled-schema.ts';
import type { Mode } from '../policy/actions.ts';
import { SOURCE } from '../../tests/fixtures/policy.ts';

/*
 * The classes are the ones ICT ships (rules/file-types.yaml), so these tables also prove the
 * shipped lists: office blocks software, warns on archives, warns on media in working time only;
 * public names no class and gets each class's default (software block, archives warn, media allow).
 */
const fileTypes = parse(readFileSync(new URL('../../rules/file-types.yaml', import.meta.url), 'utf8')) as unknown;
const source = structuredClone(SOURCE) as Record<string, unknown> & { groups: Record<string, Record<string, unknown>> };
source.groups.office!.downloads = { software: 'block', archives: 'warn', media: { work: 'warn', break: 'allow', personal: 'allow' } };
source.fileTypes = fileTypes;
source.approvedDownloadSources = [{ host: 'software.council.test', reason: 'ICT portal' }];
const compiled = compilePolicy(source);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
const policy = compiled.policy;

type Row = [name: string, facts: DownloadFacts, expected: { action: 'block' | 'warn' | 'allow'; deciding: string | null; extension?: string | null }];
const at = (path: string) => `https://files.example.test/${path}`;
const EXE_MIME = 'application/x-msdownload';

describe('download classification (office, working time)', () => {
  const rows: Row[] = [
    ['a plain installer', { url: at('setup.exe') }, { action: 'block', deciding: 'software', extension: 'exe' }],
    ['an MSI', { url: at('tool.msi') }, { action: 'block', deciding: 'software' }],
    ['upper case', { url: at('SETUP.EXE') }, { action: 'block', deciding: 'software', extension: 'exe' }],
    ['mixed case', { url: at('Setup.Exe') }, { action: 'block', deciding: 'software' }],
    ['a double extension ends in exe', { url: at('invoice.pdf.exe') }, { action: 'block', deciding: 'software', extension: 'exe' }],
    ['a double extension ends in pdf: the last one counts', { url: at('report.exe.pdf'), mime: 'application/pdf' }, { action: 'allow', deciding: null, extension: 'pdf' }],
    ['…but an executable MIME type still makes it software', { url: at('report.exe.pdf'), mime: EXE_MIME }, { action: 'block', deciding: 'software', extension: 'pdf' }],
    ['a PDF', { url: at('minutes.pdf'), mime: 'application/pdf' }, { action: 'allow', deciding: null }],
    ['no extension: the MIME type decides', { url: at('download'), mime: EXE_MIME }, { action: 'block', deciding: 'software', extension: null }],
    ['no extension, no MIME type: nothing to class', { url: at('download') }, { action: 'allow', deciding: null, extension: null }],
    ['octet-stream: the extension decides (msi)', { url: at('tool.msi'), mime: 'application/octet-stream' }, { action: 'block', deciding: 'software' }],
    ['octet-stream: the extension decides (pdf)', { url: at('minutes.pdf'), mime: 'application/octet-stream' }, { action: 'allow', deciding: null }],
    ['MIME parameters and case', { url: at('x'), mime: 'Application/X-MSDownload; charset=binary' }, { action: 'block', deciding: 'software' }],
    ['query string and fragment are not the name', { url: at('setup.exe?version=2&lang=en#top') }, { action: 'block', deciding: 'software', extension: 'exe' }],
    ['a name only in the query is not the name the browser gives', { url: at('get?file=setup.exe') }, { action: 'allow', deciding: null, extension: null }],
    ['percent-encoded dot', { url: at('setup%2Eexe') }, { action: 'block', deciding: 'software', extension: 'exe' }],
    ['percent-encoded space', { url: at('my%20setup.exe') }, { action: 'block', deciding: 'software' }],
    ['double-encoded dot stays encoded (decoded once, as browsers do)', { url: at('setup%252Eexe') }, { action: 'allow', deciding: null, extension: null }],
    ['malformed escape does not hide the extension', { url: at('100%25%zz.exe') }, { action: 'block', deciding: 'software' }],
    ['a trailing dot (Windows strips it)', { url: at('x'), filename: 'setup.exe.' }, { action: 'block', deciding: 'software', extension: 'exe' }],
    ['trailing dots and spaces', { url: at('x'), filename: 'setup.exe . . ' }, { action: 'block', deciding: 'software', extension: 'exe' }],
    ['trailing dot in the URL', { url: at('setup.exe.') }, { action: 'block', deciding: 'software' }],
    ['Content-Disposition names an exe behind a .pdf URL', { url: at('report.pdf'), filename: 'report.exe' }, { action: 'block', deciding: 'software' }],
    ['Content-Disposition renames an exe URL to .txt (the saved file is text)', { url: at('setup.exe'), filename: 'notes.txt', mime: 'text/plain' }, { action: 'allow', deciding: null, extension: 'txt' }],
    ['a path in the header: only the last component', { url: at('x'), filename: '..\\..\\Windows\\evil.exe' }, { action: 'block', deciding: 'software' }],
    ['the downloads API gives a whole path', { url: at('x'), filename: 'C:\\Users\\me\\Downloads\\setup.msi' }, { action: 'block', deciding: 'software' }],
    ['a right-to-left override that makes it look like .pdf', { url: at('x'), filename: 'invoice\u202Efdp.exe' }, { action: 'block', deciding: 'software' }],
    ['control characters removed', { url: at('x'), filename: 'setup.ex\u0000e' }, { action: 'block', deciding: 'software', extension: 'exe' }],
    ['a very long name', { url: at(`${'a'.repeat(10_000)}.exe`) }, { action: 'block', deciding: 'software' }],
    ['a very long name that is a PDF', { url: at(`${'a'.repeat(10_000)}.pdf`) }, { action: 'allow', deciding: null }],
    ['a name that is only an extension', { url: at('x'), filename: '.exe' }, { action: 'block', deciding: 'software' }],
    ['a script', { url: at('fix.ps1') }, { action: 'block', deciding: 'software' }],
    ['a browser extension', { url: at('addon.xpi') }, { action: 'block', deciding: 'software' }],
    ['a disk image by MIME', { url: at('x'), mime: 'application/x-apple-diskimage' }, { action: 'block', deciding: 'software' }],
    ['an archive', { url: at('files.zip') }, { action: 'warn', deciding: 'archives' }],
    ['a tarball ends in gz', { url: at('backup.tar.gz') }, { action: 'warn', deciding: 'archives', extension: 'gz' }],
    ['an archive by MIME', { url: at('x'), mime: 'application/zip' }, { action: 'warn', deciding: 'archives' }],
    ['media in working time', { url: at('song.mp3') }, { action: 'warn', deciding: 'media' }],
    ['media by a MIME wildcard', { url: at('clip'), mime: 'video/mp4' }, { action: 'warn', deciding: 'media' }],
    ['the stricter class wins: a .jpg served as an executable', { url: at('photo.jpg'), mime: EXE_MIME }, { action: 'block', deciding: 'software', extension: 'jpg' }],
    ['the stricter class wins: an .exe served as a zip', { url: at('setup.exe'), mime: 'application/zip' }, { action: 'block', deciding: 'software' }],
    ['a data: URL has no name: the MIME type decides', { url: 'data:application/x-msdownload;base64,TVo=', mime: EXE_MIME }, { action: 'block', deciding: 'software', extension: null }],
    ['a blob: URL has no extension', { url: 'blob:https://files.example.test/0b1c-22', mime: 'application/pdf' }, { action: 'allow', deciding: null, extension: null }],
  ];
  it.each(rows)('%s', (_name, facts, expected) => {
    const d = decideDownload(policy, 'office', 'work', facts);
    expect({ action: d.action, deciding: d.deciding?.id ?? null }).toEqual({ action: expected.action, deciding: expected.deciding });
    if (expected.extension !== undefined) expect(d.extension).toBe(expected.extension);
  });
});

describe('modes, groups, approved sources', () => {
  const rows: Array<[name: string, group: string, mode: Mode, facts: DownloadFacts, action: string, approved: string | null]> = [
    ['media is allowed in a break', 'office', 'break', { url: at('song.mp3') }, 'allow', null],
    ['media is allowed in personal time', 'office', 'personal', { url: at('song.mp3') }, 'allow', null],
    ['software is blocked in a break too', 'office', 'break', { url: at('setup.exe') }, 'block', null],
    ['a group naming no class gets the defaults: software', 'public', 'work', { url: at('setup.exe') }, 'block', null],
    ['…archives', 'public', 'work', { url: at('a.7z') }, 'warn', null],
    ['…media', 'public', 'work', { url: at('a.png') }, 'allow', null],
    ['an approved source serves software', 'office', 'work', { url: 'https://software.council.test/setup.msi' }, 'allow', 'software.council.test'],
    ['…from a subdomain', 'office', 'work', { url: 'https://cdn.software.council.test/setup.msi' }, 'allow', 'software.council.test'],
    ['…whatever the MIME type', 'office', 'work', { url: 'https://software.council.test/get', mime: EXE_MIME }, 'allow', 'software.council.test'],
    ['a host that only starts like the approved one', 'office', 'work', { url: 'https://software.council.test.evil.test/setup.exe' }, 'block', null],
    ['a page on the approved source linking elsewhere', 'office', 'work', { url: at('setup.exe'), referrer: 'https://software.council.test/catalogue' }, 'block', null],
  ];
  it.each(rows)('%s', (_name, group, mode, facts, action, approved) => {
    const d = decideDownload(policy, group, mode, facts);
    expect(d.action).toBe(action);
    expect(d.approvedSource?.host ?? null).toBe(approved);
    if (approved) expect(d.byClass).toBe('block');
  });

  it('a format-1 policy sets no download rules: everything is allowed, and says so', () => {
    // A format-1 policy has neither download rules nor the format-3 additions (translations, retention).
    const { downloads: _d, safeSearch: _s, translations: _t, retention: _r, ...rest } = policy;
    const v1 = CompiledPolicy.parse({ ...rest, version: 1 });
    const d = decideDownload(v1, 'office', 'work', { url: at('setup.exe') });
    expect(d.action).toBe('allow');
    expect(d.reason).toMatch(/no download rules/);
  });

  it('names every class a file is in, and how', () => {
    const c = classifyDownload(policy.downloads, { url: at('photo.jpg'), mime: EXE_MIME });
    expect(c.classes.map((m) => [m.fileType.id, m.by])).toEqual([['software', ['mime']], ['media', ['extension']]]);
    expect(decideDownload(policy, 'office', 'work', { url: at('photo.jpg'), mime: EXE_MIME }).reason).toMatch(/MIME type application\/x-msdownload: block/);
  });
});
