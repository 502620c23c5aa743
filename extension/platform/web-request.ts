import { browser } from './browser.ts';

/**
 * The start-up guard: a blocking webRequest listener for top-level and frame navigations.
 * DNR rules are not yet in force right after a browser restart (measured), while a blocking
 * webRequest listener is: Firefox honours it for every extension, Chrome for policy-installed
 * ones (for an unpacked extension Chrome ignores the answer; DNR and the tab sweep still apply).
 */

export type NavigationDetails = { url: string; tabId: number; type: 'main_frame' | 'sub_frame'; requestId: string; method: string };
export type GuardAnswer = { redirectUrl: string } | { cancel: true } | undefined;

/** Chrome needs the answer synchronously; Firefox also accepts a promise. */
export type Guard = (details: NavigationDetails) => GuardAnswer | Promise<GuardAnswer>;

/**
 * Quirk: Firefox's blocking webRequest waits for a promised answer; Chrome's needs the answer
 * synchronously. No feature test can tell, so this asks for the Firefox-only
 * runtime.getBrowserInfo. It can go when Chrome accepts promises from blocking listeners.
 */
export function guardMayWait(): boolean {
  return typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';
}

export function addNavigationGuard(guard: Guard): boolean {
  const webRequest = (browser as unknown as { webRequest?: { onBeforeRequest?: { addListener: (...args: unknown[]) => void } } }).webRequest;
  if (!webRequest?.onBeforeRequest) return false;
  try {
    webRequest.onBeforeRequest.addListener(
      (details: NavigationDetails) => guard(details),
      { urls: ['http://*/*', 'https://*/*'], types: ['main_frame', 'sub_frame'] },
      ['blocking'],
    );
    return true;
  } catch {
    return false;
  }
}
