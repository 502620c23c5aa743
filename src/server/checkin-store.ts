import type { CheckinRequest, FindingId, Severity } from '../protocol/checkin-wire.ts';

/**
 * Where `aup serve` keeps device check-ins: the latest per device (the fleet page's rows) and
 * a bounded history. A sibling of `ReportStore` and `AcceptanceStore`, implemented by the same
 * SQLite store (one database, one group commit) and the discard store.
 */

export type CheckinRetention = {
  /** History older than this (by when it was received) goes, and so do devices silent this long. */
  days: number;
  /** At most this many check-ins kept per device, the newest. */
  perDevice: number;
};

export const DEFAULT_CHECKIN_RETENTION: CheckinRetention = { days: 90, perDevice: 100 };

/** What the fleet page is measured against; computed by the route from the served bundle and the clock. */
export type FleetView = {
  now: Date;
  /** The serial of the bundle this server serves, if any: the newest is the larger of it and the devices' own. */
  servedSerial: number | null;
  /**
   * How long a bundle is valid (the served bundle's expiresAt − issuedAt, i.e. its validDays);
   * null when the server serves none: then each device's own bundle's validity is used.
   */
  validityMs: number | null;
};

export const NOT_SEEN_DAYS = 7;

/** The fleet page's quick filters: each one a number in the summary. */
export const FLEET_SHOWS = ['not-seen', 'behind', 'high', 'not-newest', 'not-installed-by-policy'] as const;
export type FleetShow = (typeof FLEET_SHOWS)[number];

export type DeviceFilter = {
  group?: string;
  finding?: FindingId;
  show?: FleetShow;
  /** At most this many (by group, then most recently seen); null for all (the CSV). Default 500. */
  limit?: number | null;
};

export type SeverityCounts = Record<Severity, number>;

export type StoredDevice = {
  deviceId: string;
  /** The device's latest check-in (by its own clock; see the store). */
  checkin: CheckinRequest;
  /** When the server last received a check-in from it (the server's clock). */
  lastSeen: string;
  firstSeen: string;
  behind: boolean;
  findings: SeverityCounts;
};

export type StoredCheckin = { checkin: CheckinRequest; receivedAt: string };

export type FleetSummary = {
  devices: number;
  /** Null when no device has a bundle and the server serves none. */
  newestSerial: number | null;
  onNewest: number;
  withHigh: number;
  notSeen: number;
  behind: number;
  notInstalledByPolicy: number;
};

export type GroupSummary = FleetSummary & { group: string };

export interface CheckinStore {
  /**
   * Store a check-in once, durably, before resolving (history, and the device's row if it is
   * its newest); the same id again changes nothing (`created: false`). Trims the device's
   * history to `perDevice` in the same transaction.
   */
  saveCheckin(checkin: CheckinRequest, receivedAt: Date): Promise<{ created: boolean }>;
  listDevices(filter: DeviceFilter, view: FleetView): Promise<StoredDevice[]>;
  device(deviceId: string, view: FleetView): Promise<StoredDevice | null>;
  /** Newest first. */
  checkinsOf(deviceId: string, limit: number): Promise<StoredCheckin[]>;
  /** The whole fleet, then one row per group (by group id). */
  fleetSummary(view: FleetView): Promise<{ all: FleetSummary; groups: GroupSummary[] }>;
  /** Groups that devices have reported, for the filter. */
  fleetGroups(): Promise<string[]>;
  /** Drop history received before `now − days`, and devices not seen since; returns what went. */
  pruneCheckins(now: Date): Promise<{ checkins: number; devices: number }>;
}
