import { addNavigationGuard, guardMayWait, type GuardAnswer, type NavigationDetails } from '../platform/web-request.ts';
import { navigateTab } from '../platform/tabs.ts';
import { extensionUrl } from '../platform/runtime.ts';
import { currentContext, type EnforcementContext } from './context.ts';
import { loadGrants } from './continue-grants.ts';
import { redirectFor } from './redirect-target.ts';
import { markOnce } from './phases.ts';

/**
 * The start-up guard (see platform/web-request.ts for why). It decides with the compact matcher
 * stored by the last sync, so a cold worker is ready in milliseconds. Until it is ready:
 * Firefox waits for it; Chrome needs an answer at once, so the navigation is cancelled and
 * re-issued (or redirected) the moment the guard is ready — failing closed, never open.
 */

let snapshot: EnforcementContext | null = null;
let loading: Promise<EnforcementContext> | null = null;
const heldBack: Array<{ tabId: number; url: string }> = [];
const own = extensionUrl('');

export function refreshGuard(): Promise<EnforcementContext> {
  loading = Promise.all([currentContext(), loadGrants()]).then(([ctx]) => {
    snapshot = ctx;
    markOnce('guard ready');
    return ctx;
  });
  loading.then(releaseHeldBack, () => undefined);
  return loading;
}

function answer(ctx: EnforcementContext, details: NavigationDetails): GuardAnswer {
  const target = redirectFor(ctx, details.url, details.tabId, details.type);
  return target ? { redirectUrl: target } : undefined;
}

async function releaseHeldBack(ctx: EnforcementContext): Promise<void> {
  for (const { tabId, url } of heldBack.splice(0)) {
    await navigateTab(tabId, redirectFor(ctx, url, tabId) ?? url).catch(() => undefined);
  }
}

function guard(details: NavigationDetails): GuardAnswer | Promise<GuardAnswer> {
  if (details.url.startsWith(own)) return undefined;
  if (snapshot) return answer(snapshot, details);
  const ready = loading ?? refreshGuard();
  if (guardMayWait()) return ready.then((ctx) => answer(ctx, details), () => ({ cancel: true }) as const);
  if (details.type === 'main_frame' && details.tabId >= 0) heldBack.push({ tabId: details.tabId, url: details.url });
  return { cancel: true };
}

/** The guard's snapshot when it has one (hot paths such as the banner), else a fresh read. */
export function latestContext(): Promise<EnforcementContext> {
  return snapshot ? Promise.resolve(snapshot) : (loading ?? refreshGuard());
}

export function installGuard(): boolean {
  return addNavigationGuard(guard);
}
