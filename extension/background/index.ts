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
import { installDownloadGuard } from './downloads.ts';
import { handleMessage } from './handlers/index.ts';
import { recordInternalError, reportFailure } from './internal-errors.ts';
import { REFRESH_ALARM } from './policy-sync.ts';
import { checkForPolicy, enforceNow, enforceThenCheck } from './pipeline.ts';

/*
 * The worker only wires listeners here; what they start is in pipeline.ts (sync → enforce →
 * guard refresh) and handlers/ (messages). Every listener is registered synchronously at the
 * top level, so an event that wakes the worker reaches it; state is re-read from storage on
 * each wake, never assumed from a previous life of the worker.
 */

// First: the start-up guard, so a navigation that wakes the worker is checked.
installGuard();
// Downloads: decided as early as the browser allows (Chrome holds each until it is decided).
installDownloadGuard();
// Navigations meanwhile wait for (or fail closed on) this read; a failure is logged, not dropped.
refreshGuard().catch(reportFailure('start-up guard'));

// A stored record or blob that cannot be read is kept as the last internal error, for support.
onStoredProblem(recordInternalError);

onMessage(handleMessage);

// A queued report or acceptance keeps its retry alarm whatever the browser did with alarms while we slept.
reportOutbox.ensureAlarm().catch(reportFailure('report retry alarm'));
acceptanceOutbox.ensureAlarm().catch(reportFailure('acceptance retry alarm'));

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
  void enforceThenCheck('install', true);
});
onStartup(() => {
  noPrediction();
  // Reports and acceptances queued before the browser closed: once the settings (where they go) are read.
  enforceThenCheck('browser start', true)
    .then(() => currentContext())
    .then((ctx) => Promise.all([reportOutbox.deliverQueuedNow(deliveryFor(ctx)), acceptanceOutbox.deliverQueuedNow(acceptanceDeliveryFor(ctx))]))
    .catch(reportFailure('report and acceptance delivery at start'));
});

onAlarm((name) => {
  if (name === MODE_ALARM) enforceNow().catch(reportFailure('mode change'));
  if (name === REFRESH_ALARM) checkForPolicy().catch(reportFailure('policy check'));
  if (name === GRANT_ALARM) expireGrants().then(refreshGuard).catch(reportFailure('grant expiry'));
  if (name === REPORT_ALARM) currentContext().then((ctx) => reportOutbox.deliverDue(deliveryFor(ctx))).catch(reportFailure('report delivery'));
  if (name === ACCEPTANCE_ALARM) currentContext().then((ctx) => acceptanceOutbox.deliverDue(acceptanceDeliveryFor(ctx))).catch(reportFailure('acceptance delivery'));
});

// Managed configuration can arrive seconds after install, and ICT can change it at any time.
onManagedChanged(() => void enforceThenCheck('managed config change'));
onManagedSettled(() => void enforceThenCheck('managed config answer'));
onLocalChanged((keys) => {
  if (keys.includes(LOCAL_CONFIG_KEY)) void enforceThenCheck('settings change');
  // Storage is the truth: an acceptance stored by any means lifts the gate (the accept handler
  // also enforces before it answers; a second enforce changes nothing).
  else if (keys.includes(acceptanceRecord.key)) void enforceNow().catch(reportFailure('acceptance change'));
});
// Access to sites withdrawn or given back: the rules change shape (see src/dnr/compile-rules.ts).
onHostAccessChanged(() => void enforceNow().catch(reportFailure('host access change')));
onTopLevelCommitted((tabId, url) => void checkCommitted(tabId, url).catch(reportFailure('committed page check')));
onTabRemoved((tabId) => void expireGrants(Date.now(), tabId).catch(reportFailure('grant cleanup')));
