import type { EffectiveConfig } from '../config/device-config.ts';
import { CheckinRequest, withoutAddresses, type CheckinPolicy, type Finding } from '../protocol/checkin-wire.ts';
import type { ManagedFacts, PolicyFacts } from './assess.ts';

/*
 * When a device checks in, and what it sends (issue 15), pure. The worker
 * (extension/background/checkin.ts) sends one at every start, whenever what ICT would see
 * changes (a new bundle, a sync error appearing or clearing, a finding), and otherwise every
 * `checkinHours` (managed setting, default 6); only the newest unsent check-in is kept.
 */

/** What ICT's settings look like to the self-check: what is missing, what was refused. */
export function managedFacts(config: EffectiveConfig): ManagedFacts {
  const fields = config.fields ?? [];
  if (config.source === 'managed' && fields.length === 0) {
    // Installed by policy, but ICT sent no settings at all.
    return { source: config.source, missing: ['policyUrl', 'trustedKeys'], refused: [], requiredRefused: false };
  }
  return {
    source: config.source,
    missing: fields.filter((f) => f.state === 'not-set' && f.required).map((f) => f.key),
    refused: fields.filter((f) => f.state === 'invalid' || f.state === 'unknown').map((f) => (f.state === 'unknown' ? `${f.key} (unknown)` : f.key)),
    requiredRefused: fields.some((f) => f.state === 'invalid' && f.required),
  };
}

export function checkinPolicy(policy: PolicyFacts): CheckinPolicy {
  return {
    serial: policy.serial,
    source: policy.source,
    issuedAt: policy.issuedAt,
    expiresAt: policy.expiresAt,
    fetchedAt: policy.lastSyncAt,
    lastError: policy.lastError ? withoutAddresses(`${policy.lastError.code}: ${policy.lastError.message}`) : null,
  };
}

export type CheckinInputs = {
  id: string;
  deviceId: string;
  at: Date;
  extension: CheckinRequest['extension'];
  group: string;
  policy: PolicyFacts;
  installedByPolicy: boolean;
  findings: readonly Finding[];
  userIdentity?: string | undefined;
  deviceName?: string | undefined;
};

/** The check-in, checked against the contract (throws, naming the field, if the device built a bad one). */
export function buildCheckin(i: CheckinInputs): CheckinRequest {
  return CheckinRequest.parse({
    id: i.id,
    deviceId: i.deviceId,
    at: i.at.toISOString(),
    extension: i.extension,
    group: i.group,
    policy: checkinPolicy(i.policy),
    installedByPolicy: i.installedByPolicy,
    findings: i.findings,
    ...(i.userIdentity ? { userIdentity: withoutAddresses(i.userIdentity, 200) } : {}),
    ...(i.deviceName ? { deviceName: withoutAddresses(i.deviceName, 100) } : {}),
  });
}

/** Findings whose detail carries a time or an error text: their id and severity say what changed. */
const VOLATILE_DETAIL = new Set<string>(['bundle-behind', 'baseline-only', 'bundle-expired']);

/**
 * What ICT would see change: not the check-in's own id and time, nor the time of the last
 * successful sync (it moves at every hourly check) or the wording of an error — only whether
 * there is one.
 */
export function checkinSignature(c: CheckinRequest): string {
  return JSON.stringify({
    extension: c.extension.version,
    group: c.group,
    policy: { serial: c.policy.serial, source: c.policy.source, expiresAt: c.policy.expiresAt, failing: c.policy.lastError !== null },
    installedByPolicy: c.installedByPolicy,
    findings: c.findings.map((f) => [f.id, f.severity, VOLATILE_DETAIL.has(f.id) ? null : (f.detail ?? null)]),
    userIdentity: c.userIdentity ?? null,
    deviceName: c.deviceName ?? null,
  });
}

export type LastCheckin = { signature: string; at: number } | null;
export type CheckinReason = 'start' | 'sync' | 'browser-change' | 'interval' | 'page' | 'asked';

/** Send now? At start and when asked, always; otherwise when ICT would see a change, or `hours` have passed. */
export function checkinDue(last: LastCheckin, signature: string, reason: CheckinReason, now: number, hours: number): boolean {
  if (reason === 'start' || reason === 'asked' || last === null) return true;
  if (last.signature !== signature) return true;
  return now - last.at >= hours * 3_600_000;
}

/** When the interval's check-in is due (the alarm), from the last one sent. */
export function nextIntervalCheckin(last: LastCheckin, now: number, hours: number): number {
  return last === null ? now : last.at + hours * 3_600_000;
}
