import type { DnrRule } from '../../src/dnr/types.ts';
import { browser } from './browser.ts';

/* declarativeNetRequest: the browser enforces these rules itself, even while the worker sleeps. */

type Dnr = {
  updateDynamicRules(options: { removeRuleIds?: number[]; addRules?: DnrRule[] }): Promise<void>;
  getDynamicRules(filter?: { ruleIds?: number[] }): Promise<DnrRule[]>;
  updateSessionRules(options: { removeRuleIds?: number[]; addRules?: DnrRule[] }): Promise<void>;
  getSessionRules(): Promise<DnrRule[]>;
  updateEnabledRulesets(options: { enableRulesetIds?: string[]; disableRulesetIds?: string[] }): Promise<void>;
  getEnabledRulesets(): Promise<string[]>;
};

/**
 * Every resource type this browser's DNR knows (its ResourceType enum; both Chrome and Firefox
 * expose it), or undefined when it does not say. Measured: Chromium 156 adds webbundle and
 * webtransport to the shared list; Firefox ESR 153 adds beacon, object_subrequest, xslt, xml_dtd,
 * imageset, web_manifest, speculative and json.
 */
export function browserResourceTypes(): readonly string[] | undefined {
  const types = (dnr() as unknown as { ResourceType?: Record<string, string> }).ResourceType;
  const values = types ? Object.values(types).filter((v) => typeof v === 'string') : [];
  return values.length > 0 ? values.sort() : undefined;
}

function dnr(): Dnr {
  return (browser as unknown as { declarativeNetRequest: Dnr }).declarativeNetRequest;
}

/**
 * Our dynamic rules' ids as the browser last listed them, with every update it accepted since
 * applied: null until the first full read in this worker's life, and after an update it refused or
 * one that raced a read. Listing them copies every rule into the worker (2.0–2.1 s with a
 * million-host list in Chromium, measured: performance.md), so the posture self-check counts from
 * this between its full reads.
 */
let known: Set<number> | null = null;
/** Updates started so far, and those not yet settled: a read that overlaps one cannot say which state it saw. */
let updatesStarted = 0;
let updatesInFlight = 0;

/**
 * Ids of the dynamic rules in force. Both browsers return every rule whole (a million-host rule
 * is copied into the worker), so enforce.ts calls this only when its own record of the rules
 * it added is missing (or at browser start), and the posture self-check only for the scheduled
 * check-in and when asked; otherwise they work from that record and `knownDynamicRuleIds`.
 */
export async function dynamicRuleIds(): Promise<number[]> {
  const before = updatesStarted;
  const clean = updatesInFlight === 0;
  const ids = (await dnr().getDynamicRules()).map((r) => r.id);
  known = clean && updatesStarted === before ? new Set(ids) : null;
  return ids;
}

/** The ids from the last full read and the updates accepted since, without asking the browser; null when not known. */
export function knownDynamicRuleIds(): number[] | null {
  return known && updatesInFlight === 0 ? [...known] : null;
}

export async function updateDynamicRules(removeRuleIds: number[], addRules: DnrRule[]): Promise<void> {
  updatesStarted += 1;
  updatesInFlight += 1;
  try {
    await dnr().updateDynamicRules({ removeRuleIds, addRules });
  } catch (error) {
    known = null;
    throw error;
  } finally {
    updatesInFlight -= 1;
  }
  if (known) {
    for (const id of removeRuleIds) known.delete(id);
    for (const rule of addRules) known.add(rule.id);
  }
}

export async function sessionRules(): Promise<DnrRule[]> {
  return dnr().getSessionRules();
}

export async function updateSessionRules(removeRuleIds: number[], addRules: DnrRule[]): Promise<void> {
  await dnr().updateSessionRules({ removeRuleIds, addRules });
}

export async function setStaticRulesetEnabled(id: string, enabled: boolean): Promise<void> {
  const on = await dnr().getEnabledRulesets();
  if (on.includes(id) === enabled) return;
  await dnr().updateEnabledRulesets(enabled ? { enableRulesetIds: [id] } : { disableRulesetIds: [id] });
}

/**
 * What of `rules` this browser says it cannot do, from its own enums (RuleActionType; a redirect
 * with a transform needs `redirect`, the YouTube header `modifyHeaders`). Empty when the enums
 * are absent: the update itself is then the test, and its refusal is reported by the caller.
 */
export function dnrMissingActions(rules: readonly DnrRule[]): string[] {
  const types = (dnr() as unknown as { RuleActionType?: Record<string, string> }).RuleActionType;
  if (!types) return [];
  const known = new Set(Object.values(types));
  const missing = new Set<string>();
  for (const rule of rules) {
    if (!known.has(rule.action.type)) missing.add(rule.action.type === 'redirect' ? 'redirect with a transform' : rule.action.type);
  }
  return [...missing];
}
