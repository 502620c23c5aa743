/**
 * Host normalisation: every host that reaches a list, a matcher or a DNR rule passes through here,
 * so "WWW.Example.COM.", "www.example.com" and "http://user@www.example.com:8080/" all become the
 * same key. The WHATWG URL parser does the hard parts (IDNA → punycode, lower-casing, percent-
 * decoding, the odd IPv4 spellings such as 0x7f.1 or 2130706433, IPv6 compression) exactly as the
 * browser will when it makes the request; we add the checks it leaves to us.
 */

export type HostKind = 'domain' | 'ipv4' | 'ipv6';
export type HostResult = { ok: true; host: string; kind: HostKind } | { ok: false; error: string };

/** A bare host longer than this is refused before parsing (a list line, a typed host). */
export const MAX_INPUT_LENGTH = 8 * 1024;
/** DNS limits (RFC 1035): 253 characters without the trailing dot, 63 per label. */
export const MAX_HOST_LENGTH = 253;
export const MAX_LABEL_LENGTH = 63;

/** Schemes whose URLs name a host we can check. `javascript:`, `data:`, `blob:`, `file:` … do not. */
const HOST_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

/** After IDNA a DNS label is ASCII letters, digits and hyphens; `_` appears in real lists (SRV-ish names). */
const DOMAIN_LABEL = /^[a-z0-9_-]+$/;
const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

const fail = (error: string): HostResult => ({ ok: false, error });

/**
 * From a full URL string (http/https/ws/wss/ftp; anything else → error), of any length: the host
 * decides, so a long path or query must not make a URL undecidable (a 9,000-character URL on a
 * blocked host is still that host). Only the scheme and authority are parsed.
 */
export function hostFromUrl(url: string): HostResult {
  let parsed: URL;
  try {
    parsed = new URL(schemeAndAuthority(url));
  } catch {
    return fail('not a valid URL');
  }
  if (!HOST_SCHEMES.has(parsed.protocol)) {
    return fail(`a ${parsed.protocol} URL has no host to check (only http, https, ws, wss and ftp)`);
  }
  // `hostname` already excludes userinfo and port: user:pw@example.com@evil.test → evil.test.
  return finishHost(parsed.hostname);
}

/**
 * `scheme://authority/` of a URL, as the WHATWG parser would split it: tabs and newlines are
 * dropped anywhere and C0 controls and spaces trimmed at the ends (as the browser does), and for
 * the schemes with hosts `\\` counts as `/`. The authority ends at the first `/`, `\\`, `?` or `#`.
 * Short URLs are returned whole.
 */
// eslint-disable-next-line no-control-regex -- the URL standard trims exactly these (C0 controls and space)
const LEADING_C0_AND_SPACE = /^[\u0000-\u0020]+/;

function schemeAndAuthority(url: string): string {
  if (url.length <= MAX_INPUT_LENGTH) return url;
  const head = url.slice(0, 4 * MAX_INPUT_LENGTH).replace(/[\t\n\r]/g, '').replace(LEADING_C0_AND_SPACE, '');
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*:)[/\\]*([^/\\?#]*)/.exec(head);
  if (!match) return url.slice(0, MAX_INPUT_LENGTH); // fails to parse, or parses without a host: an error either way
  const [, scheme, authority] = match;
  if (authority!.length > MAX_INPUT_LENGTH) return ''; // no real host is this long: not a valid URL
  return `${scheme}//${authority}/`;
}

/**
 * From a bare host as ICT writes it in a list or a user types it ("WWW.Example.COM.", "bücher.de",
 * "[::1]", "0x7f.1"). Anything more than a host (scheme, path, port, userinfo) is an error rather
 * than silently dropped: in a list it is almost always a mistake someone should see.
 */
export function normalizeHost(input: string): HostResult {
  if (input.length > MAX_INPUT_LENGTH) return fail(`host is longer than ${MAX_INPUT_LENGTH} characters`);
  const text = input.trim();
  if (text === '') return fail('host is empty');
  const bad = /[/?#@\\\s]/.exec(text);
  if (bad) return fail(`a host cannot contain ${JSON.stringify(bad[0])}; give the host only, without scheme, path or user`);

  let authority = text;
  if (/^[^:[\]]*:\d*$/.test(text) || /\]:\d*$/.test(text)) return fail('a host cannot include a port');
  if (text.includes(':') && !text.startsWith('[')) {
    // The only colons a bare host may hold are IPv6 ones; accept ::1 as well as [::1].
    authority = `[${text}]`;
  }
  let parsed: URL;
  try {
    parsed = new URL(`http://${authority}/`);
  } catch {
    return fail('not a valid host name or IP address');
  }
  return finishHost(parsed.hostname);
}

/** The checks WHATWG leaves to us, applied to a `URL.hostname`. */
function finishHost(hostname: string): HostResult {
  if (hostname.startsWith('[')) return { ok: true, host: hostname.slice(1, -1), kind: 'ipv6' };
  // One trailing dot is the DNS root and names the same host; more than one is not a host.
  const host = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (host === '') return fail('host is empty');
  if (IPV4.test(host)) return { ok: true, host, kind: 'ipv4' };
  if (host.length > MAX_HOST_LENGTH) return fail(`host is longer than ${MAX_HOST_LENGTH} characters`);
  for (const label of host.split('.')) {
    if (label === '') return fail('host has an empty label (two dots in a row, or a leading or extra trailing dot)');
    if (label.length > MAX_LABEL_LENGTH) return fail(`host has a label longer than ${MAX_LABEL_LENGTH} characters`);
    if (!DOMAIN_LABEL.test(label)) return fail(`host label ${JSON.stringify(label)} has characters a host name cannot have`);
  }
  return { ok: true, host, kind: 'domain' };
}

/**
 * Is this normalised host an IP literal? After normalisation a domain never ends in an all-digit
 * label (WHATWG parses such a host as IPv4 or rejects it), and only IPv6 has colons. The matcher
 * uses the same rule, so the two cannot disagree.
 */
export function isIpLiteral(host: string): boolean {
  if (host.includes(':')) return true;
  const last = host.slice(host.lastIndexOf('.') + 1);
  return last !== '' && /^\d+$/.test(last);
}

/**
 * The IPv4 address an IPv6 literal reaches, when it embeds one: IPv4-mapped `::ffff:a.b.c.d`
 * (a dual-stack socket connects to the IPv4 host) and the NAT64 well-known prefix
 * `64:ff9b::a.b.c.d` (RFC 6052: a NAT64 gateway does). `host` is normalised, so the WHATWG
 * parser has already written the last 32 bits as two hex groups (`::ffff:a0b:c0d`).
 */
export function embeddedIpv4(host: string): string | null {
  const match = /^(?:::ffff|64:ff9b:):([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (!match) return null;
  const [hi, lo] = [parseInt(match[1]!, 16), parseInt(match[2]!, 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** The host and each parent at label boundaries, most specific first: "a.b.c" → ["a.b.c","b.c","c"]. IPs → [ip] only. */
export function hostSuffixes(host: string): string[] {
  if (isIpLiteral(host)) return [host];
  const out = [host];
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) out.push(host.slice(dot + 1));
  return out;
}
