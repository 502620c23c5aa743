import { navigateTab } from '../platform/tabs.ts';
import { loadGrants } from './continue-grants.ts';
import { latestContext } from './guard.ts';
import { redirectFor } from './redirect-target.ts';

/**
 * The last line for top-level pages: once a page has committed, it is decided again and moved to
 * the block or warn page if the policy says so now. DNR rules act on requests, and some pages
 * commit without one they can see: Chrome does not apply DNR to navigations a site's service
 * worker answers, and a page restored from the back/forward cache makes no request at all.
 * Blocked navigations never get here (DNR sends them to the block page, which is not a web page).
 */
export async function checkCommitted(tabId: number, url: string): Promise<void> {
  // A tab that chose "Continue" keeps its site: know the grants before judging.
  const [ctx] = await Promise.all([latestContext(), loadGrants()]);
  const target = redirectFor(ctx, url, tabId);
  if (target) await navigateTab(tabId, target);
}
