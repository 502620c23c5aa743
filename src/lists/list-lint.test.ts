import { describe, expect, it } from 'vitest';
import { lintHostList, parseHostList, type ListIssue } from './list-lint.ts';

/** The issues as compact `line:problem:host` strings, easy to compare and to read when a test fails. */
const brief = (issues: ListIssue[]) => issues.map((i) => `${i.line}:${i.problem}:${i.host}`);
const lint = (lines: string[]) => brief(lintHostList(lines.join('\n') + '\n'));

describe('parseHostList', () => {
  it('skips comments, blank lines and surrounding white space, and keeps 1-based line numbers', () => {
    const text = '# Title — a comment\n#another\n\n  example.com  \n\texample.org\r\n# late comment\nzz.example\n';
    expect(parseHostList(text)).toEqual({
      hosts: ['example.com', 'example.org', 'zz.example'],
      lines: [4, 5, 7],
    });
  });

  it('handles text without a final newline and an empty text', () => {
    expect(parseHostList('a.example\nb.example')).toEqual({ hosts: ['a.example', 'b.example'], lines: [1, 2] });
    expect(parseHostList('')).toEqual({ hosts: [], lines: [] });
  });
});

describe('lintHostList', () => {
  it('finds nothing wrong with a clean list', () => {
    const text = [
      '# Example — curated starter list for AUP Guard; one host per line; a host also covers its subdomains.',
      '# Second comment line.',
      '1.2.3.4',
      'a-b.example.com', // '-' sorts before '.' in ASCII
      'a.example.com',
      'bet365.com',
      'malware.testing.google.test',
      'teams.microsoft.com',
      'xn--bcher-kva.de',
    ].join('\n') + '\n';
    expect(lintHostList(text)).toEqual([]);
    // CRLF line endings are fine too.
    expect(lintHostList(text.replace(/\n/g, '\r\n'))).toEqual([]);
  });

  it('reports upper case as not-lower-case (not as not-a-host) and says how to write it', () => {
    const issues = lintHostList('Example.COM\n');
    expect(brief(issues)).toEqual(['1:not-lower-case:Example.COM']);
    expect(issues[0]?.detail).toContain('example.com');
  });

  it('reports non-ASCII hosts and suggests the punycode spelling', () => {
    const issues = lintHostList('bücher.de\n');
    expect(brief(issues)).toEqual(['1:not-ascii:bücher.de']);
    expect(issues[0]?.detail).toContain('xn--bcher-kva.de');
  });

  it('reports a trailing dot (which the URL parser would accept) and nothing else for an otherwise good host', () => {
    const issues = lintHostList('example.com.\n');
    expect(brief(issues)).toEqual(['1:trailing-dot:example.com.']);
    expect(issues[0]?.detail).toContain('example.com');
  });

  it.each([
    ['http://example.com', 'scheme'],
    ['example.com/path', 'path'],
    ['example.com:8080', 'port'],
    ['user@example.com', 'user info'],
    ['exa mple.com', 'space'],
    ['*.example.com', 'wildcard'],
    ['a..example.com', 'empty label'],
    ['1.2.3', 'short IPv4 the parser rewrites'],
    ['0x7f.0.0.1', 'hex IPv4'],
    ['[::1]', 'IPv6 literal'],
    ['com', 'single label'],
    ['example.com # a note', 'inline comment'],
    [`${'a'.repeat(64)}.example`, 'label longer than 63'],
  ])('reports %j as not-a-host (%s)', (host) => {
    expect(lint([host]).filter((s) => s.includes(':not-a-host:'))).toEqual([`1:not-a-host:${host}`]);
  });

  it('reports a duplicate with the line of the first occurrence, and not also as unsorted', () => {
    const issues = lintHostList('a.example\nb.example\nb.example\nc.example\na.example\n');
    expect(brief(issues)).toEqual(['3:duplicate:b.example', '5:duplicate:a.example']);
    expect(issues[0]?.detail).toContain('line 2');
    expect(issues[1]?.detail).toContain('line 1');
  });

  it('reports hosts out of plain ASCII order', () => {
    expect(lint(['b.example', 'a.example', 'c.example'])).toEqual(['2:not-sorted:a.example']);
    // ASCII, not locale order: '-' (0x2d) comes before '.' (0x2e), digits before letters.
    expect(lint(['a.example.com', 'a-b.example.com'])).toEqual(['2:not-sorted:a-b.example.com']);
    expect(lint(['a.example', '9.example'])).toEqual(['2:not-sorted:9.example']);
  });

  it('reports a host covered by a listed parent, naming the parent, wherever the parent is', () => {
    const issues = lintHostList('example.com\nwww.example.com\n');
    expect(brief(issues)).toEqual(['2:covered-by-parent:www.example.com']);
    expect(issues[0]?.detail).toContain('example.com (line 1)');

    // A deeper child of a listed grandparent, with the parent sorted after the child.
    const deep = lintHostList('z.b.example.org\nexample.org\n');
    expect(brief(deep)).toEqual(['1:covered-by-parent:z.b.example.org', '2:not-sorted:example.org']);
    expect(deep[0]?.detail).toContain('example.org (line 2)');
  });

  it('does not treat a mere string suffix as a parent', () => {
    expect(lint(['ample.com', 'example.com'])).toEqual([]);
  });

  it('does not treat IPv4 addresses as having parents', () => {
    // Line 1 would be "covered" by 2.3.4 if an address were split at its dots like a name.
    expect(lint(['1.2.3.4', '2.3.4'])).toEqual(['2:not-a-host:2.3.4']);
  });

  it('reports blank lines between hosts but allows them in the comment header and as the file ending', () => {
    expect(brief(lintHostList('# header\n\na.example\n\nb.example\n   \nc.example\n'))).toEqual([
      '4:blank-line:',
      '6:blank-line:',
    ]);
    expect(lintHostList('# header\n\na.example\nb.example\n')).toEqual([]);
    expect(brief(lintHostList('a.example\nb.example\n\n'))).toEqual(['3:blank-line:']);
  });

  it('can report several problems on one line, in a fixed order', () => {
    expect(lint(['a.example', 'Bücher.DE.'])).toEqual([
      '2:not-ascii:Bücher.DE.',
      '2:not-lower-case:Bücher.DE.',
      '2:trailing-dot:Bücher.DE.',
      '2:not-sorted:Bücher.DE.',
    ]);
  });
});
