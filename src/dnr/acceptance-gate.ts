import type { AcceptanceGate } from '../decide/acceptance.ts';
import { PRIORITY } from '../decide/table.ts';
import { welcomeSubstitution } from '../protocol/page-location.ts';
import { RULE_ID } from './ids.ts';
import type { DnrRule } from './types.ts';

/** Every http(s) address; the whole match (`\0`) is what the welcome page is given. */
const WEB_PAGE = '^https?://.*$';

/**
 * The acceptance gate as one DNR rule (src/decide/acceptance.ts says what it is): top-level
 * http(s) pages → the welcome page with the original URL, at PRIORITY.acceptanceGate (below the
 * block rules, above everything that only allows or warns; exemptions at 900 still win). The
 * AUP's own host is excluded from the rule rather than allowed above it, so whatever else applies
 * to that host (a warning) still does, exactly as decide() sees it. Without access to sites a
 * redirect cannot apply: pages are then blocked outright and the committed-page check shows the
 * welcome page. Session scope: small, and gone with the session like the rest of the policy's.
 */
export function acceptanceGateRule(gate: AcceptanceGate, extensionBase: string, redirects = true): DnrRule {
  // An IPv6 literal is written in brackets, as in a URL (see dnrDomains in compile-rules.ts).
  const excluded = gate.aupHost ? { excludedRequestDomains: [gate.aupHost.includes(':') ? `[${gate.aupHost}]` : gate.aupHost] } : {};
  return {
    id: RULE_ID.acceptanceGate,
    priority: PRIORITY.acceptanceGate,
    action: redirects ? { type: 'redirect', redirect: { regexSubstitution: welcomeSubstitution(extensionBase) } } : { type: 'block' },
    condition: { regexFilter: WEB_PAGE, resourceTypes: ['main_frame'], ...excluded },
  };
}

/** The rule's content key (changes whenever the rule would). */
export function acceptanceGateKey(gate: AcceptanceGate, extensionBase: string, redirects = true): string {
  return `gate|${gate.aupVersion}|${gate.aupHost ?? ''}|${PRIORITY.acceptanceGate}|${redirects ? extensionBase : 'no-redirect'}`;
}
