import { RULE_ID } from '../../src/dnr/ids.ts';
import { continueRule } from '../../src/dnr/compile-rules.ts';
import type { Grant as TableGrant } from '../../src/decide/table.ts';
import { browserResourceTypes, sessionRules, updateSessionRules } from '../platform/dnr.ts';
import { setAlarmAt } from '../platform/alarms.ts';
import { recordEvent } from './events.ts';
import { continueGrantsRecord, type StoredGrant } from './records.ts';

/**
 * "Continue" on the warn page: that host, in that tab, for a limited time. A DNR session rule
 * (tab-scoped, above warn and below block) lets the requests through; the grant is also kept in
 * storage.session (record `aup.continueGrants`) so the start-up guard and the tab sweep honour it.
 */
export const CONTINUE_MINUTES = 30;
export const GRANT_ALARM = 'continue-expiry';

/** The guard asks synchronously: a copy of the record in memory, read once per worker life. */
let memory: StoredGrant[] | null = null;

async function read(): Promise<StoredGrant[]> {
  if (memory) return memory;
  memory = (await continueGrantsRecord.read()).grants;
  return memory;
}

async function write(grants: StoredGrant[]): Promise<void> {
  memory = grants;
  await continueGrantsRecord.write({ version: 1, grants });
}

/** The live grants of a tab, synchronously for the guard (the copy in memory; empty until first read). */
export function grantsNow(tabId: number, now = Date.now()): TableGrant[] {
  return (memory ?? []).filter((g) => g.tabId === tabId && g.until > now).map((g) => ({ tabId: g.tabId, host: g.host }));
}

export async function loadGrants(): Promise<void> {
  await read();
}

export async function grantContinue(tabId: number, host: string, category: string, url: string, now = Date.now()): Promise<number> {
  const grants = (await read()).filter((g) => g.until > now);
  const ruleId = RULE_ID.sessionContinue + ((Math.max(0, ...grants.map((g) => g.ruleId - RULE_ID.sessionContinue)) + 1) % 50_000);
  const until = now + CONTINUE_MINUTES * 60_000;
  await updateSessionRules([], [continueRule(ruleId, { tabId, host }, browserResourceTypes())]);
  await write([...grants, { ruleId, tabId, host, until }]);
  await setAlarmAt(GRANT_ALARM, Math.min(...[...grants, { until }].map((g) => g.until)));
  await recordEvent({ kind: 'warn-continue', at: new Date(now).toISOString(), host, category, url });
  return until;
}

/** Remove expired grants and grants of closed tabs. */
export async function expireGrants(now = Date.now(), closedTabId?: number): Promise<void> {
  const grants = await read();
  const keep = grants.filter((g) => g.until > now && g.tabId !== closedTabId);
  const drop = grants.filter((g) => !keep.includes(g)).map((g) => g.ruleId);
  const held = new Set((await sessionRules()).map((r) => r.id));
  if (drop.length > 0) await updateSessionRules(drop.filter((id) => held.has(id)), []);
  await write(keep);
  if (keep.length > 0) await setAlarmAt(GRANT_ALARM, Math.min(...keep.map((g) => g.until)));
}
