import type { ResourceType } from '../decide/resource-types.ts';

/**
 * The subset of declarativeNetRequest rules AUP Guard writes, typed here so the compiler stays
 * pure (no @types/chrome in the core). Both Chrome and Firefox accept exactly this shape.
 */
export type DnrRule = {
  id: number;
  priority: number;
  action:
    | { type: 'block' }
    | { type: 'allow' }
    | { type: 'redirect'; redirect: { regexSubstitution: string } | { extensionPath: string } };
  condition: {
    requestDomains?: string[];
    excludedRequestDomains?: string[];
    regexFilter?: string;
    resourceTypes?: ResourceType[];
    excludedResourceTypes?: ResourceType[];
    tabIds?: number[];
  };
};

/** A rule plus a short key that changes whenever the rule's content changes (for cheap diffs). */
export type KeyedRule = { rule: DnrRule; key: string };
