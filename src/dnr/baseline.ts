import { MODES } from '../policy/actions.ts';
import type { CompiledPolicy } from '../policy/compiled-schema.ts';
import { actionFor, PRIORITY } from '../decide/table.ts';
import { ALL_RESOURCE_TYPES, DOCUMENT_TYPES } from '../decide/resource-types.ts';
import { baselineBlockPath } from '../protocol/page-location.ts';
import { dnrDomains } from './compile-rules.ts';
import type { DnrRule } from './types.ts';

/**
 * The categories every group blocks at every time: these fail closed. A device that has never
 * fetched a bundle, or whose worker has not started yet, still blocks them through a static
 * DNR ruleset compiled into the extension at build time.
 */
export function mustBlockCategories(policy: CompiledPolicy): string[] {
  return policy.categories
    .map((c) => c.id)
    .filter((id) => policy.groups.every((g) => MODES.every((m) => actionFor(g, id, m) === 'block')));
}

export const BASELINE_RULESET_ID = 'baseline';

/**
 * Static rules for the must-block categories (ids 1 + index for pages and frames, 1000 + index
 * for every other request; a namespace of their own). They redirect with `extensionPath`, which
 * cannot carry the original address, so they sit one priority step below the worker's rules for
 * the same hosts (which carry it, see page-location.ts): measured in Chromium 156, at equal
 * priority the static redirect won, and every block page said "address not available" for as
 * long as no bundle had arrived. Alone (before the worker's first rules) they still block.
 */
export function compileStaticBaseline(policy: CompiledPolicy, lists: Readonly<Record<string, readonly string[]>>): DnrRule[] {
  const rules: DnrRule[] = [];
  mustBlockCategories(policy).forEach((id, i) => {
    const domains = dnrDomains(lists[id] ?? []);
    if (domains.length === 0) return;
    rules.push({
      id: 1 + i,
      priority: PRIORITY.block - 1,
      action: { type: 'redirect', redirect: { extensionPath: baselineBlockPath(id) } },
      condition: { requestDomains: domains, resourceTypes: [...DOCUMENT_TYPES] },
    }, {
      // As for the worker's rules: everything blocked outright one step below the redirect
      // (WebSockets cannot be redirected; a redirect needs host access, a block does not).
      id: 1000 + i,
      priority: PRIORITY.block - 2,
      action: { type: 'block' },
      condition: { requestDomains: domains, resourceTypes: [...ALL_RESOURCE_TYPES] },
    });
  });
  return rules;
}
