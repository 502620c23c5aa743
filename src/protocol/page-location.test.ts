import { describe, expect, it } from 'vitest';
import { parseRedirectLocation } from './page-location.ts';

describe('block and warn page location', () => {
  it('reads the category and the original URL, hiding userinfo', () => {
    const where = parseRedirectLocation('?c=gambling', '#https://user:secret@www.bet365.com/x?y=1#frag');
    expect(where.category).toBe('gambling');
    expect(where.url).toBe('https://user:secret@www.bet365.com/x?y=1#frag');
    expect(where.displayUrl).toBe('https://www.bet365.com/x?y=1#frag');
  });

  it('never offers a non-web URL to navigate to', () => {
    for (const hash of ['#javascript:alert(1)', '#data:text/html,<b>x</b>', '#chrome://settings', '#', '']) {
      expect(parseRedirectLocation('?c=x', hash).url, hash).toBeNull();
    }
  });

  it('ignores oversized input', () => {
    expect(parseRedirectLocation('?c=' + 'x'.repeat(500), '#https://a.test/' + 'y'.repeat(9000))).toMatchObject({ url: null });
    expect(parseRedirectLocation('?c=' + 'x'.repeat(500), '').category).toHaveLength(64);
  });
});
