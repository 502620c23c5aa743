import { z } from 'zod';
import { SignedManifest } from '../../src/bundle/manifest.ts';
import { readLocal, writeLocal } from '../platform/storage.ts';

/**
 * The last-known-good bundle and the sync status, in storage.local. Versioned: a stored value
 * of another version is migrated or, when it cannot be, ignored (the baseline then enforces
 * until the next sync, which is never weaker than nothing).
 */
export const POLICY_STATE_KEY = 'aup.policyState';

export const SyncError = z.object({ code: z.string(), message: z.string(), at: z.string() });
export type SyncError = z.infer<typeof SyncError>;

export const PolicyStateV1 = z.object({
  version: z.literal(1),
  /** The verified manifest in force (null before the first good bundle). */
  manifest: SignedManifest.nullable(),
  policyUrl: z.string().nullable(),
  etag: z.string().nullable(),
  fetchedAt: z.string().nullable(),
  checkedAt: z.string().nullable(),
  lastError: SyncError.nullable(),
  /** Consecutive failed checks, for the back-off. */
  failures: z.number().int().nonnegative(),
});
export type PolicyState = z.infer<typeof PolicyStateV1>;

export const EMPTY_POLICY_STATE: PolicyState = {
  version: 1, manifest: null, policyUrl: null, etag: null, fetchedAt: null, checkedAt: null, lastError: null, failures: 0,
};

export async function readPolicyState(): Promise<PolicyState> {
  const parsed = PolicyStateV1.safeParse(await readLocal(POLICY_STATE_KEY));
  return parsed.success ? parsed.data : EMPTY_POLICY_STATE;
}

export async function writePolicyState(state: PolicyState): Promise<void> {
  await writeLocal({ [POLICY_STATE_KEY]: state });
}
