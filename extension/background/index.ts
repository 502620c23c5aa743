import '../platform/zod-setup.ts';
import { onAlarm } from '../platform/alarms.ts';
import { onInstalled, onMessage, onStartup } from '../platform/runtime.ts';
import { onLocalChanged, onManagedChanged, onManagedSettled } from '../platform/storage.ts';
import { onTabRemoved } from '../platform/tabs.ts';
import { GRANT_ALARM, expireGrants } from './continue-grants.ts';
import { LOCAL_CONFIG_KEY } from './config.ts';
import { MODE_ALARM, enforce } from './enforce.ts';
import { installGuard, refreshGuard } from './guard.ts';
import { handleMessage } from './messages.ts';
import { recordInternalError } from './internal-errors.ts';
import { REFRESH_ALARM, syncPolicy } from './policy-sync.ts';

/*
 * The worker only wires listeners here. Every listener is registered synchronously at the top
 * level, so an event that wakes the worker reaches it; state is re-read from storage on each
 * wake, never assumed from a previous life of the worker.
 */

// First: the start-up guard, so a navigation that wakes the worker is checked.
installGuard();
// Navigations meanwhile wait for (or fail closed on) this read; a failure is logged, not dropped.
refreshGuard().catch(logFailure('start-up guard'));

async function enforceNow(): Promise<void> {
  await enforce();
  await refreshGuard();
}

async function syncThenEnforce(): Promise<void> {
  const outcome = await syncPolicy();
  if (outcome === 'updated') await enforceNow();
}

/** Failures are logged and kept (for the options page and ICT support); they never stop the worker. */
function logFailure(what: string) {
  return (error: unknown) => {
    console.error(`AUP Guard: ${what} failed`, error);
    void recordInternalError(what, error);
  };
}

onMessage(handleMessage);

onInstalled(() => {
  void enforceNow().catch(logFailure('enforce')).then(() => syncThenEnforce()).catch(logFailure('sync'));
});
onStartup(() => {
  void enforceNow().catch(logFailure('enforce')).then(() => syncThenEnforce()).catch(logFailure('sync'));
});

onAlarm((name) => {
  if (name === MODE_ALARM) void enforceNow().catch(logFailure('mode change'));
  if (name === REFRESH_ALARM) void syncThenEnforce().catch(logFailure('sync'));
  if (name === GRANT_ALARM) void expireGrants().then(refreshGuard).catch(logFailure('grant expiry'));
});

// Managed configuration can arrive seconds after install, and ICT can change it at any time.
onManagedChanged(() => void enforceNow().then(syncThenEnforce).catch(logFailure('managed config change')));
onManagedSettled(() => void enforceNow().then(syncThenEnforce).catch(logFailure('managed config answer')));
onLocalChanged((keys) => {
  if (keys.includes(LOCAL_CONFIG_KEY)) void enforceNow().then(syncThenEnforce).catch(logFailure('settings change'));
});
onTabRemoved((tabId) => void expireGrants(Date.now(), tabId).catch(logFailure('grant cleanup')));
