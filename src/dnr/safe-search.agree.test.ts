import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safeSearchRules, safeSearchUrl } from './safe-search.ts';
import { browse } from './redirect-model.ts';
import type { SafeSearchSettings } from '../policy/downloads-schema.ts';

/*
 * The differential test of safe search: what the browser does with the compiled rules (the
 * model of both browsers in redirect-model.ts, written from their sources) must equal what
 * safeSearchUrl says — for random settings, engine and other hosts, search and other paths, and
 * queries full of the engines' parameters with the user's opposite values, duplicates, bare keys
 * and encodings. And it must settle: one redirect at most, none once the URL is safe.
 */

const hosts = fc.constantFrom(
  'www.google.com', 'google.com', 'www.google.co.uk', 'www.google.com.au', 'www.google.evil.test', 'www.bing.com', 'cn.bing.com', 'bing.com.evil.test',
  'duckduckgo.com', 'html.duckduckgo.com', 'www.youtube.com', 'm.youtube.com', 'youtubei.googleapis.com', 'music.youtube.com', 'www.example.test',
);
const paths = fc.constantFrom('/', '/search', '/SEARCH', '/images', '/imghp', '/images/search', '/videos/search', '/html/', '/lite', '/maps', '/searchx', '/watch', '/about');
const keys = fc.constantFrom('q', 'safe', 'adlt', 'kp', 'hl', 'tbm', 'form', 'unsafe', 'SAFE', 's%61fe');
const values = fc.constantFrom('off', 'active', 'images', 'strict', 'moderate', '-2', '-1', '1', 'cats', 'a+b', '%26', '');
const part = fc.oneof(fc.tuple(keys, values).map(([k, v]) => `${k}=${v}`), keys);
const query = fc.oneof(fc.constant(''), fc.constant('?'), fc.array(part, { minLength: 1, maxLength: 6 }).map((ps) => `?${ps.join('&')}`));
const settings: fc.Arbitrary<SafeSearchSettings> = fc.record({
  google: fc.boolean(), bing: fc.boolean(), duckduckgo: fc.boolean(), youtube: fc.constantFrom('strict', 'moderate', 'off'),
});

describe('the safe-search rules and safeSearchUrl agree (differential, property)', () => {
  it.each(['chromium', 'firefox'] as const)('in %s, for main frames, frames and XHRs', (semantics) => {
    let rewritten = 0;
    fc.assert(
      fc.property(settings, hosts, paths, query, fc.constantFrom('main_frame', 'sub_frame', 'xmlhttprequest' as const), (s, host, path, q, type) => {
        const url = `https://${host}${path}${q}`;
        const rules = safeSearchRules(s);
        const browser = browse(rules, url, type, semantics);
        const ours = safeSearchUrl(url, s);
        if (browser.kind !== 'request') throw new Error(`${url}: ${browser.kind}`);
        expect(browser.url, url).toBe(ours.url);
        expect(browser.redirects, url).toBe(ours.changed ? 1 : 0);
        expect(browser.headers['YouTube-Restrict'] ?? null, url).toBe(ours.header?.value ?? null);
        // Settled: the rewritten URL goes out as it is.
        expect(browse(rules, ours.url, type, semantics)).toMatchObject({ kind: 'request', url: ours.url, redirects: 0 });
        if (ours.changed) rewritten++;
      }),
      { numRuns: 1500 },
    );
    expect(rewritten).toBeGreaterThan(50);
  });

  it('images, scripts and styles are not rewritten (not searches)', () => {
    const rules = safeSearchRules({ google: true, bing: true, duckduckgo: true, youtube: 'off' });
    expect(browse(rules, 'https://www.google.com/search?q=x', 'image', 'chromium')).toMatchObject({ url: 'https://www.google.com/search?q=x', redirects: 0 });
  });
});
