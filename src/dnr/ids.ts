/**
 * Named id ranges, so a rule's id says what it is and updates can replace exactly the rules
 * that changed (a policy has at most 255 categories, so the ranges never meet). Priorities come
 * with the rows of the decision table (src/decide/table.ts).
 */
export const RULE_ID = {
  exemption: 100, // + exemption index (max 800)
  blockPage: 1000, // + category index: pages and frames of the host → block page
  blockOthers: 2000, // + category index: every other request to the host → blocked
  warnPage: 3000, // + category index: pages and frames → warn page
  acceptanceGate: 4000, // top-level pages → welcome page until the AUP is accepted (src/dnr/acceptance-gate.ts)
  safeSearch: 5000, // + SAFE_SEARCH_RULES index: 0 Google, 1 Bing, 2 DuckDuckGo (redirects), 3 YouTube-Restrict (header); src/dnr/safe-search.ts
  sessionContinue: 10_000, // session rules: + counter (continue grants)
} as const;

/** Exemptions beyond this many get no DNR rule (their id range ends at the block range). */
export const MAX_EXEMPTIONS = 800;
