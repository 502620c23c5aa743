import { allDueNow, dueEntries, enqueue, refusedByOlderServer, isRetriable, markDelivered, markFailed, nextAttemptAt, type Outbox } from '../../src/reports/outbox.ts';
import { serialQueue } from './serial.ts';
import { clearAlarm, hasAlarm, setAlarmAt } from '../platform/alarms.ts';
import { reportOutboxRecord, type QueuedReport } from './records.ts';

/*
 * The durable outbox of reports (record `aup.reportOutbox`): a report is written here before any
 * network call, and delivered by `deliverDueReports`, which the submit handler calls at once and
 * the `report-outbox` alarm calls again after a failure (one alarm, for the earliest retry; no
 * timer that assumes the worker stays alive). The server stores each report id once, so a worker
 * killed between the server's answer and our write only causes a harmless second delivery.
 */

export const REPORT_ALARM = 'report-outbox';
/** Reports are small: an answer within 20 s or the attempt counts as failed (and is retried). */
const DELIVERY_TIMEOUT_MS = 20_000;

export type Delivery = { endpoint: string | null; token: string | null };
type Answer = { status: number | null; receipt: string | null; error: string };

async function readOutbox(): Promise<Outbox<QueuedReport>> {
  return { entries: (await reportOutboxRecord.read()).entries };
}

async function writeOutbox(outbox: Outbox<QueuedReport>): Promise<void> {
  await reportOutboxRecord.write({ version: 1, entries: outbox.entries });
  const next = nextAttemptAt(outbox);
  if (next === null) await clearAlarm(REPORT_ALARM);
  else await setAlarmAt(REPORT_ALARM, Math.max(next, Date.now() + 1_000));
}

/** One change of the outbox at a time (a submit and an alarm may run together). */
const serialised = serialQueue();

/** Store the report for delivery. Refuses (and says so) when the outbox is full; never drops an older one. */
export function queueReport(report: QueuedReport): Promise<{ ok: true } | { ok: false; reason: 'outbox-full' | 'duplicate' }> {
  return serialised(async () => {
    const result = enqueue(await readOutbox(), report.id, report, Date.now());
    if (!result.ok) return result;
    await writeOutbox(result.outbox);
    return { ok: true as const };
  });
}

async function post(report: QueuedReport, delivery: Delivery): Promise<Answer> {
  if (!delivery.endpoint) return { status: null, receipt: null, error: 'no report address is configured yet (ICT sets it)' };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (delivery.token) headers.authorization = `Bearer ${delivery.token}`;
  try {
    const response = await fetch(delivery.endpoint, {
      method: 'POST', headers, body: JSON.stringify(report), credentials: 'omit', cache: 'no-store', signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => null)) as { receipt?: unknown; error?: unknown; issues?: unknown } | null;
    const receipt = typeof body?.receipt === 'string' && body.receipt.length <= 64 ? body.receipt : null;
    if (response.ok && receipt) return { status: response.status, receipt, error: '' };
    if (response.status === 400 && refusedByOlderServer(body?.issues)) {
      // Kept and sent again (as a server error would be): the report is fine, the server is not yet upgraded.
      return { status: 503, receipt: null, error: 'the report server is older than this AUP Guard (it does not know a field the report carries): ICT must upgrade aup serve' };
    }
    const why = typeof body?.error === 'string' ? body.error.slice(0, 300) : `HTTP ${response.status}`;
    return { status: response.ok ? 502 : response.status, receipt: null, error: why };
  } catch (error) {
    return { status: null, receipt: null, error: `cannot reach the report server: ${(error as Error).message}` };
  }
}

/** Try every report that is due; returns the outbox after the attempts. */
export function deliverDueReports(delivery: Delivery): Promise<Outbox<QueuedReport>> {
  return serialised(async () => {
    let outbox = await readOutbox();
    for (const entry of dueEntries(outbox, Date.now())) {
      const answer = await post(entry.report, delivery);
      outbox = answer.receipt
        ? markDelivered(outbox, entry.id, answer.receipt, Date.now())
        : markFailed(outbox, entry.id, answer.error, isRetriable(answer.status), Date.now());
      // Written after each attempt: a worker stopped half way keeps what it learnt.
      await writeOutbox(outbox);
    }
    return outbox;
  });
}

/**
 * At browser start, try every queued report at once rather than waiting out its back-off (the
 * alarm that held it may not have survived the restart: Firefox keeps no alarms across one).
 */
export async function deliverQueuedNow(delivery: Delivery): Promise<Outbox<QueuedReport>> {
  await serialised(async () => {
    const outbox = await readOutbox();
    if (outbox.entries.some((e) => e.state === 'queued')) await writeOutbox(allDueNow(outbox, Date.now()));
  });
  return deliverDueReports(delivery);
}

/**
 * On every start of the worker: a queued report must have its alarm. Browsers do not always keep
 * one (Firefox keeps none across a restart; Chromium drops an unpacked extension's on reload), and
 * a report without one would wait for the next report to be sent. Settings may still be arriving,
 * so the attempt is left to the alarm, a few seconds on.
 */
export function ensureReportAlarm(): Promise<void> {
  return serialised(async () => {
    const next = nextAttemptAt(await readOutbox());
    if (next !== null && !(await hasAlarm(REPORT_ALARM))) await setAlarmAt(REPORT_ALARM, Math.max(next, Date.now() + 5_000));
  });
}

export async function outboxEntries(): Promise<Outbox<QueuedReport>['entries']> {
  return (await readOutbox()).entries;
}
