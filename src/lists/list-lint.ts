/**
 * Lint for the one-host-per-line category lists in `rules/categories/*.txt`: data is linted like
 * code (Dark Reader's config tests, uBO's `pruneHostnameArray`), so a list stays sorted,
 * lower-case, punycode, free of duplicates and free of hosts that a listed parent already covers.
 * Pure: no I/O; the CLI and the tests read the files and hand the text in.
 *
 * List format:
 *   - optional `#` comment lines (by convention at the top);
 *   - then one host per line; a host also covers all its sub-domains;
 *   - leading and trailing white space on a line is ignored (so CRLF files parse too);
 *   - blank lines are allowed before the first host, not between hosts.
 */

export type ListProblem =
  | 'not-lower-case'
  | 'not-ascii'
  | 'not-a-host'
  | 'trailing-dot'
  | 'duplicate'
  | 'not-sorted'
  | 'covered-by-parent'
  | 'blank-line';

export type ListIssue = { line: number; host: string; problem: ListProblem; detail: string };

/** DNS limits (RFC 1035), the same as the matcher's (src/match/host.ts). */
const MAX_HOST_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
/** After IDNA a label is ASCII letters, digits and hyphens; `_` appears in real lists. Same as the matcher. */
const DOMAIN_LABEL = /^[a-z0-9_-]+$/;
const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
// eslint-disable-next-line no-control-regex -- the point is to find anything outside ASCII
const NON_ASCII = /[^\x00-\x7f]/;

/** Split into lines, dropping the empty string after a final newline (it is not a line). */
function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function isComment(trimmed: string): boolean {
  return trimmed.startsWith('#');
}

/**
 * The hosts of a list, in file order, each with its 1-based line number. Comment lines and blank
 * lines are skipped; each host is trimmed but otherwise exactly as written (lint reports, it does
 * not repair).
 */
export function parseHostList(text: string): { hosts: string[]; lines: number[] } {
  const hosts: string[] = [];
  const lines: number[] = [];
  splitLines(text).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '' || isComment(trimmed)) return;
    hosts.push(trimmed);
    lines.push(index + 1);
  });
  return { hosts, lines };
}

/** The WHATWG spelling of a host, or null if the URL parser rejects it. */
function canonicalHostname(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
}

/**
 * Why `host` is not a host, or null if it is one. The canonical check is the WHATWG URL parser
 * (the browser's own view of a host): `new URL('http://' + host).hostname === host`. That rejects
 * ports, paths, user info, odd IPv4 spellings and anything it would rewrite. The parser lets a few
 * things through that cannot be a list entry, so we also refuse what the matcher refuses (empty or
 * over-long labels, `*` and other characters a DNS name cannot hold, IPv6 literals) and a single
 * label, which would be a whole top-level domain.
 */
function notAHostReason(host: string): string | null {
  const canonical = canonicalHostname(host);
  if (canonical === null) return 'the URL parser rejects it as a host';
  if (canonical !== host) return `the URL parser reads it as ${JSON.stringify(canonical)}; write the host only, exactly as a browser would`;
  if (host.startsWith('[')) return 'IPv6 literals are not supported in category lists';
  if (IPV4.test(host)) return null;
  if (host.length > MAX_HOST_LENGTH) return `longer than ${MAX_HOST_LENGTH} characters`;
  const labels = host.split('.');
  if (labels.length < 2) return 'a single label would be a whole top-level domain, not a host';
  for (const label of labels) {
    if (label === '') return 'has an empty label (two dots in a row, or a leading dot)';
    if (label.length > MAX_LABEL_LENGTH) return `has a label longer than ${MAX_LABEL_LENGTH} characters`;
    if (!DOMAIN_LABEL.test(label)) return `label ${JSON.stringify(label)} has characters a host name cannot have (wildcards are not needed: a host covers its sub-domains)`;
  }
  return null;
}

/** Each proper parent at a label boundary: "a.b.c" → ["b.c", "c"]. IPv4 addresses have none. */
function parents(host: string): string[] {
  if (IPV4.test(host)) return [];
  const out: string[] = [];
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) out.push(host.slice(dot + 1));
  return out;
}

/**
 * Every problem in a list, in line order. Per host, the spelling checks come first (not-ascii,
 * not-lower-case, trailing-dot, then not-a-host on what is left, so "Example.COM" is reported as
 * not lower-case rather than as not a host); then duplicate, not-sorted (plain ASCII order, as
 * `LC_ALL=C sort` gives) and covered-by-parent (naming the parent and its line).
 */
export function lintHostList(text: string): ListIssue[] {
  const issues: ListIssue[] = [];
  const { hosts, lines } = parseHostList(text);

  // Blank lines inside the host section: after the first host, before the end of the file.
  const firstHostLine = lines[0];
  if (firstHostLine !== undefined) {
    splitLines(text).forEach((raw, index) => {
      const line = index + 1;
      if (line > firstHostLine && raw.trim() === '') {
        issues.push({ line, host: '', problem: 'blank-line', detail: 'blank line in the host section; remove it (comments and blank lines go only at the top)' });
      }
    });
  }

  const firstLineOf = new Map<string, number>();
  hosts.forEach((host, i) => {
    if (!firstLineOf.has(host)) firstLineOf.set(host, lines[i] ?? 0);
  });

  let previous: string | undefined;
  hosts.forEach((host, i) => {
    const line = lines[i] ?? 0;
    const add = (problem: ListProblem, detail: string) => issues.push({ line, host, problem, detail });

    // Spelling.
    const nonAscii = NON_ASCII.test(host);
    const lower = host.toLowerCase();
    if (nonAscii) {
      const puny = canonicalHostname(lower.replace(/\.$/, ''));
      add('not-ascii', puny !== null && !NON_ASCII.test(puny) ? `write it in punycode: ${puny}` : 'a host must be ASCII (punycode for international names)');
    }
    if (host !== lower) add('not-lower-case', `write it in lower case: ${lower}`);
    const trailingDot = host.endsWith('.');
    if (trailingDot) add('trailing-dot', `drop the trailing dot: ${host.replace(/\.+$/, '')}`);
    if (!nonAscii && host === lower) {
      const bare = trailingDot ? host.slice(0, -1) : host;
      const reason = bare === '' ? 'nothing left without the dot' : notAHostReason(bare);
      if (reason !== null) add('not-a-host', reason);
    }

    // Order and redundancy.
    const first = firstLineOf.get(host);
    if (first !== undefined && first !== line) {
      add('duplicate', `already listed on line ${first}`);
      return; // a repeat says nothing new about order, and `previous` stays put
    }
    if (previous !== undefined && host < previous) add('not-sorted', `should come before ${previous} (plain ASCII order)`);
    previous = host;
    for (const parent of parents(host)) {
      const parentLine = firstLineOf.get(parent);
      if (parentLine !== undefined) {
        add('covered-by-parent', `${parent} (line ${parentLine}) already covers it`);
        break;
      }
    }
  });

  return issues.sort((a, b) => a.line - b.line);
}
