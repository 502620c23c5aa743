import { decide } from '../../src/decide/decide.ts';
import type { ResourceType } from '../../src/decide/resource-types.ts';
import { interstitialAddress } from '../../src/protocol/page-location.ts';
import { extensionUrl } from '../platform/runtime.ts';
import { contextAt, type EnforcementContext } from './context.ts';
import { grantsNow } from './continue-grants.ts';

/** The schemes whose URLs name a host to decide (the rest — about:, data:, extension pages — have none). */
export function isWebUrl(url: string): boolean {
  return /^\s*(https?|wss?|ftp):/i.test(url);
}

/**
 * Where a navigation to `url` in `tabId` must go instead, or null when it may proceed. Used by
 * the start-up guard and the tab sweep; DNR rules made from the same decision table make the
 * same choice natively (src/decide/table.ts).
 */
export function redirectFor(ctx: EnforcementContext, url: string, tabId: number, resourceType: ResourceType = 'main_frame', now = Date.now()): string | null {
  const result = decide(ctx.active.index, url, contextAt(ctx, now).situation, { resourceType, tabId, grants: grantsNow(tabId, now) });
  if (!result.ok) {
    // A web address whose host cannot be read is blocked, never waved through (fail closed);
    // anything else (about:, extension pages, data:) has no host to enforce.
    return isWebUrl(url) ? interstitialAddress(extensionUrl(''), 'blocked', '', url) : null;
  }
  const d = result.decision;
  const category = d.deciding[0]?.id ?? '';
  if (d.action === 'block') return interstitialAddress(extensionUrl(''), 'blocked', category, url);
  if (d.action === 'warn') return interstitialAddress(extensionUrl(''), 'warn', category, url);
  return null;
}
