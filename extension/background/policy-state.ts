import { policyStateRecord, type PolicyState } from './records.ts';

/**
 * The last-known-good bundle and the sync status (record `aup.policyState`, declared in
 * ./records.ts). A stored value that cannot be read or migrated reads as the empty state: the
 * baseline then enforces until the next sync, which is never weaker than nothing.
 */
export type { PolicyState };

export function readPolicyState(): Promise<PolicyState> {
  return policyStateRecord.read();
}

export function writePolicyState(state: PolicyState): Promise<void> {
  return policyStateRecord.write(state);
}
