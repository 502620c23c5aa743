/**
 * Match patterns for the pages of `hosts` and their subdomains: where the personal-use banner
 * may appear. IP literals have no subdomains (`*.` before an address is not a valid pattern).
 */
export function bannerMatchPatterns(hosts: Iterable<string>): string[] {
  const out: string[] = [];
  for (const host of hosts) {
    if (host.includes(':')) out.push(`*://[${host}]/*`);
    else if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) out.push(`*://${host}/*`);
    else out.push(`*://${host}/*`, `*://*.${host}/*`);
  }
  return out;
}
