import type { AcceptanceRequest } from '../protocol/acceptance-wire.ts';
import type { CheckinStore } from './checkin-store.ts';
import type { AddResult, ReportStore } from './report-store.ts';

/**
 * Where `aup serve` keeps AUP acceptances. A sibling of `ReportStore` rather than more methods
 * on it: the acceptance route and page need only this, and a store can be tested by halves. The
 * server takes one object that is both (`ServerStore`), so acceptances and reports live in one
 * database and share its group commit.
 */

export type StoredAcceptance = AcceptanceRequest & { receipt: string; receivedAt: string };

export type AcceptanceFilter = {
  aupVersion?: string;
  /** The whole identity, any case (not a substring: the list is per person). */
  userIdentity?: string;
  /** Newest first, at most this many; null for all (the CSV). Default 500. */
  limit?: number | null;
};

/** One AUP version at a glance, for ICT: who has accepted it. */
export type AcceptanceSummary = {
  aupVersion: string;
  /** The title the newest acceptance of this version carried. */
  aupTitle: string;
  acceptances: number;
  /** Distinct user identities (any case) that accepted this version. */
  people: number;
  /** Acceptances sent without a user identity (ICT set none on those devices). */
  withoutIdentity: number;
  lastReceivedAt: string;
};

/** A device known from its check-ins whose user has not accepted a version (by user identity, any case). */
export type NotAcceptedDevice = {
  deviceId: string;
  userIdentity: string;
  deviceName: string | null;
  group: string;
  lastSeen: string;
};

export type NotAccepted = {
  /** Devices with a user identity and no acceptance of the version under that identity, by identity. */
  devices: NotAcceptedDevice[];
  /** Devices that send no user identity: whether their people accepted cannot be told (acceptances carry no device id). */
  withoutIdentity: number;
};

export interface AcceptanceStore {
  /**
   * Store an acceptance once, durably, before resolving; the same id again changes nothing and
   * gives the first receipt (`created: false`).
   */
  saveAcceptance(acceptance: AcceptanceRequest, receivedAt: Date): Promise<AddResult>;
  /** Newest first. */
  listAcceptances(filter: AcceptanceFilter): Promise<StoredAcceptance[]>;
  /** One row per AUP version, the most recently received version first. */
  acceptanceSummary(): Promise<AcceptanceSummary[]>;
  /**
   * Who has NOT accepted `aupVersion`: devices known from check-ins (not those in `exceptGroups`,
   * whose people need not accept), matched to acceptances by user identity in any case.
   * `limit` as in AcceptanceFilter (null: all, for the CSV).
   */
  notAccepted(aupVersion: string, options: { exceptGroups?: readonly string[]; limit?: number | null }): Promise<NotAccepted>;
}

/** What `aup serve` needs from its store. */
export type ServerStore = ReportStore & AcceptanceStore & CheckinStore;
