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
    | { type: 'redirect'; redirect: { regexSubstitution: string } | { extensionPath: string } | { transform: { queryTransform: QueryTransform } } }
    | { type: 'modifyHeaders'; requestHeaders: Array<{ header: string; operation: 'set'; value: string }> };
  condition: {
    requestDomains?: string[];
    excludedRequestDomains?: string[];
    regexFilter?: string;
    resourceTypes?: ResourceType[];
    excludedResourceTypes?: ResourceType[];
    tabIds?: number[];
    isUrlFilterCaseSensitive?: boolean;
  };
};

/**
 * A redirect's query transform (safe search): `removeParams` drops every occurrence of a key,
 * then `addOrReplaceParams` replaces the first remaining occurrence or appends (Chromium and
 * Firefox alike; see src/dnr/safe-search.ts for why both are used together).
 */
export type QueryTransform = {
  removeParams?: string[];
  addOrReplaceParams?: Array<{ key: string; value: string; replaceOnly?: boolean }>;
};

/** A rule plus a short key that changes whenever the rule's content changes (for cheap diffs). */
export type KeyedRule = { rule: DnrRule; key: string };
