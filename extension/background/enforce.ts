import { planRuleUpdate, ruleSpecs, type RuleScope, type RuleSpec } from '../../src/dnr/compile-rules.ts';
import { SAFE_SEARCH_OFF } from '../../src/policy/downloads-schema.ts';
import { safeSearchRuleSpecs, SAFE_SEARCH_RULES } from '../../src/dnr/safe-search.ts';
import { RULE_ID } from '../../src/dnr/ids.ts';
import type { DnrRule } from '../../src/dnr/types.ts';
import { BASELINE_RULESET_ID } from '../../src/dnr/baseline.ts';
import { setAlarmAt, clearAlarm } from '../platform/alarms.ts';
import { browserResourceTypes, dnrMissingActions, dynamicRuleIds, sessionRules, setStaticRulesetEnabled, updateDynamicRules, updateSessionRules } from '../platform/dnr.ts';
import { extensionUrl } from '../platform/runtime.ts';
import { hasHostAccess } from '../platform/permissions.ts';
import { listenerCanEnforce } from '../platform/request-guard.ts';
import { currentContext, rulesContext } from './context.ts';
import { markPhase, phase } from './phases.ts';
import { sweepOpenTabs } from './tab-sweep.ts';
import { syncBannerScript } from './banner-script.ts';
import { enforcedRulesRecord, rulesInForceRecord, sessionRulesRecord } from './records.ts';
import { serialQueue } from './serial.ts';
import { reportFailure } from './internal-errors.ts';

export const MODE_ALARM = 'mode-change';

/** Whether the long lists are left to the request listeners (Firefox, with access to sites: request-guard.ts). */
export function listenerEnforces(hostAccess: boolean): boolean {
  return hostAccess && listenerCanEnforce();
}

/** What the browser enforces now: differs from the stored bundle for the seconds a big update takes to apply. */
export async function readEnforcement(): Promise<{ enforcedAt: string | null; serial: number | null }> {
  const stored = await enforcedRulesRecord.read();
  return { enforcedAt: stored?.enforcedAt ?? null, serial: stored?.serial ?? null };
}

type Recorded = { ids: number[]; keys: Record<number, string> };

function recordedFrom(keys: Record<string, string>): Recorded {
  const byId = Object.fromEntries(Object.entries(keys).map(([id, key]) => [Number(id), key]));
  return { ids: Object.keys(byId).map(Number), keys: byId };
}

/**
 * The browser's dynamic rule ids, with the content keys `known` vouches for. Reading them copies
 * every rule into the worker (measured in Chromium 156: ~0.6 s with a million-host rule), so it
 * is done when the record cannot be trusted, after a refused update, and at browser start and
 * install (`reconcile`); otherwise the record, written ahead of every change, is the truth.
 */
async function browserDynamic(known: Record<number, string> = {}): Promise<Recorded> {
  return { ids: await dynamicRuleIds(), keys: known };
}

/**
 * Session rules are small, so the browser's own list is always read: the record only says what
 * content each of our ids has. Continue grants (ids from RULE_ID.sessionContinue) are not ours to plan.
 */
async function recordedSession(): Promise<Recorded> {
  const [stored, held] = await Promise.all([sessionRulesRecord.read(), sessionRules()]);
  const ids = held.map((r) => r.id).filter((id) => id < RULE_ID.sessionContinue);
  return { ids, keys: stored ? recordedFrom(stored.keys).keys : {} };
}

async function browserSession(): Promise<Recorded> {
  return { ids: (await sessionRules()).map((r) => r.id).filter((id) => id < RULE_ID.sessionContinue), keys: {} };
}

export type EnforceSummary = { mode: string; group: string; source: string; added: number; removed: number; ms: number; safeSearch: 'applied' | 'failed' };

const isSafeSearchId = (id: number) => id >= RULE_ID.safeSearch && id <= RULE_ID.safeSearch + SAFE_SEARCH_RULES.length;

const oneEnforceAtATime = serialQueue();

/**
 * Make the browser's rules match the policy, group and mode in force now, changing only the
 * rules whose content changed; then set one alarm for the next mode change.
 * Calls are serialised: a second call while one runs waits and runs again.
 */
export type EnforceOptions = { now?: number; reconcile?: boolean };

export function enforce(options: EnforceOptions = {}): Promise<EnforceSummary> {
  return oneEnforceAtATime(() => enforceOnce(options.now ?? Date.now(), options));
}

async function enforceOnce(now: number, options: EnforceOptions): Promise<EnforceSummary> {
  const started = Date.now();
  // The rules need the policy, not its matchers: a new bundle's matchers are built (or read)
  // only once its rules are in force, for the tab sweep and the guard below.
  const ctx = await phase('rules context', () => rulesContext(now));
  const { active } = ctx;
  // First, before anything that can fail: the next mode change must come whatever happens below.
  if (ctx.mode.until !== null) await setAlarmAt(MODE_ALARM, ctx.mode.until);
  else await clearAlarm(MODE_ALARM);
  const hostAccess = await hasHostAccess();
  const allSpecs = ruleSpecs({
    policy: active.policy,
    group: ctx.group.group,
    mode: ctx.mode.mode,
    lists: Object.fromEntries(
      active.policy.categories.map((c) => [c.id, { version: active.listVersions[c.id] ?? 'none', count: active.listCounts[c.id] ?? 0 }]),
    ),
    extensionBase: extensionUrl(''),
    everyResourceType: browserResourceTypes(),
    redirects: hostAccess,
    gate: ctx.gate,
  });
  // Firefox with access to sites: the long lists (dynamic scope) are enforced by the request
  // listeners from the compact matchers, not by DNR, whose million-host rule Firefox re-reads at
  // every browser start (docs/performance.md). Without access to sites those listeners see
  // nothing, so the lists go back to DNR, whose `block` needs no host access.
  const specs = listenerEnforces(hostAccess) ? allSpecs.filter((spec) => spec.scope !== 'dynamic') : allSpecs;
  // Safe search is applied as its own update: a browser that refuses a redirect transform or a
  // header rule must not take the block rules down with it. A refusal is reported, never silent.
  const safeSearchSpecs: RuleSpec[] = safeSearchRuleSpecs(active.policy.safeSearch[ctx.group.group.id] ?? SAFE_SEARCH_OFF, browserResourceTypes());

  // Session first: a list that moves between scopes is briefly enforced twice, never not at all.
  let added = 0;
  let removed = 0;
  const hostsCache = new Map<string, readonly string[]>();
  const hostsOf = async (category: string) => {
    if (!hostsCache.has(category)) hostsCache.set(category, await active.hostsOf(category));
    return hostsCache.get(category)!;
  };
  /** Plan from `recorded` and update; if the browser refuses, re-read its rules and try once more. */
  const apply = async (scope: RuleScope, recorded: Recorded, reread: () => Promise<Recorded>, update: (remove: number[], add: DnrRule[]) => Promise<void>, wanted = specs) => {
    const mine = (ids: readonly number[]) => (wanted === specs ? ids.filter((id) => !isSafeSearchId(id)) : ids.filter(isSafeSearchId));
    const attempt = async (from: Recorded) => {
      const plan = planRuleUpdate(mine(from.ids), from.keys, wanted.filter((spec) => spec.scope === scope));
      const addRules: DnrRule[] = [];
      await phase(`make ${scope} rules`, async () => {
        for (const spec of plan.add) {
          const rule = spec.make(spec.category ? await hostsOf(spec.category) : []);
          if (rule) addRules.push(rule);
        }
      });
      if (plan.removeRuleIds.length > 0 || addRules.length > 0) await phase(`update ${scope} rules`, () => update(plan.removeRuleIds, addRules));
      added += addRules.length;
      removed += plan.removeRuleIds.length;
      return plan.keys;
    };
    try {
      return await attempt(recorded);
    } catch (error) {
      console.warn(`AUP Guard: updating ${scope} rules failed, reconciling with the browser's rules`, error);
      return attempt(await reread());
    }
  };

  let failure: unknown = null;
  let safeSearch: EnforceSummary['safeSearch'] = 'applied';
  try {
    // Before any rule changes: a worker woken meanwhile must not take the rules as in force (guard.ts).
    await rulesInForceRecord.write({ version: 1, inForce: false, until: null });
    const session = await recordedSession();
    const sessionKeys = await apply('session', session, browserSession, updateSessionRules);
    const safeKeys = await applySafeSearch(safeSearchSpecs, () => apply('session', session, browserSession, updateSessionRules, safeSearchSpecs));
    if (safeKeys === null) safeSearch = 'failed';
    await sessionRulesRecord.write({ version: 1, keys: { ...sessionKeys, ...(safeKeys ?? {}) } });
    // Dynamic rules: our record `aup.enforcedRules` says which rules we added, with what content —
    // unless it is missing, unreadable, or left `pending` by a worker that stopped in the middle
    // of an update. Then the browser's own list is the truth (reading it copies every rule, a
    // million hosts included, so only then) and every rule in it is replaced.
    const before = await enforcedRulesRecord.read();
    const trusted = before && !before.pending ? recordedFrom(before.keys) : null;
    const recorded = trusted && !options.reconcile ? trusted : await browserDynamic(trusted?.keys);
    // Write-ahead: a worker stopped during the update leaves `pending` for the next enforce to see.
    if (before) await enforcedRulesRecord.write({ ...before, pending: true });
    const dynamicKeys = await apply('dynamic', recorded, () => browserDynamic(), updateDynamicRules);
    markPhase('rules in force');
    await enforcedRulesRecord.write({
      version: 1, keys: dynamicKeys, enforcedAt: new Date().toISOString(), tookMs: Date.now() - started, source: active.source, serial: active.manifest?.serial ?? null,
    });
  } catch (error) {
    failure = error;
  }

  // The static baseline blocks before any worker runs; once dynamic rules from a verified bundle
  // are in force it steps aside, so ICT can unblock a host the baseline lists. If the rules could
  // not be applied it stays on: fail closed.
  await setStaticRulesetEnabled(BASELINE_RULESET_ID, active.source === 'baseline' || failure !== null);
  if (failure === null) await rulesInForceRecord.write({ version: 1, inForce: true, until: ctx.mode.until });

  // Now the matchers (loaded, or built from the hosts the sync lent and stored for the next start).
  const full = await currentContext(now);
  await phase('tab sweep', () => sweepOpenTabs(full)).catch((error) => console.error('AUP Guard: tab sweep failed', error));
  // The banner informs; a failure here must not stop enforcement, so it is reported, not thrown.
  await phase('banner', () => syncBannerScript(full)).catch((error) => console.error('AUP Guard: banner registration failed', error));
  if (failure !== null) throw failure;
  return {
    mode: ctx.mode.mode,
    group: ctx.group.group.id,
    source: active.source,
    added,
    removed,
    ms: Date.now() - started,
    safeSearch,
  };
}

/**
 * Apply the safe-search rules, after checking the browser can hold them (a redirect with a
 * `transform`, a `modifyHeaders` rule). Returns their keys, or null when the browser refused:
 * reported as enforcement failures are (console and `aup.lastInternalError`), and the rest of the
 * rules stay in force.
 */
async function applySafeSearch(wanted: readonly RuleSpec[], update: () => Promise<Record<number, string>>): Promise<Record<number, string> | null> {
  const missing = dnrMissingActions(wanted.map((spec) => spec.make([])!));
  if (missing.length > 0) {
    reportFailure('safe search rules')(new Error(`this browser's declarativeNetRequest cannot ${missing.join(' or ')}: safe search is not enforced`));
    return null;
  }
  try {
    return await update();
  } catch (error) {
    reportFailure('safe search rules')(error);
    return null;
  }
}
