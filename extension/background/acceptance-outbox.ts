import { deliveryOutbox } from './delivery-outbox.ts';
import { acceptanceOutboxRecord, type QueuedAcceptance } from './records.ts';

/*
 * The durable outbox of AUP acceptances (record `aup.acceptanceOutbox`, alarm
 * `acceptance-outbox`), delivered to POST /api/acceptances like reports (delivery-outbox.ts).
 */

export const ACCEPTANCE_ALARM = 'acceptance-outbox';

export const acceptanceOutbox = deliveryOutbox<QueuedAcceptance>({ alarm: ACCEPTANCE_ALARM, record: acceptanceOutboxRecord, what: 'acceptance' });
