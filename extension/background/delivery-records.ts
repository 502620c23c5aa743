import { z } from 'zod';
import { ReportRequest } from '../../src/protocol/report-wire.ts';
import { AcceptanceRequest } from '../../src/protocol/acceptance-wire.ts';
import { WorkerProblem } from '../../src/protocol/worker-problems.ts';
import { CheckinRequest } from '../../src/protocol/checkin-wire.ts';
import { defineRecord } from '../platform/stored-record.ts';

/*
 * The stored records of what the device sends to ICT's report server — reports, acceptances,
 * check-ins — and what it remembers about sending them. Part of the one list of records in
 * records.ts (which re-exports these), kept apart so neither file outgrows the house limit.
 */

// ---- aup.reportOutbox: reports queued before any network call, and what became of them (storage.local).

/** What the server receives: the wire contract (src/protocol/report-wire.ts), which the server checks again. */
export const QueuedReport = ReportRequest;
export type QueuedReport = ReportRequest;

/** One outbox entry around what is sent (`payload`): the shape of `Outbox<R>` in src/reports/outbox.ts. */
function outboxEntry<R extends z.ZodType>(payload: R) {
  return z.object({
    id: z.string(),
    report: payload,
    state: z.enum(['queued', 'delivered', 'refused']),
    queuedAt: z.number(),
    attempts: z.number().int().nonnegative(),
    nextAttemptAt: z.number().nullable(),
    lastError: z.string().nullable(),
    /** Optional within version 1: older entries have none, and an older extension drops it (both read each other's). */
    lastProblem: WorkerProblem.nullable().optional(),
    receipt: z.string().nullable(),
    deliveredAt: z.number().nullable(),
  });
}

/** An outbox record (version 1) of `payload`s; empty when missing or unreadable (kept aside under aup.unreadable.*, not lost). */
function outboxSpec<R extends z.ZodType, K extends string>(key: K, payload: R) {
  const entry = outboxEntry(payload);
  return {
    key,
    area: 'local' as const,
    version: 1 as const,
    schema: z.object({ version: z.literal(1), entries: z.array(entry) }),
    fallback: { version: 1 as const, entries: [] as z.infer<typeof entry>[] },
  };
}

export const reportOutboxRecord = defineRecord(outboxSpec('aup.reportOutbox', QueuedReport));

// ---- aup.reportPrefs: the line manager's address, remembered for the next report (storage.local).

export const reportPrefsRecord = defineRecord({
  key: 'aup.reportPrefs',
  area: 'local',
  version: 1,
  schema: z.object({ version: z.literal(1), lineManagerEmail: z.string().max(254).nullable() }),
  fallback: { version: 1 as const, lineManagerEmail: null },
});

// ---- aup.acceptance: the AUP acceptances made on this device (storage.local).

/** At most this many acceptances are kept (the newest): one per AUP version accepted, in practice. */
export const MAX_ACCEPTANCES = 20;

export const Acceptance = z.object({
  /** The id the server stores it under (the acceptance outbox's entry id). */
  id: z.uuid(),
  aupVersion: z.string().min(1).max(64),
  policySerial: z.number().int().nonnegative().nullable(),
  acceptedAt: z.iso.datetime({ offset: true }),
});
export type Acceptance = z.infer<typeof Acceptance>;

export const acceptanceRecord = defineRecord({
  key: 'aup.acceptance',
  area: 'local',
  version: 1,
  schema: z.object({
    version: z.literal(1),
    acceptances: z.array(Acceptance).max(MAX_ACCEPTANCES),
    /** The AUP version the welcome page was last opened for by itself (once per version, not per wake). */
    promptedFor: z.string().nullable(),
  }),
  // None accepted: the gate stays on (the person is asked again), never off.
  fallback: { version: 1 as const, acceptances: [] as Acceptance[], promptedFor: null as string | null },
});

// ---- aup.acceptanceOutbox: acceptances queued for the server, and what became of them (storage.local).

export const QueuedAcceptance = AcceptanceRequest;
export type QueuedAcceptance = AcceptanceRequest;
export const acceptanceOutboxRecord = defineRecord(outboxSpec('aup.acceptanceOutbox', QueuedAcceptance));

// ---- aup.device: this install's device id for check-ins (storage.local).

export const deviceRecord = defineRecord({
  key: 'aup.device',
  area: 'local',
  version: 1,
  schema: z.object({
    version: z.literal(1),
    /** A random UUID made once per install: one row on ICT's fleet page. Not a hardware or user id. */
    deviceId: z.uuid({ version: 'v4' }),
    createdAt: z.iso.datetime({ offset: true }),
  }),
  // None (or unreadable): a new id is made, and the device shows on the fleet page as a new row.
  fallback: null,
});

// ---- aup.checkinOutbox: the newest check-in not yet delivered (storage.local).

export const QueuedCheckin = CheckinRequest;
export type QueuedCheckin = CheckinRequest;
export const checkinOutboxRecord = defineRecord(outboxSpec('aup.checkinOutbox', QueuedCheckin));

// ---- aup.checkinState: what the last check-in said and when, to know when the next is due (storage.local).

export const checkinStateRecord = defineRecord({
  key: 'aup.checkinState',
  area: 'local',
  version: 1,
  schema: z.object({
    version: z.literal(1),
    /** When the last check-in was queued (ms) and what ICT would see in it (src/posture/checkin.ts checkinSignature). */
    at: z.number(),
    signature: z.string(),
  }),
  // None: the next posture check sends a check-in.
  fallback: null,
});
