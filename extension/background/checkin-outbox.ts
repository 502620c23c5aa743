import { deliveryOutbox, deliveryFor, type Delivery } from './delivery-outbox.ts';
import { checkinOutboxRecord, type QueuedCheckin } from './records.ts';
import type { EnforcementContext } from './context.ts';

/*
 * The outbox of fleet check-ins (record `aup.checkinOutbox`, alarm `checkin-outbox`), delivered
 * to POST /api/checkins like reports (delivery-outbox.ts). Unlike a report, an older check-in is
 * worth nothing once a newer one exists: a new one replaces any not yet delivered.
 */

export const CHECKIN_OUTBOX_ALARM = 'checkin-outbox';

export const checkinOutbox = deliveryOutbox<QueuedCheckin>({
  alarm: CHECKIN_OUTBOX_ALARM,
  record: checkinOutboxRecord,
  what: 'check-in',
  // aup serve answers 201 / 200 `{ received: true }` (src/protocol/checkin-wire.ts CheckinReply).
  accepted: (body) => (body?.received === true ? 'received' : null),
  newestOnly: true,
});

/** Check-ins go beside the reports: `…/api/reports` → `…/api/checkins`, same token. */
export function checkinEndpoint(reportEndpoint: string | null): string | null {
  if (!reportEndpoint) return null;
  try {
    return new URL('checkins', reportEndpoint).href;
  } catch {
    return null;
  }
}

export function checkinDeliveryFor(ctx: EnforcementContext): Delivery {
  const reports = deliveryFor(ctx);
  return { endpoint: checkinEndpoint(reports.endpoint), token: reports.token };
}
