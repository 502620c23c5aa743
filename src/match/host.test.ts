import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { embeddedIpv4, hostFromUrl, hostSuffixes, isIpLiteral, normalizeHost, type HostResult } from './host.ts';

const ok = (host: string, kind: 'domain' | 'ipv4' | 'ipv6' = 'domain'): HostResult => ({ ok: true, host, kind });
const errorOf = (result: HostResult): string => (result.ok ? `unexpectedly ok: ${result.host}` : result.error);

describe('hostFromUrl', () => {
  it('lower-cases and drops one trailing dot', () => {
    expect(hostFromUrl('https://WWW.Example.COM./x')).toEqual(ok('www.example.com'));
  });

  it('takes the host after the last @, never from userinfo', () => {
    expect(hostFromUrl('https://user:pw@example.com@evil.test/')).toEqual(ok('evil.test'));
    expect(hostFromUrl('https://example.com:443@evil.test/path')).toEqual(ok('evil.test'));
  });

  it('drops the port', () => {
    expect(hostFromUrl('http://example.com:8080/a?b#c')).toEqual(ok('example.com'));
    expect(hostFromUrl('wss://chat.example.org:9443/')).toEqual(ok('chat.example.org'));
  });

  it('turns Unicode hosts into punycode, the same as a list entry written either way', () => {
    expect(hostFromUrl('https://bücher.example/')).toEqual(ok('xn--bcher-kva.example'));
    expect(hostFromUrl('https://xn--bcher-kva.example/')).toEqual(ok('xn--bcher-kva.example'));
    expect(normalizeHost('BÜCHER.example')).toEqual(ok('xn--bcher-kva.example'));
  });

  it('reads the odd IPv4 spellings as the browser does', () => {
    for (const url of ['http://0x7f.1/', 'http://2130706433/', 'http://127.1/', 'http://0177.0.0.1/', 'http://127.0.0.1./']) {
      expect(hostFromUrl(url), url).toEqual(ok('127.0.0.1', 'ipv4'));
    }
  });

  it('gives IPv6 without brackets, compressed', () => {
    expect(hostFromUrl('http://[::1]:8080/')).toEqual(ok('::1', 'ipv6'));
    expect(hostFromUrl('http://[2001:DB8:0:0:0:0:0:1]/')).toEqual(ok('2001:db8::1', 'ipv6'));
  });

  it('refuses schemes without a host to check', () => {
    expect(errorOf(hostFromUrl('javascript:alert(1)'))).toMatch(/javascript: URL has no host/);
    expect(errorOf(hostFromUrl('data:text/html,<h1>hi</h1>'))).toMatch(/data: URL has no host/);
    expect(errorOf(hostFromUrl('file:///etc/passwd'))).toMatch(/file: URL/);
  });

  it('refuses junk', () => {
    expect(errorOf(hostFromUrl(''))).toBe('not a valid URL');
    expect(errorOf(hostFromUrl('not a url'))).toBe('not a valid URL');
    expect(errorOf(hostFromUrl('http://exa mple.com/'))).toBe('not a valid URL');
    expect(errorOf(hostFromUrl('http://a..b/'))).toMatch(/empty label/);
    expect(errorOf(hostFromUrl('http://example.com../'))).toMatch(/empty label/);
    expect(errorOf(hostFromUrl('http://*.example.com/'))).toMatch(/characters a host name cannot have/);
    expect(errorOf(hostFromUrl('http://256.1.1.1/'))).toBe('not a valid URL');
  });

  it('decides a URL of any length by its host: a long path or query cannot make it undecidable (fail closed)', () => {
    const tail = 'a'.repeat(9000);
    expect(hostFromUrl(`https://www.Bet365.com:8443/${tail}`)).toEqual(ok('www.bet365.com'));
    expect(hostFromUrl(`http://user:pw@bet365.com?${tail}`)).toEqual(ok('bet365.com'));
    expect(hostFromUrl(`http://bet365.com#${tail}`)).toEqual(ok('bet365.com'));
    expect(hostFromUrl(`  https:\\\\b\tet365.com\\${tail}`)).toEqual(ok('bet365.com'));
    expect(hostFromUrl(`https:bet365.com/${tail}`)).toEqual(ok('bet365.com'));
    expect(hostFromUrl(`https://${'x'.repeat(9000)}.com/`).ok).toBe(false);
    expect(hostFromUrl(`javascript:${tail}`).ok).toBe(false);
  });

  it('finds the same host in a long URL as the URL parser does (property)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string({ minLength: 8200, maxLength: 9000 }), (url, junk) => {
        const long = url + (url.includes('#') ? '' : '#') + junk;
        const expected = hostFromUrl(new URL(long).origin + '/');
        expect(hostFromUrl(long)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses hostile host lengths', () => {
    expect(errorOf(hostFromUrl(`https://${'a'.repeat(64)}.example/`))).toMatch(/label longer than 63/);
    const longHost = Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.');
    expect(errorOf(hostFromUrl(`https://${longHost}/`))).toMatch(/longer than 253/);
  });
});

describe('normalizeHost', () => {
  it('normalises hosts as written in a list', () => {
    expect(normalizeHost('WWW.Example.COM.')).toEqual(ok('www.example.com'));
    expect(normalizeHost('  example.org\t')).toEqual(ok('example.org'));
    expect(normalizeHost('bücher.de')).toEqual(ok('xn--bcher-kva.de'));
    expect(normalizeHost('a_b.example')).toEqual(ok('a_b.example'));
  });

  it('handles IP literals', () => {
    expect(normalizeHost('0x7f.1')).toEqual(ok('127.0.0.1', 'ipv4'));
    expect(normalizeHost('[::1]')).toEqual(ok('::1', 'ipv6'));
    expect(normalizeHost('::1')).toEqual(ok('::1', 'ipv6'));
    expect(normalizeHost('[::FFFF:1.2.3.4]')).toEqual(ok('::ffff:102:304', 'ipv6'));
  });

  it('refuses anything that is more than a host', () => {
    expect(errorOf(normalizeHost('https://example.com'))).toMatch(/cannot contain "\/"/);
    expect(errorOf(normalizeHost('example.com/path'))).toMatch(/cannot contain/);
    expect(errorOf(normalizeHost('user@example.com'))).toMatch(/cannot contain "@"/);
    expect(errorOf(normalizeHost('example.com:8080'))).toMatch(/port/);
    expect(errorOf(normalizeHost('[::1]:80'))).toMatch(/port/);
    expect(errorOf(normalizeHost('exa mple.com'))).toMatch(/cannot contain " "/);
  });

  it('refuses empty and malformed hosts', () => {
    expect(errorOf(normalizeHost(''))).toBe('host is empty');
    expect(errorOf(normalizeHost('   '))).toBe('host is empty');
    expect(errorOf(normalizeHost('.'))).toBe('host is empty');
    expect(errorOf(normalizeHost('a..b'))).toMatch(/empty label/);
    expect(errorOf(normalizeHost('.example.com'))).toMatch(/empty label/);
    expect(errorOf(normalizeHost('example.com..'))).toMatch(/empty label/);
    expect(errorOf(normalizeHost('example.123'))).toMatch(/not a valid host/);
    expect(errorOf(normalizeHost('[::1'))).toMatch(/not a valid host/);
    expect(errorOf(normalizeHost('x'.repeat(9000)))).toMatch(/longer than 8192/);
  });
});

describe('hostSuffixes', () => {
  it('lists the host and each parent, most specific first', () => {
    expect(hostSuffixes('a.b.c')).toEqual(['a.b.c', 'b.c', 'c']);
    expect(hostSuffixes('localhost')).toEqual(['localhost']);
  });

  it('keeps IP literals whole', () => {
    expect(hostSuffixes('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(hostSuffixes('2001:db8::1')).toEqual(['2001:db8::1']);
    expect(isIpLiteral('127.0.0.1')).toBe(true);
    expect(isIpLiteral('example.a1')).toBe(false);
  });
});

describe('embeddedIpv4', () => {
  it('finds the IPv4 address behind IPv4-mapped and NAT64 forms, however they are written', () => {
    for (const url of ['http://[::ffff:203.0.113.9]/', 'http://[::FFFF:cb00:7109]/', 'http://[0:0:0:0:0:ffff:203.0.113.9]:8080/x', 'http://[64:ff9b::203.0.113.9]/']) {
      const parsed = hostFromUrl(url);
      expect(parsed.ok && embeddedIpv4(parsed.host), url).toBe('203.0.113.9');
    }
  });

  it('finds none in other IPv6 addresses or in names', () => {
    for (const host of ['2001:db8::1', '::1', '::cb00:7109', '64:ff9b:1::cb00:7109', 'example.com', '203.0.113.9']) expect(embeddedIpv4(host), host).toBeNull();
  });
});
