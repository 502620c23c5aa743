import { z } from 'zod';
import { planRuleUpdate, ruleSpecs } from '../../src/dnr/compile-rules.ts';
import type { DnrRule } from '../../src/dnr/types.ts';
import { BASELINE_RULESET_ID } from '../../src/policy/baseline.ts';
import { setAlarmAt, clearAlarm } from '../platform/alarms.ts';
import { dynamicRuleIds, setStaticRulesetEnabled, updateDynamicRules } from '../platform/dnr.ts';
import { pageUrl } from '../platform/runtime.ts';
import { readLocal, writeLocal } from '../platform/storage.ts';
import { currentContext } from './context.ts';
import { sweepOpenTabs } from './tab-sweep.ts';

export const MODE_ALARM = 'mode-change';

/** The dynamic rules this extension added, by id, with their content keys (versioned). */
const RULES_KEY = 'aup.enforcedRules';
const EnforcedRules = z.object({
  version: z.literal(1),
  keys: z.record(z.string(), z.string()),
  enforcedAt: z.string().optional(),
  tookMs: z.number().optional(),
  source: z.string().optional(),
  /** Serial of the bundle whose rules are in force (null: the built-in baseline). */
  serial: z.number().nullable().optional(),
});

/** What the browser enforces now: differs from the stored bundle for the seconds a big update takes to apply. */
export async function readEnforcement(): Promise<{ enforcedAt: string | null; serial: number | null }> {
  const parsed = EnforcedRules.safeParse(await readLocal(RULES_KEY));
  return parsed.success ? { enforcedAt: parsed.data.enforcedAt ?? null, serial: parsed.data.serial ?? null } : { enforcedAt: null, serial: null };
}

async function readEnforced(): Promise<{ ids: number[]; keys: Record<number, string> } | null> {
  const parsed = EnforcedRules.safeParse(await readLocal(RULES_KEY));
  if (!parsed.success) return null;
  const keys = Object.fromEntries(Object.entries(parsed.data.keys).map(([id, key]) => [Number(id), key]));
  return { ids: Object.keys(keys).map(Number), keys };
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
      active.policy.categories.map((c) => [c.id, { version: active.listVersions[c.id] ?? 'none', count: countOf(active, c.id) }]),
    ),
    blockedPage: pageUrl('blocked'),
    warnPage: pageUrl('warn'),
  });

  // Without our own record (first run, or storage cleared) ask the browser what it holds.
  const enforced = (await readEnforced()) ?? { ids: await dynamicRuleIds(), keys: {} };
  const plan = planRuleUpdate(enforced.ids, enforced.keys, specs);
  const addRules: DnrRule[] = [];
  for (const spec of plan.add) {
    const rule = spec.make(spec.category ? await active.hostsOf(spec.category) : []);
    if (rule) addRules.push(rule);
  }

  if (plan.removeRuleIds.length > 0 || addRules.length > 0) {
    await updateDynamicRules(plan.removeRuleIds, addRules);
  }
  await writeLocal({ [RULES_KEY]: { version: 1, keys: plan.keys, enforcedAt: new Date().toISOString(), tookMs: Date.now() - started, source: active.source, serial: active.manifest?.serial ?? null } });

  // The static baseline blocks before any worker runs; once dynamic rules from a verified bundle
  // are in force it steps aside, so ICT can unblock a host the baseline lists.
  await setStaticRulesetEnabled(BASELINE_RULESET_ID, active.source === 'baseline');

  if (ctx.mode.until !== null) await setAlarmAt(MODE_ALARM, ctx.mode.until);
  else await clearAlarm(MODE_ALARM);

  await sweepOpenTabs(ctx);
  return {
    mode: ctx.mode.mode,
    group: ctx.group.group.id,
    source: active.source,
    added: addRules.length,
    removed: plan.removeRuleIds.length,
    ms: Date.now() - started,
  };
}

function countOf(active: { manifest: { chunks: Array<{ category: string; count: number }> } | null; source: string }, category: string): number {
  if (active.manifest) return active.manifest.chunks.find((c) => c.category === category)?.count ?? 0;
  return 1; // baseline: the embedded lists are small; an empty one simply yields no rule
}
