import { deliveryOutbox } from './delivery-outbox.ts';
import { reportOutboxRecord, type QueuedReport } from './records.ts';

/*
 * The durable outbox of reports (record `aup.reportOutbox`, alarm `report-outbox`): a report is
 * written here before any network call; delivery, retries and the alarm are delivery-outbox.ts.
 */

export type { Delivery } from './delivery-outbox.ts';
export const REPORT_ALARM = 'report-outbox';

export const reportOutbox = deliveryOutbox<QueuedReport>({ alarm: REPORT_ALARM, record: reportOutboxRecord, what: 'report' });
