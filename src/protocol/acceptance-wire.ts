import { z } from 'zod';
import { UserIdentity } from '../config/device-config.ts';
import { Instant, ReportDevice, ReportError } from './report-wire.ts';

/**
 * The AUP acceptance a device POSTs to `aup serve` (POST /api/acceptances, the same Bearer
 * reportToken and rate limit as reports), shared by the extension's outbox and the server. It
 * says who accepted which version of the policy, when, on which bundle; nothing about browsing.
 *
 * The server treats every field as hostile: titles and identities are shown only as text.
 */

export const ACCEPTANCE_LIMITS = { aupVersion: 64, aupTitle: 200, userIdentity: 200 } as const;

/** `A-<year>-<number>`: its own sequence, so it is never mistaken for a report's `R-…`. */
export const ACCEPTANCE_RECEIPT = /^A-\d{4}-\d{6,}$/;
export const AcceptanceReceipt = z.string().regex(ACCEPTANCE_RECEIPT);

const Text = (max: number) => z.string().min(1).max(max, `at most ${max} characters`);

export const AcceptanceRequest = z.strictObject({
  /** Made by the device when the acceptance is queued: the server stores each id once. */
  id: z.uuid({ version: 'v4' }),
  /** The policy's `aup.version`, e.g. "2026.1". */
  aupVersion: Text(ACCEPTANCE_LIMITS.aupVersion),
  aupTitle: Text(ACCEPTANCE_LIMITS.aupTitle),
  /**
   * The bundle serial the person accepted on (null: the built-in baseline). Not checked against
   * `device.policySerial`: that is the serial when sent, which may be newer if the send waited.
   */
  policySerial: z.number().int().nonnegative().nullable(),
  acceptedAt: Instant,
  /** From the managed configuration, when ICT sets one; otherwise the acceptance is anonymous. */
  userIdentity: UserIdentity.optional(),
  device: ReportDevice,
});
export type AcceptanceRequest = z.infer<typeof AcceptanceRequest>;

/** 201 when stored, 200 (same receipt) when the id was already stored. */
export const AcceptanceReply = z.strictObject({ receipt: AcceptanceReceipt });
export type AcceptanceReply = z.infer<typeof AcceptanceReply>;

/** Refusals have the same shape as the report endpoint's. */
export const AcceptanceError = ReportError;
export type AcceptanceError = ReportError;

/** Where a device sends acceptances: beside the reports (`…/api/reports` → `…/api/acceptances`). */
export function acceptanceEndpoint(reportEndpoint: string | null): string | null {
  if (!reportEndpoint) return null;
  try {
    return new URL('acceptances', reportEndpoint).href;
  } catch {
    return null;
  }
}
