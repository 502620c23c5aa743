/**
 * Named id ranges and priorities, so a rule's id says what it is and updates can replace
 * exactly the rules that changed. Priorities: an exemption beats everything; a block beats a
 * warning and beats a "continue" granted on a warning page, so a host that is also in a
 * blocked category stays blocked.
 */
export const RULE_ID = {
  exemption: 100, // + exemption index (max 800)
  blockPage: 1000, // + category index: every request to the host → block page
  warnPage: 3000, // + category index: main_frame → warn page
  sessionContinue: 10_000, // session rules: + counter
} as const;

export const PRIORITY = {
  exemption: 900,
  block: 300,
  sessionContinue: 250,
  warn: 200,
} as const;

export const MAX_EXEMPTIONS = 800;
