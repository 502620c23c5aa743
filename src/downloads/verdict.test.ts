import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { downloadVerdict } from './verdict.ts';
import { compilePolicy } from '../policy/compile-policy.ts';
import { SOURCE } from '../../tests/fixtures/policy.ts';

/* The browser part's first step for every download: leave it, or stop it (block / warn), with a one-shot grant for "Download anyway". */
const source = structuredClone(SOURCE) as Record<string, unknown> & { groups: Record<string, Record<string, unknown>> };
source.groups.office!.downloads = { software: 'block', archives: 'warn', media: { work: 'warn', break: 'allow', personal: 'allow' } };
source.fileTypes = parse(readFileSync(new URL('../../rules/file-types.yaml', import.meta.url), 'utf8')) as unknown;
source.approvedDownloadSources = [{ host: 'software.council.test', reason: 'ICT portal' }];
const compiled = compilePolicy(source);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
const policy = compiled.policy;
const none = new Set<string>();

describe('downloadVerdict', () => {
  it('stops an installer as a block, with the deciding class', () => {
    const v = downloadVerdict(policy, 'office', 'work', { url: 'https://files.example.test/get?id=1', filename: 'setup.exe' }, none);
    expect(v.kind).toBe('stop');
    expect(v.kind === 'stop' && v.action).toBe('block');
    expect(v.decision.deciding?.id).toBe('software');
    expect(v.decision.name).toBe('setup.exe');
  });

  it('stops a file disguised as a PDF but served as an executable', () => {
    const v = downloadVerdict(policy, 'office', 'work', { url: 'https://files.example.test/report.pdf', mime: 'application/x-msdownload' }, none);
    expect(v).toMatchObject({ kind: 'stop', action: 'block' });
  });

  it('leaves a PDF, and software from an approved source (or its subdomain)', () => {
    expect(downloadVerdict(policy, 'office', 'work', { url: 'https://files.example.test/minutes.pdf', mime: 'application/pdf' }, none)).toMatchObject({ kind: 'leave', why: 'allowed' });
    expect(downloadVerdict(policy, 'office', 'work', { url: 'https://cdn.software.council.test/setup.exe' }, none)).toMatchObject({ kind: 'leave', why: 'allowed' });
  });

  it('stops an archive as a warn until a grant for its URL is given; the grant is for that URL only', () => {
    const url = 'https://files.example.test/data.zip';
    expect(downloadVerdict(policy, 'office', 'work', { url }, none)).toMatchObject({ kind: 'stop', action: 'warn' });
    expect(downloadVerdict(policy, 'office', 'work', { url }, new Set([url]))).toMatchObject({ kind: 'leave', why: 'granted' });
    expect(downloadVerdict(policy, 'office', 'work', { url: 'https://files.example.test/other.zip' }, new Set([url]))).toMatchObject({ kind: 'stop', action: 'warn' });
  });

  it('never lets a grant through a block', () => {
    const url = 'https://files.example.test/setup.exe';
    expect(downloadVerdict(policy, 'office', 'work', { url }, new Set([url]))).toMatchObject({ kind: 'stop', action: 'block' });
  });

  it('follows the mode: media warned in working time, left in a break', () => {
    const facts = { url: 'https://files.example.test/song.mp3', mime: 'audio/mpeg' };
    expect(downloadVerdict(policy, 'office', 'work', facts, none)).toMatchObject({ kind: 'stop', action: 'warn' });
    expect(downloadVerdict(policy, 'office', 'break', facts, none)).toMatchObject({ kind: 'leave' });
  });
});
