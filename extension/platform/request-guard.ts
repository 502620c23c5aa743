import { browser } from './browser.ts';
import { guardMayWait } from './web-request.ts';

/**
 * Firefox only: a blocking webRequest listener for every request that is not a page or a frame
 * (those are the navigation guard's, web-request.ts), so the long category lists can be enforced
 * from the compact matcher instead of a giant declarativeNetRequest rule.
 *
 * Why (measured in Firefox ESR 153, docs/performance.md "Firefox"): Firefox reads and validates
 * every dynamic rule on the parent process's main thread at each browser start; with a
 * million-host list that held the whole browser's start-up for 11–14 s, and the navigation
 * guard's answer with it. A blocking listener is primed by Firefox before the event page runs
 * (webRequest is a start-up blocking API), so it also holds subresources at start until the
 * worker has read its matchers — where a DNR rule not yet loaded let them through.
 * Chrome honours blocking listeners only for policy-installed extensions, so it keeps DNR.
 */

export type RequestDetails = { url: string; tabId: number; type: string; requestId: string };
export type RequestAnswer = { cancel: true } | undefined;
export type RequestGuard = (details: RequestDetails) => RequestAnswer | Promise<RequestAnswer>;

/** Whether this browser lets the worker enforce lists from a blocking webRequest listener (Firefox). */
export function listenerCanEnforce(): boolean {
  return guardMayWait();
}

type WebRequest = { onBeforeRequest?: { addListener: (...args: unknown[]) => void }; ResourceType?: Record<string, string> };

/** The request types the browser knows, pages and frames left to the navigation guard. */
function subresourceTypes(webRequest: WebRequest): string[] | undefined {
  const all = webRequest.ResourceType ? Object.values(webRequest.ResourceType).filter((v) => typeof v === 'string') : [];
  const types = all.filter((t) => t !== 'main_frame' && t !== 'sub_frame');
  return types.length > 0 ? types : undefined;
}

/** Registered synchronously at the worker's top level (so Firefox persists and primes it). */
export function addRequestGuard(guard: RequestGuard): boolean {
  if (!listenerCanEnforce()) return false;
  const webRequest = (browser as unknown as { webRequest?: WebRequest }).webRequest;
  const types = webRequest && subresourceTypes(webRequest);
  if (!webRequest?.onBeforeRequest || !types) return false;
  try {
    webRequest.onBeforeRequest.addListener(
      (details: RequestDetails) => guard(details),
      { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'], types },
      ['blocking'],
    );
    return true;
  } catch {
    return false;
  }
}
