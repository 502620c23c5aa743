import { describe, expect, it } from 'vitest';
import { safeSearchGaps, safeSearchRules, safeSearchUrl, SAFE_SEARCH_PRIORITY, YOUTUBE_RESTRICT_PRIORITY } from './safe-search.ts';
import { browse } from './redirect-model.ts';
import { compileRules } from './compile-rules.ts';
import { RULE_ID } from './ids.ts';
import { compilePolicy } from '../policy/compile-policy.ts';
import type { SafeSearchSettings } from '../policy/downloads-schema.ts';
import { LISTS, SOURCE } from '../../tests/fixtures/policy.ts';

const ON: SafeSearchSettings = { google: true, bing: true, duckduckgo: true, youtube: 'moderate' };
const OFF: SafeSearchSettings = { google: false, bing: false, duckduckgo: false, youtube: 'off' };

type Row = [name: string, url: string, expected: string | 'same'];

function table(rows: Row[], settings = ON) {
  it.each(rows)('%s', (_name, url, expected) => {
    const r = safeSearchUrl(url, settings);
    const want = expected === 'same' ? new URL(url).href : expected;
    expect(r.url).toBe(want);
    expect(r.changed).toBe(want !== new URL(url).href);
  });
}

describe('safeSearchUrl: Google', () => {
  const G = 'https://www.google.com';
  table([
    ['adds safe=active', `${G}/search?q=cats`, `${G}/search?q=cats&safe=active`],
    ['overrides safe=off', `${G}/search?q=cats&safe=off`, `${G}/search?q=cats&safe=active`],
    ['keeps every other parameter, in order', `${G}/search?safe=off&q=cats&hl=en&tbm=isch`, `${G}/search?q=cats&hl=en&tbm=isch&safe=active`],
    ['removes every duplicate', `${G}/search?q=x&safe=off&safe=images&safe`, `${G}/search?q=x&safe=active`],
    ['already safe and last: unchanged (no redirect)', `${G}/search?q=x&safe=active`, 'same'],
    ['already safe but not last: moved last (one redirect)', `${G}/search?safe=active&q=x`, `${G}/search?q=x&safe=active`],
    ['no query at all', `${G}/search`, `${G}/search?safe=active`],
    ['a bare question mark', `${G}/search?`, `${G}/search?safe=active`],
    ['keeps what the user typed as typed', `${G}/search?q=a+b%26c%20d&safe=off`, `${G}/search?q=a+b%26c%20d&safe=active`],
    ['keeps the fragment', `${G}/search?q=x#imgrc=abc`, `${G}/search?q=x&safe=active#imgrc=abc`],
    ['a country domain', 'https://www.google.co.uk/search?q=x&safe=off', 'https://www.google.co.uk/search?q=x&safe=active'],
    ['a .com.<cc> domain', 'https://www.google.com.au/search?q=x', 'https://www.google.com.au/search?q=x&safe=active'],
    ['images', 'https://www.google.de/imghp?q=x', 'https://www.google.de/imghp?q=x&safe=active'],
    ['without www', 'https://google.com/search?q=x', 'https://google.com/search?q=x&safe=active'],
    ['path in capitals (matched without case)', `${G}/SEARCH?q=x`, `${G}/SEARCH?q=x&safe=active`],
    ['a parameter that only ends like it is kept', `${G}/search?q=x&unsafe=1`, `${G}/search?q=x&unsafe=1&safe=active`],
    ['maps: not a search path', `${G}/maps?q=x&safe=off`, 'same'],
    ['the home page', `${G}/`, 'same'],
    ['a longer path that starts like one', `${G}/searchbyimage?q=x`, 'same'],
    ['a look-alike host', 'https://www.google.evil.test/search?q=x', 'same'],
    ['google.com inside another host', 'https://google.com.evil.test/search?q=x', 'same'],
    ['a host that ends in google', 'https://notgoogle.com/search?q=x', 'same'],
    ['another search site', 'https://www.example.com/search?q=x&safe=off', 'same'],
  ]);
  describe('when off for the group', () => table([['untouched', `${G}/search?q=x&safe=off`, 'same']], OFF));
});

describe('safeSearchUrl: Bing', () => {
  const B = 'https://www.bing.com';
  table([
    ['adds adlt=strict', `${B}/search?q=x`, `${B}/search?q=x&adlt=strict`],
    ['overrides adlt=off', `${B}/search?q=x&adlt=off&form=QBLH`, `${B}/search?q=x&form=QBLH&adlt=strict`],
    ['overrides moderate in image search', `${B}/images/search?q=x&adlt=moderate`, `${B}/images/search?q=x&adlt=strict`],
    ['video search', `${B}/videos/search?q=x`, `${B}/videos/search?q=x&adlt=strict`],
    ['already strict and last: unchanged', `${B}/search?q=x&adlt=strict`, 'same'],
    ['maps: not a search path', `${B}/maps?q=x`, 'same'],
    ['Google\'s parameter is not Bing\'s', `${B}/search?q=x&safe=off`, `${B}/search?q=x&safe=off&adlt=strict`],
  ]);
  describe('when off for the group', () => table([['untouched', `${B}/search?q=x&adlt=off`, 'same']], { ...ON, bing: false }));
});

describe('safeSearchUrl: DuckDuckGo', () => {
  const D = 'https://duckduckgo.com';
  table([
    ['adds kp=1', `${D}/?q=x`, `${D}/?q=x&kp=1`],
    ['overrides kp=-2 (off)', `${D}/?q=x&kp=-2`, `${D}/?q=x&kp=1`],
    ['overrides kp=-1 (moderate)', `${D}/?kp=-1&q=x&ia=web`, `${D}/?q=x&ia=web&kp=1`],
    ['the HTML version', 'https://html.duckduckgo.com/html/?q=x', 'https://html.duckduckgo.com/html/?q=x&kp=1'],
    ['the lite version', 'https://lite.duckduckgo.com/lite/?q=x&kp=-2', 'https://lite.duckduckgo.com/lite/?q=x&kp=1'],
    ['already strict: unchanged', `${D}/?q=x&kp=1`, 'same'],
    ['another page', `${D}/about`, 'same'],
  ]);
});

describe('YouTube-Restrict', () => {
  it.each([
    ['https://www.youtube.com/watch?v=x', 'moderate', 'Moderate'],
    ['https://m.youtube.com/', 'strict', 'Strict'],
    ['https://youtubei.googleapis.com/youtubei/v1/search', 'strict', 'Strict'],
    ['https://www.youtube-nocookie.com/embed/x', 'moderate', 'Moderate'],
    ['https://www.youtube.com/', 'off', null],
    ['https://music.youtube.com/', 'strict', null],
    ['https://www.example.com/', 'strict', null],
  ] as const)('%s (%s) → %s', (url, youtube, value) => {
    expect(safeSearchUrl(url, { ...ON, youtube }).header?.value ?? null).toBe(value);
  });
});

describe('the rules', () => {
  it('have their own id range and the documented priorities and shapes', () => {
    const rules = safeSearchRules({ ...ON, youtube: 'strict' });
    expect(rules.map((r) => r.id)).toEqual([RULE_ID.safeSearch, RULE_ID.safeSearch + 1, RULE_ID.safeSearch + 2, RULE_ID.safeSearch + 3]);
    expect(rules[0]).toMatchObject({
      priority: SAFE_SEARCH_PRIORITY,
      action: { type: 'redirect', redirect: { transform: { queryTransform: { removeParams: ['safe'], addOrReplaceParams: [{ key: 'safe', value: 'active' }] } } } },
      condition: { isUrlFilterCaseSensitive: false, resourceTypes: ['main_frame', 'sub_frame', 'xmlhttprequest'] },
    });
    expect(rules[3]).toMatchObject({ priority: YOUTUBE_RESTRICT_PRIORITY, action: { type: 'modifyHeaders', requestHeaders: [{ header: 'YouTube-Restrict', operation: 'set', value: 'Strict' }] } });
    expect(safeSearchRules(OFF)).toEqual([]);
    expect(safeSearchRules({ ...OFF, bing: true }).map((r) => r.id)).toEqual([RULE_ID.safeSearch + 1]);
  });

  // A safe-search redirect must never let a blocked or warned search host through: in Firefox a
  // redirect that changes nothing still wins over every lower rule.
  it.each(['chromium', 'firefox'] as const)('never outrank a block or a warning (%s)', (semantics) => {
    const compiled = compilePolicy(SOURCE);
    if (!compiled.ok) throw new Error('fixture');
    const lists: Record<string, string[]> = { ...LISTS, gambling: [...LISTS.gambling, 'google.com'], streaming: [...LISTS.streaming, 'bing.com'] };
    const group = compiled.policy.groups.find((g) => g.id === 'office')!;
    const input = { policy: compiled.policy, group, mode: 'work' as const, extensionBase: 'chrome-extension://ext/', lists: Object.fromEntries(Object.entries(lists).map(([id, h]) => [id, { version: 'v', count: h.length }])) };
    const rules = [...compileRules(input, (c) => lists[c] ?? []).map((k) => k.rule), ...safeSearchRules(ON)];
    for (const url of ['https://www.google.com/search?q=x', 'https://www.google.com/search?q=x&safe=active', 'https://www.bing.com/search?q=x&adlt=strict']) {
      const outcome = browse(rules, url, 'main_frame', semantics);
      expect(outcome, url).toMatchObject({ kind: 'other-redirect' });
      // The block page (1000 + index) or the warn page (3000 + index): a category rule, not ours.
      expect((outcome as { rule: number }).rule, url).toBeLessThan(RULE_ID.safeSearch);
    }
  });

  it('an exemption covering a search host is a gap aup check reports', () => {
    const compiled = compilePolicy({ ...SOURCE, exemptions: [{ id: 'ict-search', reason: 'x', hosts: ['google.com'], groups: ['office'] }] });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    expect(safeSearchGaps(compiled.policy)).toEqual([{ exemption: 'ict-search', host: 'www.google.com', group: 'office', engine: 'google' }]);
  });
});
