import { z } from 'zod';
import { WorkerProblem } from './worker-problems.ts';
import { ModeActions } from '../policy/actions.ts';

/**
 * The welcome page and the options page ↔ the worker, for AUP acceptance (issue 12). What
 * travels to the server is src/protocol/acceptance-wire.ts; the worker builds it.
 */

export const AcceptanceStatusRequest = z.object({ type: z.literal('acceptance/status') });

const Minutes = z.object({ start: z.number(), end: z.number() });
/** Days (mon…sun) that share the same time ranges, in minutes from midnight. */
const WeekLine = z.object({ days: z.array(z.string()), ranges: z.array(Minutes) });

/** One acceptance made on this device, with what became of its delivery to ICT. */
export const AcceptanceView = z.object({
  id: z.string(),
  aupVersion: z.string(),
  acceptedAt: z.string(),
  delivery: z.enum(['queued', 'delivered', 'refused', 'unknown']),
  receipt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** The last delivery problem as a code, for the page's language (absent: older records). */
  lastProblem: WorkerProblem.nullable().optional(),
});
export type AcceptanceView = z.infer<typeof AcceptanceView>;

export const AcceptanceStatusReply = z.object({
  type: z.literal('acceptance/status'),
  council: z.string(),
  aup: z.object({ title: z.string(), version: z.string(), url: z.string(), summary: z.string() }),
  group: z.object({ id: z.string(), title: z.string() }),
  /** Whether the person's group must accept the AUP before browsing. */
  required: z.boolean(),
  /** The acceptance of the current version, if one was made on this device. */
  accepted: AcceptanceView.nullable(),
  /** Every acceptance kept on this device, newest first (options page). */
  history: z.array(AcceptanceView),
  /** The categories the group blocks or warns at some time, in policy order, with their clause. */
  rules: z.array(z.object({ id: z.string(), title: z.string(), clause: z.string(), actions: ModeActions })),
  /** The group's working hours and fixed breaks, when its schedule has them (personal use outside work). */
  times: z.object({ zone: z.string(), workingHours: z.array(WeekLine), breaks: z.array(WeekLine) }).nullable(),
  /** Policy texts above shown in English on a page in another language (no translation in the bundle): marked lang="en". */
  englishOnly: z.array(z.string()).optional(),
});
export type AcceptanceStatusReply = z.infer<typeof AcceptanceStatusReply>;

/** "I have read and agree": `aupVersion` is the version the page showed, so a newer one is not accepted unseen. */
export const AcceptRequest = z.object({ type: z.literal('acceptance/accept'), aupVersion: z.string().min(1).max(64) });
export const AcceptReply = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('acceptance/accepted'), ok: z.literal(true), acceptance: AcceptanceView }),
  z.object({ type: z.literal('acceptance/accepted'), ok: z.literal(false), error: z.enum(['version-changed', 'outbox-full', 'invalid']), message: z.string(), problem: WorkerProblem.optional() }),
]);
export type AcceptReply = z.infer<typeof AcceptReply>;
