import { allDueNow, dueEntries, enqueue, isRetriable, markDelivered, refusedByOlderServer, markFailed, nextAttemptAt, type Outbox, type OutboxEntry } from '../../src/reports/outbox.ts';
import { serialQueue } from './serial.ts';
import type { DeliveryHeaders } from '../../src/protocol/wire-fields.ts';
import { problem, type WorkerProblem } from '../../src/protocol/worker-problems.ts';
import { clearAlarm, hasAlarm, setAlarmAt } from '../platform/alarms.ts';
import type { StoredRecord } from '../platform/stored-record.ts';
import type { EnforcementContext } from './context.ts';

/*
 * A durable outbox of things the device POSTs to `aup serve` (reports, AUP acceptances, check-ins): each is
 * written to its stored record before any network call and delivered by `deliverDue`, which the
 * code that queued it calls at once and the outbox's alarm calls again after a failure (one alarm
 * per outbox, for the earliest retry; no timer that assumes the worker stays alive). The server
 * stores each id once, so a worker killed between the server's answer and our write only causes a
 * harmless second delivery. The policy (back-off, bounds, what is final) is src/reports/outbox.ts.
 */

/** Small bodies: an answer within 20 s or the attempt counts as failed (and is retried). */
const DELIVERY_TIMEOUT_MS = 20_000;

export type Delivery = { endpoint: string | null; token: string | null };
type Answer = { status: number | null; receipt: string | null; error: string; problem: WorkerProblem | null };
type Stored<R> = { version: 1; entries: OutboxEntry<R>[] };

export type DeliveryOutbox<R> = {
  readonly alarm: string;
  /** Store `item` for delivery. Refuses (and says so) when the outbox is full; never drops an older one (unless `newestOnly`). */
  queue(id: string, item: R): Promise<{ ok: true } | { ok: false; reason: 'outbox-full' | 'duplicate' }>;
  /** Try every entry that is due; the outbox after the attempts. */
  deliverDue(delivery: Delivery): Promise<Outbox<R>>;
  /**
   * At browser start, try every queued entry at once rather than waiting out its back-off (the
   * alarm that held it may not have survived the restart: Firefox keeps no alarms across one).
   */
  deliverQueuedNow(delivery: Delivery): Promise<Outbox<R>>;
  /**
   * On every start of the worker: a queued entry must have its alarm. Browsers do not always keep
   * one (Firefox keeps none across a restart; Chromium drops an unpacked extension's on reload).
   * Settings may still be arriving, so the attempt is left to the alarm, a few seconds on.
   */
  ensureAlarm(): Promise<void>;
  entries(): Promise<OutboxEntry<R>[]>;
};

/** Where reports go: ICT's managed setting, else the policy's endpoint; the deployment token from managed config. */
export function deliveryFor(ctx: EnforcementContext): Delivery {
  return { endpoint: ctx.config.config.reportEndpoint ?? ctx.active.policy.reports.endpoint ?? null, token: ctx.config.config.reportToken ?? null };
}

/** The browser, as the wire contract's `device.browser` says it. */
export function browserName(): string {
  return /Firefox\//.test(navigator.userAgent) ? 'firefox' : /Edg\//.test(navigator.userAgent) ? 'edge' : 'chrome';
}

type Body = { receipt?: unknown; received?: unknown; error?: unknown; issues?: unknown } | null;

/** Reports and acceptances are answered with a receipt ("R-…", "A-…"). */
function receiptOf(body: Body): string | null {
  return typeof body?.receipt === 'string' && body.receipt.length <= 64 ? body.receipt : null;
}

export type DeliveryOptions<R> = {
  alarm: string;
  record: StoredRecord<Stored<R>, Stored<R>>;
  /** Names the kind in the error a person may see ("cannot reach the report server"). */
  what: string;
  /** What in a 2xx answer proves the server stored it (default: a receipt); the receipt kept. */
  accepted?: (body: Body) => string | null;
  /**
   * A new item replaces every one not yet delivered (check-ins: only the newest says how the
   * device is now). Without it (reports, acceptances) nothing queued is ever dropped.
   */
  newestOnly?: boolean;
};

export function deliveryOutbox<R>(options: DeliveryOptions<R>): DeliveryOutbox<R> {
  const { alarm, record, what, accepted = receiptOf, newestOnly = false } = options;
  const read = async (): Promise<Outbox<R>> => ({ entries: (await record.read()).entries });
  const write = async (outbox: Outbox<R>): Promise<void> => {
    await record.write({ version: 1, entries: outbox.entries });
    const next = nextAttemptAt(outbox);
    if (next === null) await clearAlarm(alarm);
    else await setAlarmAt(alarm, Math.max(next, Date.now() + 1_000));
  };
  /** One change of the outbox at a time (a submit and an alarm may run together). */
  const serialised = serialQueue();

  async function post(item: R, delivery: Delivery): Promise<Answer> {
    if (!delivery.endpoint) return { status: null, receipt: null, error: `no ${what} address is configured yet (ICT sets it)`, problem: problem('delivery-no-address') };
    // Typed by the inventory's definition (src/protocol/wire-fields.ts): a new header must be described there.
    const headers: DeliveryHeaders = { 'content-type': 'application/json' };
    if (delivery.token) headers.authorization = `Bearer ${delivery.token}`;
    try {
      const response = await fetch(delivery.endpoint, {
        method: 'POST', headers, body: JSON.stringify(item), credentials: 'omit', cache: 'no-store', signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      const body = (await response.json().catch(() => null)) as Body;
      const receipt = accepted(body);
      if (response.ok && receipt) return { status: response.status, receipt, error: '', problem: null };
      if (response.status === 400 && refusedByOlderServer(body?.issues)) {
        // Kept and sent again (as a server error would be): the server is not yet upgraded.
        return { status: 503, receipt: null, error: 'the report server is older than this AUP Guard (it does not know a field this carries): ICT must upgrade aup serve', problem: problem('delivery-server-older') };
      }
      const code = typeof body?.error === 'string' ? body.error.slice(0, 300) : null;
      const why = code ?? `HTTP ${response.status}`;
      return {
        status: response.ok ? 502 : response.status, receipt: null, error: why,
        problem: code ? problem('delivery-refused', response.status, code) : problem('delivery-http', response.status),
      };
    } catch (error) {
      return { status: null, receipt: null, error: `cannot reach the ${what} server: ${(error as Error).message}`, problem: problem('delivery-unreachable') };
    }
  }

  const deliverDue = (delivery: Delivery) =>
    serialised(async () => {
      let outbox = await read();
      for (const entry of dueEntries(outbox, Date.now())) {
        const answer = await post(entry.report, delivery);
        outbox = answer.receipt
          ? markDelivered(outbox, entry.id, answer.receipt, Date.now())
          : markFailed(outbox, entry.id, answer.error, isRetriable(answer.status), Date.now(), Math.random, answer.problem);
        // Written after each attempt: a worker stopped half way keeps what it learnt.
        await write(outbox);
      }
      return outbox;
    });

  return {
    alarm,
    queue: (id, item) =>
      serialised(async () => {
        const held = await read();
        const kept = newestOnly ? { entries: held.entries.filter((e) => e.state === 'delivered') } : held;
        const result = enqueue(kept, id, item, Date.now());
        if (!result.ok) return result;
        await write(result.outbox);
        return { ok: true as const };
      }),
    deliverDue,
    async deliverQueuedNow(delivery) {
      await serialised(async () => {
        const outbox = await read();
        if (outbox.entries.some((e) => e.state === 'queued')) await write(allDueNow(outbox, Date.now()));
      });
      return deliverDue(delivery);
    },
    ensureAlarm: () =>
      serialised(async () => {
        const next = nextAttemptAt(await read());
        if (next !== null && !(await hasAlarm(alarm))) await setAlarmAt(alarm, Math.max(next, Date.now() + 5_000));
      }),
    entries: async () => (await read()).entries,
  };
}
