import { z } from 'zod';
import { ReportDevice } from './report-wire.ts';

/**
 * The AUP acceptance a device POSTs to `aup serve` (POST /api/acceptances, the sibling of the
 * report endpoint, same Bearer token): who accepted which version of the AUP, when, on what.
 * Answered 201 (stored) or 200 (this id was stored before) with `{ receipt: "A-<year>-<n>" }`.
 * The server checks the same contract; the id (UUID v4, made on the device) is the idempotency key.
 */

export const ACCEPTANCE_LIMITS = { aupVersion: 64, aupTitle: 200, userIdentity: 200 } as const;

/** A receipt number people can read out on the phone: `A-<year>-<number>`. */
export const AcceptanceReceipt = z.string().regex(/^A-\d{4}-\d{6,}$/);

export const AcceptanceRequest = z.strictObject({
  id: z.uuid({ version: 'v4' }),
  aupVersion: z.string().min(1).max(ACCEPTANCE_LIMITS.aupVersion),
  aupTitle: z.string().min(1).max(ACCEPTANCE_LIMITS.aupTitle),
  /** The bundle in force when the person accepted; null before any bundle (the built-in policy). */
  policySerial: z.number().int().nonnegative().nullable(),
  acceptedAt: z.iso.datetime({ offset: true }),
  /** ICT's managed `userIdentity` for this device, when it sets one. */
  userIdentity: z.string().min(1).max(ACCEPTANCE_LIMITS.userIdentity).optional(),
  device: ReportDevice,
});
export type AcceptanceRequest = z.infer<typeof AcceptanceRequest>;

/** Where acceptances go: beside the reports (`…/api/reports` → `…/api/acceptances`). */
export function acceptanceEndpoint(reportEndpoint: string | null): string | null {
  if (!reportEndpoint) return null;
  try {
    return new URL('acceptances', reportEndpoint).href;
  } catch {
    return null;
  }
}
