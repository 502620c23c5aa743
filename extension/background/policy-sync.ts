import { BundleError } from '../../src/bundle/bundle-error.ts';
import { configProblemText } from '../../src/config/config-problems.ts';
import { serialQueue } from './serial.ts';
import { readBundle } from '../../src/bundle/bundle-reader.ts';
import type { SignedManifest } from '../../src/bundle/manifest.ts';
import { importTrustedKeys } from '../../src/bundle/signing.ts';
import { heldTrust } from '../../src/bundle/trust-floor.ts';
import { decidePolicyCheck, nextCheckAt, type CheckDecision, type CheckReason } from '../../src/retry/check-schedule.ts';
import { blobKeys, deleteBlobs, putBlobs } from '../platform/blob-store.ts';
import { alarmTime, setAlarmAt } from '../platform/alarms.ts';
import { chunkFetcher, fetchManifest } from './bundle-fetch.ts';
import { loadConfig } from './config.ts';
import { markPhase, phase, startPhases } from './phases.ts';
import { readPolicyState, writePolicyState, type PolicyState } from './policy-state.ts';
import { chunkBlobs, chunkMatcherBlobs } from './records.ts';

export const REFRESH_ALARM = 'policy-refresh';

export type SyncOutcome = 'updated' | 'dropped' | 'unchanged' | 'failed' | 'not-due';
/**
 * `updated` carries the hosts it verified and decoded, by chunk hash, so enforcing it need not
 * decode them again; `dropped`: the held bundle lost ICT's trust and the baseline now applies.
 * Both change what must be enforced.
 */
export type SyncResult = { outcome: 'updated'; decoded: ReadonlyMap<string, string[]> } | { outcome: 'dropped' | 'unchanged' | 'failed' | 'not-due' };

const oneSyncAtATime = serialQueue();

/** One sync at a time: alarms, managed-config changes and the options page may all ask at once. */
export function syncPolicy(now?: number): Promise<SyncResult> {
  return oneSyncAtATime(() => syncOnce(now ?? Date.now()));
}

/**
 * A sync if `reason` calls for one now (`not-due` otherwise). Decided in the same queue as the
 * syncs, so a wake that queued behind a check sees that check's outcome and does not repeat it.
 */
export function syncPolicyIfDue(reason: CheckReason, now?: number): Promise<SyncResult> {
  return oneSyncAtATime(async () => {
    const at = now ?? Date.now();
    const decision = await decideCheck(reason, at);
    return decision.check ? syncOnce(at) : { outcome: 'not-due' };
  });
}

/**
 * Held = its bytes are stored and still hash to their name. The compact matcher beside them is
 * not required: active-policy.ts rebuilds one that is missing or unreadable (say, after a change
 * of the matcher format) from the chunk, without downloading anything.
 */
async function isHeld(sha256: string): Promise<boolean> {
  return !!(await chunkBlobs.read(sha256));
}

/** Every chunk of `manifest` is held: only then may the server answer "not modified". */
async function allHeld(manifest: SignedManifest, held: (sha256: string) => Promise<boolean>): Promise<boolean> {
  for (const ref of manifest.chunks) if (!(await held(ref.sha256))) return false;
  return true;
}

/** One answer per chunk within a sync: checking a chunk hashes its megabytes. */
function remembered(check: (sha256: string) => Promise<boolean>): (sha256: string) => Promise<boolean> {
  const answers = new Map<string, Promise<boolean>>();
  return (sha256) => {
    if (!answers.has(sha256)) answers.set(sha256, check(sha256));
    return answers.get(sha256)!;
  };
}

/**
 * Fetch the bundle named by the configuration, verify it with the same code as `aup verify`,
 * fetch only chunks not already held, and store it as last-known-good. A bundle that fails any
 * check is never stored: the previous one keeps enforcing and the error is kept for the popup.
 *
 * It cannot freeze: the next check is scheduled before anything is fetched, and every request
 * has a deadline (bundle-fetch.ts). The new state is written in one step; what follows it
 * (pruning, the next alarm) cannot undo it.
 */
async function syncOnce(now: number): Promise<SyncResult> {
  startPhases();
  markPhase('sync start');
  const { config, problems } = await loadConfig();
  const state = await readPolicyState();
  const at = new Date(now).toISOString();
  // Pessimistic first: if this check never ends, the next one still comes (with back-off).
  await scheduleRefresh(config.refreshMinutes, state.failures + 1, state.manifest);
  let base = state;
  let dropped = false;
  const heldNow = remembered(isHeld);
  try {
    if (problems.length > 0) throw new BundleError('fetch-failed', `configuration: ${problems.map(configProblemText).join('; ')}`);
    const trustedKeys = await importTrustedKeys(config.trustedKeys);
    const trust = heldTrust(state.manifest, state.policyUrl, config.policyUrl, trustedKeys.map((k) => k.keyId));
    if (trust.kind === 'revoked') {
      // ICT no longer trusts the key of the bundle in force: stop enforcing it now, whatever comes next.
      base = { ...state, manifest: null, etag: null, fetchedAt: null };
      await writePolicyState({ ...base, lastError: revokedError(trust.manifest, at) });
      dropped = true;
    }
    const held = trust.kind === 'floor' ? trust.manifest : null;
    // "Not modified" only helps when every chunk of the held bundle is still readable.
    const etag = held && base.etag && (await allHeld(held, heldNow)) ? base.etag : null;
    const answer = await phase('manifest request', () => fetchManifest(config.policyUrl, etag));
    if (answer.status === 'not-modified') {
      // A success: the bundle held is the newest (what the fleet page's "behind" is measured from).
      await writePolicyState({ ...base, checkedAt: at, lastSyncAt: at, lastError: null, failures: 0 });
      await scheduleRefresh(config.refreshMinutes, 0, base.manifest);
      return { outcome: dropped ? 'dropped' : 'unchanged' };
    }
    const result = await readBundle(chunkFetcher(config.policyUrl, answer.bytes), {
      trustedKeys,
      // Equal is allowed (the same bundle again, nothing else); lower is a rollback.
      minSerial: held?.serial,
      heldAtFloor: held ?? undefined,
      now,
      isHeld: heldNow,
      phase,
    });
    const manifest = result.manifest;
    // Each new chunk's bytes, by hash: one write of the verified bytes as they came. The compact
    // matchers the start-up guard reads are built after the rules are in force (the pipeline:
    // enforce first, then tidy); a matcher missing at the next start is rebuilt from its chunk.
    const blobs = manifest.chunks.flatMap((ref) => {
      const bytes = result.fetched.get(ref.sha256);
      return bytes ? [chunkBlobs.entry(ref.sha256, bytes)] : [];
    });
    await phase('store chunks', () => putBlobs(blobs));
    await phase('store policy state', () =>
      writePolicyState({ version: 2, manifest, policyUrl: config.policyUrl, etag: answer.etag, fetchedAt: at, checkedAt: at, lastSyncAt: at, lastError: null, failures: 0 }),
    );
    // Committed: a failure below must not restore the old state. (Old chunks are pruned by the
    // pipeline once the new bundle is enforced: until then the old one may still be read.)
    await scheduleRefresh(config.refreshMinutes, 0, manifest).catch((error) => console.warn('AUP Guard: scheduling the next check failed', error));
    const decoded = new Map(manifest.chunks.filter((ref) => result.lists[ref.category]).map((ref) => [ref.sha256, result.lists[ref.category]!]));
    return { outcome: 'updated', decoded };
  } catch (error) {
    const failures = state.failures + 1;
    const lastError = dropped
      ? revokedError(state.manifest!, at, error)
      : { code: error instanceof BundleError ? error.code : 'internal', message: error instanceof Error ? error.message : String(error), at };
    const failure: PolicyState = { ...base, checkedAt: at, failures, lastError };
    await writePolicyState(failure);
    await scheduleRefresh(config.refreshMinutes, failures, base.manifest);
    return { outcome: dropped ? 'dropped' : 'failed' };
  }
}

function revokedError(held: SignedManifest, at: string, then?: unknown): PolicyState['lastError'] {
  const next = then instanceof Error ? ` The new bundle could not be used either: ${then.message}` : '';
  return {
    code: 'key-revoked',
    message: `bundle serial ${held.serial} was signed by key ${held.keyId}, which ICT no longer trusts: the built-in baseline applies until a bundle signed by a trusted key arrives.${next}`,
    at,
  };
}

/** The next check: the interval with jitter, the back-off after failures, before the held bundle expires. */
async function scheduleRefresh(refreshMinutes: number, failures: number, held: SignedManifest | null): Promise<void> {
  const now = Date.now();
  await setAlarmAt(REFRESH_ALARM, nextCheckAt(now, refreshMinutes, failures, held ? Date.parse(held.expiresAt) : null));
}

/**
 * Whether `reason` should start a check now (src/retry/check-schedule.ts decides; this reads
 * what it needs). A decision not to check may re-arm a missing or too-late refresh alarm.
 */
export async function decideCheck(reason: CheckReason, now = Date.now()): Promise<CheckDecision> {
  const [{ config, problems }, state, alarmAt] = await Promise.all([loadConfig(), readPolicyState(), alarmTime(REFRESH_ALARM)]);
  const decision = decidePolicyCheck({
    reason,
    now,
    refreshMinutes: config.refreshMinutes,
    // With problems nothing is fetched: a sync would only record them again.
    policyUrl: problems.length > 0 ? null : config.policyUrl,
    held: state.manifest ? { policyUrl: state.policyUrl, expiresAt: Date.parse(state.manifest.expiresAt) } : null,
    checkedAt: state.checkedAt ? Date.parse(state.checkedAt) : null,
    failures: state.failures,
    alarmAt,
  });
  if (!decision.check && decision.armAt !== null) await setAlarmAt(REFRESH_ALARM, decision.armAt);
  return decision;
}

/** Drop every stored blob that is not a chunk, or the matcher of a chunk, of the bundle stored now. */
export async function pruneBlobs(): Promise<void> {
  const { manifest } = await readPolicyState();
  const keep = new Set((manifest?.chunks ?? []).flatMap((c) => [chunkBlobs.keyOf(c.sha256), chunkMatcherBlobs.keyOf(c.sha256)]));
  await deleteBlobs((await blobKeys()).filter((key) => !keep.has(key)));
}
