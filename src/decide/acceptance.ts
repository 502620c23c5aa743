import type { CompiledGroup, CompiledPolicy } from '../policy/compiled-schema.ts';
import { hostFromUrl, hostSuffixes } from '../match/host.ts';
import type { Decision } from './decide.ts';
import type { ResourceType } from './resource-types.ts';

/**
 * The AUP acceptance gate: while the person's group requires acceptance and nobody on this device
 * has accepted the policy's current `aup.version`, every top-level web page goes to the welcome
 * page instead. It is not a row of the decision table (it covers every host, whatever its
 * category) but sits in the same precedence (src/decide/table.ts PRIORITY.acceptanceGate):
 *   exemption > block > GATE > continue > warn > banner > allow,
 * and the AUP document's own host is left out of it, so the person can read what they accept.
 * The DNR rule made of it is src/dnr/acceptance-gate.ts; the guard, the tab sweep and the
 * committed-page check apply `gateStops` to decide()'s decision.
 */
export type AcceptanceGate = {
  aupVersion: string;
  /** The AUP document's host (never gated), or null when its address has none we can read. */
  aupHost: string | null;
};

/** What the gate needs to know about an acceptance made on this device. */
export type AcceptedVersion = { aupVersion: string };

export function isAccepted(policy: CompiledPolicy, accepted: readonly AcceptedVersion[]): boolean {
  return accepted.some((a) => a.aupVersion === policy.aup.version);
}

/** The gate in force for `group`, or null when there is none (not required, or accepted). */
export function acceptanceGate(policy: CompiledPolicy, group: CompiledGroup, accepted: readonly AcceptedVersion[]): AcceptanceGate | null {
  if (group.acceptance !== 'required' || isAccepted(policy, accepted)) return null;
  const host = hostFromUrl(policy.aup.url);
  return { aupVersion: policy.aup.version, aupHost: host.ok ? host.host : null };
}

/** Whether the gate sends this request to the welcome page, given decide()'s decision for it. */
export function gateStops(gate: AcceptanceGate | null, decision: Decision, type: ResourceType): boolean {
  if (!gate || type !== 'main_frame') return false; // subresources and frames are not gated
  if (decision.action === 'block') return false; // a blocked host still gets the block page
  if (decision.rule.startsWith('exemption:')) return false; // exemptions outrank everything
  return !(gate.aupHost !== null && hostSuffixes(decision.host).includes(gate.aupHost));
}
