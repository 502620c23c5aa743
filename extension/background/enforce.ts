import { planRuleUpdate, ruleSpecs, type RuleScope } from '../../src/dnr/compile-rules.ts';
import { RULE_ID } from '../../src/dnr/ids.ts';
import type { DnrRule } from '../../src/dnr/types.ts';
import { BASELINE_RULESET_ID } from '../../src/dnr/baseline.ts';
import { setAlarmAt, clearAlarm } from '../platform/alarms.ts';
import { dynamicRuleIds, sessionRules, setStaticRulesetEnabled, updateDynamicRules, updateSessionRules } from '../platform/dnr.ts';
import { extensionUrl } from '../platform/runtime.ts';
import { currentContext } from './context.ts';
import { sweepOpenTabs } from './tab-sweep.ts';
import { syncBannerScript } from './banner-script.ts';
import { enforcedRulesRecord, sessionRulesRecord } from './records.ts';

export const MODE_ALARM = 'mode-change';

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

/** Dynamic rules: our record `aup.enforcedRules`, or (none, or unreadable) whatever the browser holds, all replaced. */
async function recordedDynamic(): Promise<Recorded> {
  const stored = await enforcedRulesRecord.read();
  return stored ? recordedFrom(stored.keys) : { ids: await dynamicRuleIds(), keys: {} };
}

/**
 * Session rules: the record `aup.sessionRules` lives in storage.session, which the browser clears
 * together with the session rules themselves, so the two never disagree. Continue grants are
 * not ours to plan.
 */
async function recordedSession(): Promise<Recorded> {
  const stored = await sessionRulesRecord.read();
  if (stored) return recordedFrom(stored.keys);
  return { ids: (await sessionRules()).map((r) => r.id).filter((id) => id < RULE_ID.sessionContinue), keys: {} };
}

export type EnforceSummary = { mode: string; group: string; source: string; added: number; removed: number; ms: number };

let running: Promise<EnforceSummary> | null = null;

/**
 * Make the browser's rules match the policy, group and mode in force now, changing only the
 * rules whose content changed; then set one alarm for the next mode change.
 * Calls are serialised: a second call while one runs waits and runs again.
 */
export function enforce(now?: number): Promise<EnforceSummary> {
  const previous = running ?? Promise.resolve(null);
  const next = previous.catch(() => null).then(() => enforceOnce(now ?? Date.now()));
  running = next;
  return next;
}

async function enforceOnce(now: number): Promise<EnforceSummary> {
  const started = Date.now();
  const ctx = await currentContext(now);
  const { active } = ctx;
  const specs = ruleSpecs({
    policy: active.policy,
    group: ctx.group.group,
    mode: ctx.mode.mode,
    lists: Object.fromEntries(
      active.policy.categories.map((c) => [c.id, { version: active.listVersions[c.id] ?? 'none', count: active.listCounts[c.id] ?? 0 }]),
    ),
    extensionBase: extensionUrl(''),
  });

  // Session first: a list that moves between scopes is briefly enforced twice, never not at all.
  let added = 0;
  let removed = 0;
  const hostsCache = new Map<string, readonly string[]>();
  const hostsOf = async (category: string) => {
    if (!hostsCache.has(category)) hostsCache.set(category, await active.hostsOf(category));
    return hostsCache.get(category)!;
  };
  const apply = async (scope: RuleScope, recorded: Recorded, update: (remove: number[], add: DnrRule[]) => Promise<void>) => {
    const plan = planRuleUpdate(recorded.ids, recorded.keys, specs.filter((spec) => spec.scope === scope));
    const addRules: DnrRule[] = [];
    for (const spec of plan.add) {
      const rule = spec.make(spec.category ? await hostsOf(spec.category) : []);
      if (rule) addRules.push(rule);
    }
    if (plan.removeRuleIds.length > 0 || addRules.length > 0) await update(plan.removeRuleIds, addRules);
    added += addRules.length;
    removed += plan.removeRuleIds.length;
    return plan.keys;
  };
  const sessionKeys = await apply('session', await recordedSession(), updateSessionRules);
  await sessionRulesRecord.write({ version: 1, keys: sessionKeys });
  const dynamicKeys = await apply('dynamic', await recordedDynamic(), updateDynamicRules);
  await enforcedRulesRecord.write({
    version: 1, keys: dynamicKeys, enforcedAt: new Date().toISOString(), tookMs: Date.now() - started, source: active.source, serial: active.manifest?.serial ?? null,
  });

  // The static baseline blocks before any worker runs; once dynamic rules from a verified bundle
  // are in force it steps aside, so ICT can unblock a host the baseline lists.
  await setStaticRulesetEnabled(BASELINE_RULESET_ID, active.source === 'baseline');

  if (ctx.mode.until !== null) await setAlarmAt(MODE_ALARM, ctx.mode.until);
  else await clearAlarm(MODE_ALARM);

  await sweepOpenTabs(ctx);
  // The banner informs; a failure here must not stop enforcement, so it is reported, not thrown.
  await syncBannerScript(ctx).catch((error) => console.error('AUP Guard: banner registration failed', error));
  return {
    mode: ctx.mode.mode,
    group: ctx.group.group.id,
    source: active.source,
    added,
    removed,
    ms: Date.now() - started,
  };
}
