// The category lists in rules/categories are data linted like code: every file must pass
// lintHostList, be big enough to be a credible starter, and not overlap another file.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { lintHostList, parseHostList } from '../../src/lists/list-lint.ts';

const RULES = fileURLToPath(new URL('../../rules/', import.meta.url));
const CATEGORIES = join(RULES, 'categories');
const MIN_HOSTS = 10;

/**
 * Hosts that may appear in (or be covered by a parent in) more than one list, each with the reason.
 * Keep it small: a host in two categories gets the strictest action of the two, which is rarely
 * what anyone meant.
 */
const SHARED_HOSTS: ReadonlyMap<string, string> = new Map<string, string>([
  // e.g. ['example.com', 'both a shop and a streaming service; both categories are meant'],
]);

type ListFile = { name: string; id: string; text: string; hosts: string[]; lines: number[] };

const files: ListFile[] = readdirSync(CATEGORIES)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => {
    const text = readFileSync(join(CATEGORIES, name), 'utf8');
    return { name, id: name.slice(0, -'.txt'.length), text, ...parseHostList(text) };
  });

/** Where each host is listed: host → ["file:line", …]. */
const where = new Map<string, string[]>();
for (const f of files) {
  f.hosts.forEach((host, i) => {
    const at = `${f.name}:${f.lines[i]}`;
    where.set(host, [...(where.get(host) ?? []), at]);
  });
}

function parentsOf(host: string): string[] {
  const labels = host.split('.');
  return labels.slice(1, -1).map((_, i) => labels.slice(i + 1).join('.'));
}

describe('rules/categories', () => {
  it('has list files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [f.name, f] as const))('%s passes the list lint', (_name, f) => {
    const problems = lintHostList(f.text).map((i) => `${f.name}:${i.line}: ${i.problem} ${JSON.stringify(i.host)}: ${i.detail}`);
    expect(problems, `lint problems in rules/categories/${f.name}:\n${problems.join('\n')}`).toEqual([]);
  });

  it.each(files.map((f) => [f.name, f] as const))(`%s has at least ${MIN_HOSTS} hosts and the standard first line`, (_name, f) => {
    expect(f.hosts.length).toBeGreaterThanOrEqual(MIN_HOSTS);
    expect(f.text.split('\n')[0]).toMatch(/^# .+ — curated starter list for AUP Guard; one host per line; a host also covers its subdomains\.$/);
  });

  it('lists no host in two files, nor a host whose parent is in another file, unless allowed with a reason', () => {
    const overlaps: string[] = [];
    for (const [host, places] of where) {
      if (SHARED_HOSTS.has(host)) continue;
      if (new Set(places.map((p) => p.split(':')[0])).size > 1) overlaps.push(`${host} is in ${places.join(' and ')}`);
      for (const parent of parentsOf(host)) {
        if (SHARED_HOSTS.has(parent)) continue;
        const parentPlaces = (where.get(parent) ?? []).filter((p) => !places.some((q) => q.split(':')[0] === p.split(':')[0]));
        if (parentPlaces.length > 0) overlaps.push(`${host} (${places.join(', ')}) is covered by ${parent} in ${parentPlaces.join(', ')}`);
      }
    }
    expect(overlaps, `hosts in more than one category:\n${overlaps.join('\n')}`).toEqual([]);
  });

  it('keeps the allow-list honest: every shared host is really shared and has a reason', () => {
    for (const [host, reason] of SHARED_HOSTS) {
      expect(reason.trim(), host).not.toBe('');
      const inFiles = new Set([host, ...parentsOf(host)].flatMap((h) => where.get(h) ?? []).map((p) => p.split(':')[0]));
      expect(inFiles.size, `${host} is allowed to be shared but is in ${[...inFiles].join(', ') || 'no file'}`).toBeGreaterThan(1);
    }
  });

  it('lists no government, NHS or police host', () => {
    const publicSector = [...where.keys()].filter((h) => /(^|\.)(gov|gov\.uk|nhs\.uk|nhs\.net|police\.uk|mod\.uk|parliament\.uk|gov\.scot|gov\.wales)$/.test(h));
    expect(publicSector).toEqual([]);
  });

  it('lists Teams under instant messaging, so that the policy exemption is what lets it through', () => {
    const im = files.find((f) => f.id === 'instant-messaging');
    expect(im?.hosts).toContain('teams.microsoft.com');
  });

  it('has exactly one list file for each category in rules/policy.yaml', () => {
    const policy = parseYaml(readFileSync(join(RULES, 'policy.yaml'), 'utf8')) as {
      categories?: Record<string, { list?: string } | null>;
    };
    const expected = Object.entries(policy.categories ?? {})
      .map(([id, c]) => c?.list ?? id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(files.map((f) => f.id)).toEqual(expected);
  });
});

describe('rules/imports/ut1-map.yaml', () => {
  const map = parseYaml(readFileSync(join(RULES, 'imports', 'ut1-map.yaml'), 'utf8')) as {
    source?: unknown;
    map?: Record<string, unknown>;
  };
  const ids = new Set(files.map((f) => f.id));

  it('is a UT1 map whose keys are our category ids', () => {
    expect(map.source).toBe('ut1');
    const keys = Object.keys(map.map ?? {});
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !ids.has(k))).toEqual([]);
  });

  it('names UT1 folders (or a supplement folder), each at most once per category', () => {
    for (const [id, folders] of Object.entries(map.map ?? {})) {
      expect(Array.isArray(folders), id).toBe(true);
      const list = folders as unknown[];
      expect(list.length, id).toBeGreaterThan(0);
      for (const folder of list) expect(folder, id).toMatch(/^(supplement-shadowwhisperer\/)?[a-z0-9_-]+$/);
      expect(new Set(list).size, `${id} names a folder twice`).toBe(list.length);
    }
  });

  it('sends Teams\' UT1 folder (chat) to instant-messaging, where the policy exemption applies', () => {
    expect(map.map?.['instant-messaging']).toContain('chat');
  });
});
