import { assessPosture, type PolicyFacts, type PostureFacts, type RuleCounts } from '../../src/posture/assess.ts';
import { buildCheckin, checkinDue, checkinSignature, managedFacts, nextIntervalCheckin, type CheckinReason } from '../../src/posture/checkin.ts';
import { RULE_ID } from '../../src/dnr/ids.ts';
import type { Finding } from '../../src/protocol/checkin-wire.ts';
import type { PostureReply } from '../../src/protocol/posture.ts';
import { setAlarmAt } from '../platform/alarms.ts';
import { dynamicRuleIds, knownDynamicRuleIds, sessionRules } from '../platform/dnr.ts';
import { hasHostAccess } from '../platform/permissions.ts';
import { browserVersion, incognitoFacts, otherExtensions, proxyFacts, selfInstallType } from '../platform/posture.ts';
import { extensionVersion } from '../platform/runtime.ts';
import { checkinDeliveryFor, checkinOutbox } from './checkin-outbox.ts';
import { currentContext, type EnforcementContext } from './context.ts';
import { browserName } from './delivery-outbox.ts';
import { readPolicyState, type PolicyState } from './policy-state.ts';
import { checkinStateRecord, deviceRecord, enforcedRulesRecord, sessionRulesRecord } from './records.ts';
import { serialQueue } from './serial.ts';
import { phase } from './phases.ts';

/*
 * The posture self-check and the fleet check-in (issue 15): gather what the browser says
 * (extension/platform/posture.ts), decide the findings (src/posture/assess.ts), and queue a
 * check-in when one is due (src/posture/checkin.ts) — at browser start, when what ICT would see
 * changes (after a sync, a browser change), and every `checkinHours` (alarm `checkin`).
 */

export const CHECKIN_ALARM = 'checkin';

/** The last result, for the popup and options page: the check reads every rule id, so it is not run on every open. */
const FRESH_MS = 60_000;
let last: { at: number; findings: Finding[]; installedByPolicy: boolean } | null = null;
/** Set at browser start and install: the next check sends a check-in whatever it finds. */
let startPending = false;

export function checkInAtNextPosture(): void {
  startPending = true;
}

/** Whether the next self-check is the one at install or browser start (it runs even when that start shared a recent policy check). */
export function startCheckinPending(): boolean {
  return startPending;
}

/**
 * Our rules, as our records say they are and as the browser holds them (null while an update is
 * under way). The dynamic rules are listed afresh by the scheduled check-in and when someone asks;
 * otherwise they are counted from the browser's last listing and the updates it accepted since
 * (platform/dnr.ts), because a listing copies every rule into the worker: with a million-host list
 * it held the worker for 2 s after every sync and each time the popup opened (performance.md).
 */
async function ruleCounts(fullRead: boolean): Promise<RuleCounts> {
  const listed = fullRead ? null : knownDynamicRuleIds();
  const [dynamicRecord, sessionRecord, held, dynamicIds] = await Promise.all([
    enforcedRulesRecord.read(),
    sessionRulesRecord.read(),
    sessionRules(),
    listed ?? phase('posture: read dynamic rules', dynamicRuleIds),
  ]);
  if (!dynamicRecord || dynamicRecord.pending || !sessionRecord) return null;
  const ours = held.filter((r) => r.id < RULE_ID.sessionContinue);
  return {
    session: { expected: Object.keys(sessionRecord.keys).length, inForce: ours.length },
    dynamic: { expected: Object.keys(dynamicRecord.keys).length, inForce: dynamicIds.length },
  };
}

function policyFacts(ctx: EnforcementContext, state: PolicyState): PolicyFacts {
  const m = ctx.active.manifest;
  return {
    source: m ? 'bundle' : 'baseline',
    serial: m?.serial ?? null,
    issuedAt: m?.issuedAt ?? null,
    expiresAt: m?.expiresAt ?? null,
    lastSyncAt: state.lastSyncAt,
    lastError: state.lastError ? { code: state.lastError.code, message: state.lastError.message } : null,
    refreshMinutes: ctx.config.config.refreshMinutes,
  };
}

async function gather(ctx: EnforcementContext, state: PolicyState, now: number, fullRead: boolean): Promise<PostureFacts> {
  const [installType, incognito, proxy, others, rules, hostAccess] = await Promise.all([
    selfInstallType(), incognitoFacts(), proxyFacts(), otherExtensions(), ruleCounts(fullRead).catch(() => null), hasHostAccess(),
  ]);
  return { installType, managed: managedFacts(ctx.config), incognito, proxy, others, policy: policyFacts(ctx, state), rules, hostAccess, now };
}

async function deviceId(): Promise<string> {
  const stored = await deviceRecord.read();
  if (stored) return stored.deviceId;
  const made = { version: 1 as const, deviceId: crypto.randomUUID(), createdAt: new Date().toISOString() };
  await deviceRecord.write(made);
  return made.deviceId;
}

const oneAtATime = serialQueue();

/**
 * Run the self-check; queue and deliver a check-in if one is due (`asked`: always). Serialised:
 * a sync, a browser change and the alarm arriving together make one check-in, not three.
 */
export function checkPosture(reason: CheckinReason): Promise<Finding[]> {
  return oneAtATime(async () => {
    const now = Date.now();
    const [ctx, state] = await Promise.all([currentContext(now), readPolicyState()]);
    const facts = await gather(ctx, state, now, reason === 'interval' || reason === 'asked');
    const findings = assessPosture(facts);
    const installedByPolicy = facts.installType === 'admin';
    last = { at: now, findings, installedByPolicy };
    const config = ctx.config.config;
    const checkin = buildCheckin({
      id: crypto.randomUUID(), deviceId: await deviceId(), at: new Date(now),
      extension: { version: extensionVersion(), browser: browserName() as 'chrome' | 'edge' | 'firefox', browserVersion: browserVersion() },
      group: ctx.group.group.id, policy: facts.policy, installedByPolicy, findings,
      userIdentity: config.userIdentity, deviceName: config.deviceName,
    });
    const signature = checkinSignature(checkin);
    const previous = await checkinStateRecord.read();
    const why = startPending ? 'start' : reason;
    startPending = false;
    if (checkinDue(previous, signature, why, now, config.checkinHours)) {
      const queued = await checkinOutbox.queue(checkin.id, checkin);
      if (queued.ok) {
        await checkinStateRecord.write({ version: 1, at: now, signature });
        await checkinOutbox.deliverDue(checkinDeliveryFor(ctx));
      }
    }
    const stateNow = await checkinStateRecord.read();
    await setAlarmAt(CHECKIN_ALARM, nextIntervalCheckin(stateNow, now, config.checkinHours));
    return findings;
  });
}

/** The popup and options page: the last result if fresh, else a new check. */
export async function postureView(force = false): Promise<PostureReply> {
  const findings = !force && last && Date.now() - last.at < FRESH_MS ? last.findings : await checkPosture(force ? 'asked' : 'page');
  const entries = await checkinOutbox.entries();
  const newest = entries.at(-1) ?? null;
  return {
    type: 'posture',
    checkedAt: new Date(last?.at ?? Date.now()).toISOString(),
    findings,
    installedByPolicy: last?.installedByPolicy ?? false,
    lastCheckin: newest && {
      state: newest.state,
      at: new Date(newest.queuedAt).toISOString(),
      deliveredAt: newest.deliveredAt === null ? null : new Date(newest.deliveredAt).toISOString(),
      lastError: newest.lastError,
    },
  };
}
