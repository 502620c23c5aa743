import { describe, expect, it } from 'vitest';
import { bannerMatchPatterns } from './banner-matches.ts';

describe('banner match patterns', () => {
  it('covers a host and its subdomains, and IP literals without a subdomain wildcard', () => {
    expect(bannerMatchPatterns(['facebook.com', '203.0.113.9', '2001:db8::1'])).toEqual([
      '*://facebook.com/*', '*://*.facebook.com/*', '*://203.0.113.9/*', '*://[2001:db8::1]/*',
    ]);
  });
});
