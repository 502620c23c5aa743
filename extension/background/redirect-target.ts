import { decide, type RequestContext } from '../../src/decide/decide.ts';
import { actionsByMode } from '../../src/decide/decision-changes.ts';
import type { Situation } from '../../src/decide/situation.ts';
import type { ResourceType } from '../../src/decide/resource-types.ts';
import { interstitialAddress, welcomeAddress } from '../../src/protocol/page-location.ts';
import { gateStops } from '../../src/decide/acceptance.ts';
import { extensionUrl } from '../platform/runtime.ts';
import { contextAt, type EnforcementContext } from './context.ts';
import { grantsNow } from './continue-grants.ts';

/** The schemes whose URLs name a host to decide (the rest — about:, data:, extension pages — have none). */
export function isWebUrl(url: string): boolean {
  return /^\s*(https?|wss?|ftp):/i.test(url);
}

/** A site some mode allows (in breaks or personal time), so blocking it now is about the time, not the site. */
function isPersonalUse(ctx: EnforcementContext, url: string, situation: Situation, request: RequestContext): boolean {
  const actions = actionsByMode(ctx.active.index, url, situation, request);
  return actions !== null && Object.values(actions).some((a) => a === 'allow' || a === 'allow-banner');
}

/**
 * Where a navigation to `url` in `tabId` must go instead, or null when it may proceed: the block,
 * warn or (AUP not yet accepted) welcome page. Used by the start-up guard, the tab sweep and the
 * committed-page check; DNR rules made from the same decision table make the
 * same choice natively (src/decide/table.ts).
 */
export function redirectFor(ctx: EnforcementContext, url: string, tabId: number, resourceType: ResourceType = 'main_frame', now = Date.now(), options: { openTab?: boolean } = {}): string | null {
  const situation = contextAt(ctx, now).situation;
  const request = { resourceType, tabId, grants: grantsNow(tabId, now) };
  const result = decide(ctx.active.index, url, situation, request);
  if (!result.ok) {
    // A web address whose host cannot be read is blocked, never waved through (fail closed);
    // anything else (about:, extension pages, data:) has no host to enforce.
    return isWebUrl(url) ? interstitialAddress(extensionUrl(''), 'blocked', '', url) : null;
  }
  const d = result.decision;
  const category = d.deciding[0]?.id ?? '';
  if (d.action === 'block') {
    // A tab left open on a personal-use site when personal time ends is told so ("Your break
    // ended at 13:30"), not treated as if the person had just tried to open it at work.
    const ended = options.openTab === true && isPersonalUse(ctx, url, situation, request);
    return interstitialAddress(extensionUrl(''), 'blocked', category, url, { ended });
  }
  // The AUP not yet accepted: below block, above everything else (src/decide/acceptance.ts).
  if (/^\s*https?:/i.test(url) && gateStops(ctx.gate, d, resourceType)) return welcomeAddress(extensionUrl(''), url);
  if (d.action === 'warn') return interstitialAddress(extensionUrl(''), 'warn', category, url);
  return null;
}
