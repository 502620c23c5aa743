import type { CompiledPolicy } from '../policy/compiled-schema.ts';
import { HostMatcher } from '../match/matcher.ts';
import { hostSuffixes } from '../match/host.ts';
import type { CategoryLookup } from './chunked-matcher.ts';

/**
 * A policy made ready for decisions: the host → category matcher (category numbers are indices
 * into policy.categories) and the exemptions as suffix sets. Built once per bundle.
 */
export type PolicyIndex = {
  policy: CompiledPolicy;
  matcher: CategoryLookup;
  exemptions: ReadonlyArray<{ id: string; reason: string; groups: readonly string[] | null; hosts: ReadonlySet<string> }>;
};

export function buildMatcher(policy: CompiledPolicy, lists: Record<string, readonly string[]>): HostMatcher {
  const entries: Array<{ host: string; category: number }> = [];
  policy.categories.forEach((category, index) => {
    for (const host of lists[category.id] ?? []) entries.push({ host, category: index });
  });
  return HostMatcher.build(entries);
}

export function indexPolicy(policy: CompiledPolicy, matcher: CategoryLookup): PolicyIndex {
  return {
    policy,
    matcher,
    exemptions: policy.exemptions.map((e) => ({ id: e.id, reason: e.reason, groups: e.groups, hosts: new Set(e.hosts) })),
  };
}

/** The exemption that covers `host` (or a parent of it) for `groupId`, if any. */
export function findExemption(index: PolicyIndex, host: string, groupId: string) {
  const suffixes = hostSuffixes(host);
  for (const exemption of index.exemptions) {
    if (exemption.groups && !exemption.groups.includes(groupId)) continue;
    const matched = suffixes.find((s) => exemption.hosts.has(s));
    if (matched) return { exemption, matched };
  }
  return undefined;
}
