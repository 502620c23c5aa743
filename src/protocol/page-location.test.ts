import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { baselineBlockPath, interstitialAddress, interstitialSubstitution, parsePageLocation, reportAddress, welcomeAddress, welcomeSubstitution } from './page-location.ts';

const BASE = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/';

/** Split an address as `location` would. */
function locationOf(address: string): { search: string; hash: string } {
  const u = new URL(address);
  return { search: u.search, hash: u.hash };
}

describe('block, warn and report page addresses', () => {
  it('reads the category and the original URL, hiding userinfo', () => {
    const where = parsePageLocation('?c=gambling', '#https://user:secret@www.bet365.com/x?y=1#frag');
    expect(where.category).toBe('gambling');
    expect(where.url).toBe('https://user:secret@www.bet365.com/x?y=1#frag');
    expect(where.displayUrl).toBe('https://www.bet365.com/x?y=1#frag');
  });

  it('the welcome page carries the original URL in its fragment, as the gate substitutes it', () => {
    const url = 'https://news.test/a?b=1';
    expect(welcomeSubstitution(BASE).replace('\\0', url)).toBe(welcomeAddress(BASE, url));
    expect(parsePageLocation('', locationOf(welcomeAddress(BASE, url)).hash).url).toBe(url);
    expect(welcomeAddress(BASE, null)).toBe(`${BASE}extension/pages/welcome/index.html`);
  });

  it('never offers a non-web URL to navigate to', () => {
    for (const hash of ['#javascript:alert(1)', '#data:text/html,<b>x</b>', '#chrome://settings', '#', '']) {
      expect(parsePageLocation('?c=x', hash).url, hash).toBeNull();
    }
  });

  it('ignores oversized input', () => {
    expect(parsePageLocation('?c=' + 'x'.repeat(500), '#https://a.test/' + 'y'.repeat(9000))).toMatchObject({ url: null });
    expect(parsePageLocation('?c=' + 'x'.repeat(500), '').category).toHaveLength(64);
  });

  it('the DNR substitution gives the same address as the worker builds, once the browser fills in the URL', () => {
    const url = 'https://www.bet.test/a?b=c#d';
    expect(interstitialSubstitution(BASE, 'warn', 'streaming').replace('\\0', url)).toBe(interstitialAddress(BASE, 'warn', 'streaming', url));
  });

  it('marks the static baseline block page, which carries no URL', () => {
    const where = parsePageLocation(...Object.values(locationOf(`chrome-extension://x${baselineBlockPath('porn')}`)) as [string, string]);
    expect(where).toMatchObject({ category: 'porn', baseline: true, url: null });
  });

  it('round-trips: what is built is what the page reads (property)', () => {
    const category = fc.stringMatching(/^[a-z][a-z0-9-]{0,39}$/);
    const webUrl = fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((u) => u.length <= 8192);
    fc.assert(
      fc.property(category, webUrl, fc.constantFrom('blocked', 'warn') as fc.Arbitrary<'blocked' | 'warn'>, fc.constantFrom('inadvertent', 'misclassified') as fc.Arbitrary<'inadvertent' | 'misclassified'>, (c, url, page, kind) => {
        const expected = new URL(url).href;
        const shown = parsePageLocation(locationOf(interstitialAddress(BASE, page, c, url)).search, locationOf(interstitialAddress(BASE, page, c, url)).hash);
        expect(shown).toMatchObject({ category: c, url: expected, baseline: false, kind: null });
        const report = locationOf(reportAddress(BASE, kind, c, url));
        expect(parsePageLocation(report.search, report.hash)).toMatchObject({ category: c, url: expected, kind });
      }),
      { numRuns: 300 },
    );
  });
});
