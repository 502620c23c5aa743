import { addNavigationGuard, guardMayWait, type GuardAnswer, type NavigationDetails } from '../platform/web-request.ts';
import { navigateTab } from '../platform/tabs.ts';
import { extensionUrl } from '../platform/runtime.ts';
import { currentContexts, type EnforcementContext } from './context.ts';
import { prepareDecision } from '../../src/decide/decide.ts';
import { loadGrants } from './continue-grants.ts';
import { redirectFor } from './redirect-target.ts';
import { markOnce, startPhase } from './phases.ts';
import { rulesInForceRecord } from './records.ts';

/**
 * The start-up guard (see platform/web-request.ts for why). It decides with the compact matcher
 * stored by the last sync, so a cold worker is ready in milliseconds. Until it is ready:
 * Firefox waits for it; Chrome needs an answer at once, so the navigation is cancelled and
 * re-issued (or redirected) the moment the guard is ready — failing closed, never open.
 */

let snapshot: EnforcementContext | null = null;
let loading: Promise<EnforcementContext> | null = null;
const heldBack: Array<{ tabId: number; url: string }> = [];
/**
 * Chrome, after an idle spell: until when this browser session's DNR rules are known to be in
 * force for the situation now (rulesInForceRecord). Until the snapshot is ready the rules decide
 * pages instead of the guard, so only the navigation that woke the worker is held, and only for
 * one storage.session read, not for the matchers' read (a tenth of a second with a million hosts).
 * 0 at a browser start: storage.session is empty then, and the rules may still be loading.
 */
let rulesInForceUntil = 0;
const own = extensionUrl('');

/**
 * Firefox, until the snapshot is ready: the context with the stored matchers open, a large one
 * perhaps not yet read whole (context.ts `currentContexts`). The first requests after a start are
 * answered from it, each after reading the few buckets its host needs, instead of waiting for the
 * whole million-host table (~0.1 s; docs/performance.md). Dropped once the snapshot is ready.
 */
let early: Promise<EnforcementContext> | null = null;

export function refreshGuard(): Promise<EnforcementContext> {
  const contexts = currentContexts();
  const grants = startPhase('read grants', loadGrants);
  // Only Firefox's listeners wait for an answer, so only they can use the early context.
  if (!snapshot && guardMayWait()) {
    early = Promise.all([contexts.early, grants]).then(([ctx]) => {
      markOnce('guard answers');
      return ctx;
    });
    early.catch(() => undefined);
  }
  const reading: Promise<EnforcementContext> = Promise.all([contexts.whole, grants]).then(([ctx]) => {
    // A slower, older read (the policy before a sync) must not replace a newer one's snapshot.
    if (loading === reading) {
      snapshot = ctx;
      early = null;
      markOnce('guard ready');
    }
    return ctx;
  });
  loading = reading;
  reading.then(releaseHeldBack, () => undefined);
  return reading;
}

/**
 * `decideWith` the snapshot at once when there is one. Before it, in Firefox, with the early
 * context once the buckets `url`'s host needs are read; with the snapshot after all if that
 * context cannot answer (its read failed, or the decision looked up something not prepared).
 */
export function decideSoon<T>(url: string, decideWith: (ctx: EnforcementContext) => T): T | Promise<T> {
  if (snapshot) return decideWith(snapshot);
  const whole = loading ?? refreshGuard();
  const soon = early;
  if (!soon) return whole.then(decideWith);
  return soon
    .then(async (ctx) => {
      await prepareDecision(ctx.active.index, url);
      if (snapshot) return decideWith(snapshot);
      const decided = decideWith(ctx);
      markOnce('guard first answer');
      return decided;
    })
    .catch(() => whole.then(decideWith));
}

function answer(ctx: EnforcementContext, details: NavigationDetails): GuardAnswer {
  const target = redirectFor(ctx, details.url, details.tabId, details.type);
  return target ? { redirectUrl: target } : undefined;
}

/** Re-issue the pages held back: decided by the guard (ctx), or left to the rules in force (null). */
async function releaseHeldBack(ctx: EnforcementContext | null): Promise<void> {
  for (const { tabId, url } of heldBack.splice(0)) {
    await navigateTab(tabId, (ctx && redirectFor(ctx, url, tabId)) ?? url).catch(() => undefined);
  }
}

/** Chrome's worker, woken: are this session's rules in force for now? Then they decide until the snapshot is ready. */
async function checkRulesInForce(): Promise<void> {
  const record = await rulesInForceRecord.read();
  if (snapshot || !record?.inForce) return;
  rulesInForceUntil = record.until ?? Number.POSITIVE_INFINITY;
  if (Date.now() < rulesInForceUntil) await releaseHeldBack(null);
}

function guard(details: NavigationDetails): GuardAnswer | Promise<GuardAnswer> {
  if (details.url.startsWith(own)) return undefined;
  if (snapshot) return answer(snapshot, details);
  if (guardMayWait()) return Promise.resolve(decideSoon(details.url, (ctx) => answer(ctx, details))).catch(() => ({ cancel: true }) as const);
  // The held-back pages below are re-issued when this read is done.
  if (!loading) void refreshGuard();
  if (Date.now() < rulesInForceUntil) return undefined;
  // Chrome, in a worker that has just started — at a browser start, and after every idle spell
  // when the navigation wakes it. A page is cancelled and re-issued once the guard is ready, but
  // only a GET can be re-issued: a cancelled form would be lost, or sent again without its fields
  // (measured: the first form a person sent after an idle spell never arrived). So a page sent
  // with any other method goes on, and the browser's DNR rules, in force all along after a wake,
  // decide it. What that leaves open is a form sent to a listed host in the first instant of a
  // browser start, before the rules load: no restored tab sends one (Chrome asks before sending a
  // form again), and the committed-navigation check still moves such a page (committed-check.ts).
  if (details.type === 'main_frame' && details.method !== 'GET') return undefined;
  if (details.type === 'main_frame' && details.tabId >= 0) heldBack.push({ tabId: details.tabId, url: details.url });
  return { cancel: true };
}

/** The guard's snapshot when it has one (hot paths such as the banner), else a fresh read. */
export function latestContext(): Promise<EnforcementContext> {
  return snapshot ? Promise.resolve(snapshot) : (loading ?? refreshGuard());
}

export function installGuard(): boolean {
  const installed = addNavigationGuard(guard);
  // Firefox waits for the snapshot instead: its listeners, not DNR, enforce the long lists there.
  if (installed && !guardMayWait()) checkRulesInForce().catch(() => undefined);
  return installed;
}
