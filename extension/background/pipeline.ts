import { forgetActivePolicy, forgetDecoded, rememberDecoded } from './active-policy.ts';
import { enforce } from './enforce.ts';
import { refreshGuard } from './guard.ts';
import { pruneBlobs, syncPolicyIfDue, type SyncOutcome, type SyncResult } from './policy-sync.ts';
import type { CheckReason } from '../../src/retry/check-schedule.ts';
import { reportFailure } from './internal-errors.ts';
import { promptForAcceptance } from './acceptance.ts';
import { checkPosture, startCheckinPending } from './posture.ts';
import { phase } from './phases.ts';

/*
 * The worker's one pipeline: sync → enforce → guard refresh, written once and called from
 * every place that needs it (start-up, alarms, configuration changes, the options page).
 * It also owns the order in which the worker's in-memory caches are dropped:
 *   1. a sync stored a new bundle, or dropped one ICT no longer trusts → the cached active
 *      policy is forgotten (the next read loads what is stored: the new bundle or the baseline);
 *   2. the hosts that sync decoded are lent to the enforce that follows (a million hosts cost
 *      ~0.4 s to decode twice, measured) and dropped when it ends, even if it fails; enforce
 *      sends the rules to the browser first and only then builds the new chunks' matchers (for
 *      the tab sweep and the guard) and stores them for the next start (enforce first, then tidy:
 *      docs/performance.md);
 *   3. the guard's snapshot is rebuilt from storage last, so it sees the rules in force (and the
 *      welcome page is opened if a new AUP version now needs accepting: acceptance.ts);
 *   4. the previous bundle's stored chunks are deleted only after that;
 *   5. after every sync, the posture self-check (posture.ts) — a check-in if ICT would see a change.
 * (The guard's snapshot is also rebuilt when a Continue grant is given or expires.)
 */

/**
 * Make the browser's rules match what is stored now, then refresh the guard. `reconcile` also
 * checks the record of our rules against the browser's own list (browser start, install).
 */
export async function enforceNow(reconcile = false): Promise<void> {
  try {
    await enforce({ reconcile });
  } finally {
    forgetDecoded();
  }
  const ctx = await phase('guard refresh', () => refreshGuard());
  // At install, or when a bundle with a new AUP version is in force: the welcome page, once.
  await promptForAcceptance(ctx).catch(reportFailure('opening the welcome page'));
}

/**
 * Ask for a new bundle when `reason` calls for one (src/retry/check-schedule.ts: the alarm, browser
 * start, install, a person, a settings change — a mere wake only when the device lacks a usable
 * bundle or lost its alarm); enforce it if one arrived.
 */
export async function checkForPolicy(reason: CheckReason): Promise<SyncOutcome> {
  return afterSync(await syncPolicyIfDue(reason));
}

async function afterSync(result: SyncResult): Promise<SyncOutcome> {
  try {
    if (result.outcome === 'updated' || result.outcome === 'dropped') {
      forgetActivePolicy();
      if (result.outcome === 'updated') rememberDecoded(result.decoded);
      await enforceNow();
      // Only now is nothing reading the previous bundle's chunks.
      await phase('prune old chunks', () => pruneBlobs()).catch(reportFailure('pruning old chunks'));
    }
  } finally {
    // After every sync that ran, once its bundle is enforced (or failed to be): a check-in if ICT
    // would see a change. Not after a wake that checked nothing (the self-check reads the rules in
    // force, which costs time with a large list), unless this is browser start or install, whose
    // check-in is always sent. Not awaited: a slow report server must not hold up whoever asked.
    if (result.outcome !== 'not-due' || startCheckinPending()) void checkPosture('sync').catch(reportFailure('posture check'));
  }
  return result.outcome;
}

/**
 * Start-up and configuration changes: protect with what is stored first, then look for news when
 * `reason` calls for it — even when enforcing failed (a new bundle may be what fixes it).
 * Failures are reported, not thrown.
 */
export async function enforceThenCheck(why: string, reason: CheckReason, reconcile = false): Promise<void> {
  await enforceNow(reconcile).catch(reportFailure(`enforce (${why})`));
  await checkForPolicy(reason).catch(reportFailure(`policy check (${why})`));
}
