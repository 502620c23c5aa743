import { decide } from '../../src/decide/decide.ts';
import { ALL_RESOURCE_TYPES, type ResourceType } from '../../src/decide/resource-types.ts';
import { addRequestGuard, type RequestAnswer, type RequestDetails } from '../platform/request-guard.ts';
import { contextAt, type EnforcementContext } from './context.ts';
import { grantsNow } from './continue-grants.ts';
import { decideSoon } from './guard.ts';
import { isWebUrl } from './redirect-target.ts';

/**
 * Firefox: every request that is not a page or a frame, decided with the guard's snapshot (the
 * compact matchers stored by the last sync). It is what enforces the long lists there — they get
 * no DNR rule while the worker has access to sites (enforce.ts, `listenerEnforces`) — so a request
 * to a blocked host is cancelled, and one whose host cannot be read is too (fail closed).
 * Pages and frames are the navigation guard's (guard.ts), which sends them to the block page.
 */

/** Firefox's types beyond the decision table's (beacon, imageset, speculative…) count as `other`: every blocking row covers it. */
function tableType(type: string): ResourceType {
  return (ALL_RESOURCE_TYPES as readonly string[]).includes(type) ? (type as ResourceType) : 'other';
}

export function blocksRequest(ctx: EnforcementContext, url: string, tabId: number, type: string, now = Date.now()): boolean {
  const result = decide(ctx.active.index, url, contextAt(ctx, now).situation, { resourceType: tableType(type), tabId, grants: grantsNow(tabId, now) });
  if (!result.ok) return isWebUrl(url);
  return result.decision.action === 'block';
}

function answer(ctx: EnforcementContext, details: RequestDetails): RequestAnswer {
  return blocksRequest(ctx, details.url, details.tabId, details.type) ? { cancel: true } : undefined;
}

const CANCEL = { cancel: true } as const;

function guard(details: RequestDetails): RequestAnswer | Promise<RequestAnswer> {
  // Answered at once from the guard's snapshot. Until it is read, the request waits (Firefox
  // accepts a promised answer); a failed read, or any error deciding, cancels it.
  try {
    const answered = decideSoon(details.url, (ctx) => answer(ctx, details));
    return answered instanceof Promise ? answered.catch(() => CANCEL) : answered;
  } catch {
    return CANCEL;
  }
}

/** Registered at the worker's top level, beside the navigation guard; false where the browser has none (Chrome). */
export function installRequestGuard(): boolean {
  return addRequestGuard(guard);
}
