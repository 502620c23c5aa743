import type { CompiledPolicy } from '../policy/compiled-schema.ts';
import { HostMatcher } from '../match/matcher.ts';
import type { CategoryLookup } from './chunked-matcher.ts';

/**
 * A policy made ready for decisions: the host → category matcher (category numbers are indices
 * into policy.categories) and each exemption's hosts as a set, by exemption id. Built once per bundle.
 */
export type PolicyIndex = {
  policy: CompiledPolicy;
  matcher: CategoryLookup;
  exemptionHosts: ReadonlyMap<string, ReadonlySet<string>>;
};

export function buildMatcher(policy: CompiledPolicy, lists: Record<string, readonly string[]>): HostMatcher {
  const entries: Array<{ host: string; category: number }> = [];
  policy.categories.forEach((category, index) => {
    for (const host of lists[category.id] ?? []) entries.push({ host, category: index });
  });
  return HostMatcher.build(entries);
}

export function indexPolicy(policy: CompiledPolicy, matcher: CategoryLookup): PolicyIndex {
  return { policy, matcher, exemptionHosts: new Map(policy.exemptions.map((e) => [e.id, new Set(e.hosts)])) };
}
