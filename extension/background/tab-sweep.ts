import { navigateTab, openTabs } from '../platform/tabs.ts';
import type { EnforcementContext } from './context.ts';
import { isWebUrl, redirectFor } from './redirect-target.ts';
import { loadGrants } from './continue-grants.ts';

/**
 * Tabs that loaded a page before the rules were in force (restored at start-up, or opened in
 * the moment before an update) are sent to the block or warn page as soon as the worker runs.
 */
export async function sweepOpenTabs(ctx: EnforcementContext): Promise<number> {
  // A tab whose user chose "Continue" keeps its site: know the grants before judging tabs.
  await loadGrants();
  let moved = 0;
  for (const tab of await openTabs()) {
    if (!isWebUrl(tab.url)) continue;
    const target = redirectFor(ctx, tab.url, tab.id, 'main_frame', Date.now(), { openTab: true });
    if (target) {
      await navigateTab(tab.id, target).catch(() => undefined);
      moved++;
    }
  }
  return moved;
}
