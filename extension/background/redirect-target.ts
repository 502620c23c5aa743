import { decide } from '../../src/decide/decide.ts';
import { pageUrl } from '../platform/runtime.ts';
import type { EnforcementContext } from './context.ts';
import { hasGrantNow } from './continue-grants.ts';

/**
 * Where a navigation to `url` in `tabId` must go instead, or null when it may proceed. Used by
 * the start-up guard and the tab sweep; DNR rules make the same choice natively.
 */
export function redirectFor(ctx: EnforcementContext, url: string, tabId: number, now = Date.now()): string | null {
  const result = decide(ctx.active.index, url, { ...ctx.decision, at: now });
  if (!result.ok) return null; // not a web URL (about:, extension pages): nothing to enforce
  const d = result.decision;
  const category = d.deciding[0]?.id ?? '';
  if (d.action === 'block') return `${pageUrl('blocked')}?c=${encodeURIComponent(category)}#${url}`;
  if (d.action === 'warn' && !hasGrantNow(tabId, d.host, now)) return `${pageUrl('warn')}?c=${encodeURIComponent(category)}#${url}`;
  return null;
}
