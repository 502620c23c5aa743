import type { ReportKind, ReportRequest } from '../protocol/report-wire.ts';

/**
 * Where `aup serve` keeps reports and the deliveries that still have to go out. SQLite
 * (`sqlite-store.ts`) is the reference store; the interface is asynchronous and small so that a
 * PostgreSQL store can be added without touching the HTTP side.
 */

export type ReportState = 'new' | 'actioned';
export const DELIVERY_CHANNELS = ['mail-helpdesk', 'mail-line-manager', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** What the server decided when the report arrived (never taken from the client). */
export type ReceivedFacts = {
  receivedAt: Date;
  /** From the served policy: the line manager's copy leaves out the address. */
  sensitive: boolean;
  /** The category's title in the served policy, '' when unknown. */
  categoryTitle: string;
  /** Who is to be told; each becomes an outbox row in the same transaction as the report. */
  deliveries: { channel: DeliveryChannel; to: string }[];
};

export type StoredReport = ReportRequest & {
  receipt: string;
  receivedAt: string;
  sensitive: boolean;
  categoryTitle: string;
  state: ReportState;
  actionedAt: string | null;
};

export type Delivery = {
  id: number;
  reportId: string;
  channel: DeliveryChannel;
  to: string;
  attempts: number;
  nextAttemptAt: string;
  deliveredAt: string | null;
  lastError: string | null;
};

export type ReportFilter = {
  kind?: ReportKind;
  category?: string;
  state?: ReportState;
  /** Received on or after (inclusive), ISO instant. */
  from?: string;
  /** Received before (exclusive), ISO instant. */
  to?: string;
  /** Newest first, at most this many; null for all (the CSV). Default 500. */
  limit?: number | null;
};

export type AddResult = { receipt: string; created: boolean };

export interface ReportStore {
  /**
   * Store a report and its deliveries once, durably, before resolving; the same id again
   * changes nothing and gives the first receipt (`created: false`).
   */
  add(report: ReportRequest, facts: ReceivedFacts): Promise<AddResult>;
  get(id: string): Promise<StoredReport | null>;
  /** Newest first. */
  list(filter: ReportFilter): Promise<StoredReport[]>;
  markActioned(id: string, at: Date): Promise<boolean>;
  deliveriesOf(reportId: string): Promise<Delivery[]>;
  /** Deliveries not yet made whose next attempt is due at `now`, oldest first. */
  dueDeliveries(now: Date, limit: number): Promise<Delivery[]>;
  deliverySucceeded(id: number, at: Date): Promise<void>;
  deliveryFailed(id: number, error: string, nextAttemptAt: Date): Promise<void>;
  close(): Promise<void>;
}
