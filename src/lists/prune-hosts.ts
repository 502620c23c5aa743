import { hostSuffixes } from '../match/host.ts';

/**
 * Unique hosts, sorted, without any host whose parent is also present (a listed host covers its
 * subdomains, so the child adds nothing but bytes and DNR entries). uBO's pruneHostnameArray.
 */
export function pruneCoveredHosts(hosts: Iterable<string>): string[] {
  const all = new Set(hosts);
  const kept: string[] = [];
  for (const host of all) {
    if (!hostSuffixes(host).slice(1).some((parent) => all.has(parent))) kept.push(host);
  }
  return kept.sort();
}
