import { MODES } from '../policy/actions.ts';
import type { CompiledPolicy } from '../policy/compiled-schema.ts';
import { dnrDomains } from './compile-rules.ts';
import { ALL_RESOURCE_TYPES, type DnrRule } from './types.ts';

/**
 * The categories every group blocks at every time: these fail closed. A device that has never
 * fetched a bundle, or whose worker has not started yet, still blocks them through a static
 * DNR ruleset compiled into the extension at build time.
 */
export function mustBlockCategories(policy: CompiledPolicy): string[] {
  return policy.categories
    .map((c) => c.id)
    .filter((id) => policy.groups.every((g) => MODES.every((m) => g.actions[id]?.[m] === 'block')));
}

export const BASELINE_RULESET_ID = 'baseline';

/**
 * Static rules for the must-block categories. Static rules cannot name the extension's own
 * origin (Firefox gives each install its own), so they redirect with `extensionPath`; the
 * original address is then not shown, which is acceptable for the seconds before the worker
 * replaces them with dynamic rules that carry it.
 */
export function compileStaticBaseline(policy: CompiledPolicy, lists: Readonly<Record<string, readonly string[]>>, blockedPagePath: string): DnrRule[] {
  const rules: DnrRule[] = [];
  mustBlockCategories(policy).forEach((id, i) => {
    const domains = dnrDomains(lists[id] ?? []);
    if (domains.length === 0) return;
    rules.push({
      id: 1 + i,
      priority: 300,
      action: { type: 'redirect', redirect: { extensionPath: `${blockedPagePath}?c=${encodeURIComponent(id)}&baseline=1` } },
      condition: { requestDomains: domains, resourceTypes: ALL_RESOURCE_TYPES },
    });
  });
  return rules;
}
