/**
 * The kinds of request a decision-table row covers, named as declarativeNetRequest names them
 * (both Chrome and Firefox accept exactly these). They live with the decision table, not with
 * the DNR compiler, because the guard and `decide()` need them too.
 */
export type ResourceType =
  | 'main_frame' | 'sub_frame' | 'stylesheet' | 'script' | 'image' | 'font' | 'object' | 'xmlhttprequest'
  | 'ping' | 'csp_report' | 'media' | 'websocket' | 'webtransport' | 'webbundle' | 'other';

/**
 * Every resource type Chrome and Firefox both know. A DNR rule without resourceTypes matches
 * everything EXCEPT main_frame (both browsers), so a rule meant for a whole host — a block, an
 * exemption, a "continue" — must name them all (measured: without it the page stayed blocked).
 */
export const ALL_RESOURCE_TYPES: readonly ResourceType[] = [
  'main_frame', 'sub_frame', 'stylesheet', 'script', 'image', 'font', 'object', 'xmlhttprequest',
  'ping', 'csp_report', 'media', 'websocket', 'other',
];

/** Whether `types` is "every kind of request" (rows that block, exempt or continue a whole host). */
export function coversEveryType(types: readonly ResourceType[]): boolean {
  return types === ALL_RESOURCE_TYPES;
}

/**
 * What a warning covers: the documents a person looks at, top-level pages and frames. A framed
 * page of a warned category gets the warn page in its frame (else any page could frame the whole
 * site past the warning); its images, scripts and XHRs are not "a visit" and pass.
 */
export const DOCUMENT_TYPES: readonly ResourceType[] = ['main_frame', 'sub_frame'];
