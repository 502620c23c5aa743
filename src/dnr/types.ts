/**
 * The subset of declarativeNetRequest rules AUP Guard writes, typed here so the compiler stays
 * pure (no @types/chrome in the core). Both Chrome and Firefox accept exactly this shape.
 */
export type ResourceType =
  | 'main_frame' | 'sub_frame' | 'stylesheet' | 'script' | 'image' | 'font' | 'object' | 'xmlhttprequest'
  | 'ping' | 'csp_report' | 'media' | 'websocket' | 'webtransport' | 'webbundle' | 'other';

export type DnrRule = {
  id: number;
  priority: number;
  action:
    | { type: 'block' }
    | { type: 'allow' }
    | { type: 'redirect'; redirect: { regexSubstitution: string } | { extensionPath: string } };
  condition: {
    requestDomains?: string[];
    regexFilter?: string;
    resourceTypes?: ResourceType[];
    excludedResourceTypes?: ResourceType[];
    tabIds?: number[];
  };
};

/** A rule plus a short key that changes whenever the rule's content changes (for cheap diffs). */
export type KeyedRule = { rule: DnrRule; key: string };

/**
 * Every resource type Chrome and Firefox both know. A DNR rule without resourceTypes matches
 * everything EXCEPT main_frame (both browsers), so an allow rule meant for a whole host — an
 * exemption, a "continue" — must name them all (measured: without it the page stayed blocked).
 */
export const ALL_RESOURCE_TYPES: ResourceType[] = [
  'main_frame', 'sub_frame', 'stylesheet', 'script', 'image', 'font', 'object', 'xmlhttprequest',
  'ping', 'csp_report', 'media', 'websocket', 'other',
];
