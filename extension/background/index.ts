import '../platform/zod-setup.ts';
import { onAlarm } from '../platform/alarms.ts';
import { onInstalled, onMessage, onStartup } from '../platform/runtime.ts';
import { onLocalChanged, onManagedChanged, onManagedSettled } from '../platform/storage.ts';
import { onStoredProblem } from '../platform/stored-record.ts';
import { onTabRemoved, onTopLevelCommitted } from '../platform/tabs.ts';
import { disableNetworkPrediction } from '../platform/privacy.ts';
import { onHostAccessChanged } from '../platform/permissions.ts';
import { checkCommitted } from './committed-check.ts';
import { GRANT_ALARM, expireGrants } from './continue-grants.ts';
import { LOCAL_CONFIG_KEY } from './config.ts';
import { MODE_ALARM } from './enforce.ts';
import { REPORT_ALARM, reportOutbox } from './report-outbox.ts';
import { ACCEPTANCE_ALARM, acceptanceOutbox } from './acceptance-outbox.ts';
import { acceptanceDeliveryFor } from './acceptance.ts';
import { deliveryFor } from './delivery-outbox.ts';
import { acceptanceRecord } from './records.ts';
import { currentContext } from './context.ts';
import { installGuard, refreshGuard } from './guard.ts';
import { installRequestGuard } from './request-guard.ts';
import { installDownloadGuard } from './downloads.ts';
import { handleMessage } from './handlers/index.ts';
import { recordInternalError, reportFailure } from './internal-errors.ts';
import { REFRESH_ALARM } from './policy-sync.ts';
import { EVENTS_ALARM, expireEvents, startEventExpiry } from './events.ts';
import { checkForPolicy, enforceNow, enforceThenCheck } from './pipeline.ts';
import { CHECKIN_ALARM, checkInAtNextPosture, checkPosture } from './posture.ts';
import { CHECKIN_OUTBOX_ALARM, checkinDeliveryFor, checkinOutbox } from './checkin-outbox.ts';
import { onPostureChanged } from '../platform/posture.ts';
import { markOnce } from './phases.ts';
import { keepWorkerAliveWhenManaged } from '../platform/keep-alive.ts';

/*
 * The worker only wires listeners here; what they start is in pipeline.ts (sync → enforce →
 * guard refresh) and handlers/ (messages). Every listener is registered synchronously at the
 * top level, so an event that wakes the worker reaches it; state is re-read from storage on
 * each wake, never assumed from a previous life of the worker.
 */

// When the worker's code starts to run (the bench splits a cold start with it: npm run bench -- firefox).
markOnce('background script');
// First: the start-up guard, so a navigation that wakes the worker is checked.
installGuard();
// Firefox: every other request too; it enforces the long lists there (request-guard.ts).
installRequestGuard();
// Downloads: decided as early as the browser allows (Chrome holds each until it is decided).
installDownloadGuard();
// Navigations meanwhile wait for (or fail closed on) this read; a failure is logged, not dropped.
// Then a wake asks for a policy only if the device lacks a usable bundle or lost its refresh alarm
// (src/retry/check-schedule.ts): server load follows the refresh setting, not how often we wake.
refreshGuard()
  .catch(reportFailure('start-up guard'))
  .then(() => checkForPolicy('wake'))
  .catch(reportFailure('policy check (wake)'));

// On a device ICT manages (both browsers): keep the background running, so no page waits for it to wake.
keepWorkerAliveWhenManaged().catch(reportFailure('worker keep-alive'));

// A stored record or blob that cannot be read is kept as the last internal error, for support.
onStoredProblem(recordInternalError);

onMessage(handleMessage);

// A queued report or acceptance keeps its retry alarm whatever the browser did with alarms while we slept.
reportOutbox.ensureAlarm().catch(reportFailure('report retry alarm'));
acceptanceOutbox.ensureAlarm().catch(reportFailure('acceptance retry alarm'));
// Local events past the policy's retention period go now and every day (see events.ts).
startEventExpiry().catch(reportFailure('event expiry'));
checkinOutbox.ensureAlarm().catch(reportFailure('check-in retry alarm'));

/** At install and every browser start: a user or another extension may have turned it back on. */
function noPrediction(): void {
  disableNetworkPrediction()
    .then((now) => {
      if (now.value !== false) throw new Error(`network prediction is still on (${now.levelOfControl})`);
    })
    .catch(reportFailure('turning off network prediction'));
}

onInstalled(() => {
  noPrediction();
  // The sync that follows runs the posture self-check: at install it checks in whatever it finds.
  checkInAtNextPosture();
  void enforceThenCheck('install', 'install', true);
});
onStartup(() => {
  noPrediction();
  checkInAtNextPosture();
  // Reports and acceptances queued before the browser closed: once the settings (where they go) are read.
  enforceThenCheck('browser start', 'browser-start', true)
    .then(() => currentContext())
    .then((ctx) => Promise.all([
      reportOutbox.deliverQueuedNow(deliveryFor(ctx)), acceptanceOutbox.deliverQueuedNow(acceptanceDeliveryFor(ctx)), checkinOutbox.deliverQueuedNow(checkinDeliveryFor(ctx)),
    ]))
    .catch(reportFailure('report, acceptance and check-in delivery at start'));
});

onAlarm((name) => {
  if (name === MODE_ALARM) enforceNow().catch(reportFailure('mode change'));
  if (name === REFRESH_ALARM) checkForPolicy('alarm').catch(reportFailure('policy check'));
  if (name === GRANT_ALARM) expireGrants().then(refreshGuard).catch(reportFailure('grant expiry'));
  if (name === REPORT_ALARM) currentContext().then((ctx) => reportOutbox.deliverDue(deliveryFor(ctx))).catch(reportFailure('report delivery'));
  if (name === EVENTS_ALARM) expireEvents().catch(reportFailure('event expiry'));
  if (name === ACCEPTANCE_ALARM) currentContext().then((ctx) => acceptanceOutbox.deliverDue(acceptanceDeliveryFor(ctx))).catch(reportFailure('acceptance delivery'));
  if (name === CHECKIN_OUTBOX_ALARM) currentContext().then((ctx) => checkinOutbox.deliverDue(checkinDeliveryFor(ctx))).catch(reportFailure('check-in delivery'));
  if (name === CHECKIN_ALARM) checkPosture('interval').catch(reportFailure('posture check (interval)'));
});

// Managed configuration can arrive seconds after install, and ICT can change it at any time.
onManagedChanged(() => void enforceThenCheck('managed config change', 'config-change'));
// The first answer of a slow managed-storage read (at any wake): enforce what it says, and check
// only if it leaves the device without a usable bundle (say, ICT's address arrived at install).
onManagedSettled(() => void enforceThenCheck('managed config answer', 'wake'));
onLocalChanged((keys) => {
  if (keys.includes(LOCAL_CONFIG_KEY)) void enforceThenCheck('settings change', 'config-change');
  // Storage is the truth: an acceptance stored by any means lifts the gate (the accept handler
  // also enforces before it answers; a second enforce changes nothing).
  else if (keys.includes(acceptanceRecord.key)) void enforceNow().catch(reportFailure('acceptance change'));
});
// Access to sites withdrawn or given back: the rules change shape (see src/dnr/compile-rules.ts).
onHostAccessChanged(() => void enforceNow().catch(reportFailure('host access change')).then(() => checkPosture('browser-change')).catch(reportFailure('posture check (host access)')));
// Another extension installed, removed, turned on or off; the proxy settings changed: check again.
onPostureChanged(() => void checkPosture('browser-change').catch(reportFailure('posture check (browser change)')));
onTopLevelCommitted((tabId, url) => void checkCommitted(tabId, url).catch(reportFailure('committed page check')));
onTabRemoved((tabId) => void expireGrants(Date.now(), tabId).catch(reportFailure('grant cleanup')));
