import { stringify } from 'csv-stringify/sync';
import type { NotAcceptedDevice, StoredAcceptance } from '../acceptance-store.ts';
import type { StoredDevice } from '../checkin-store.ts';
import type { StoredReport } from '../report-store.ts';

/**
 * The inbox's CSV exports. Column names stay in English whatever the page's language: they are
 * field names for spreadsheets and scripts, which must not change with who downloaded the file.
 */

const REPORT_COLUMNS = ['receipt', 'received', 'kind', 'category', 'sensitive', 'host', 'url', 'accessed', 'reported', 'note', 'line manager', 'state', 'actioned', 'user identity'];
const ACCEPTANCE_COLUMNS = [
  'receipt', 'id', 'user identity', 'aup version', 'aup title', 'policy serial', 'accepted', 'received',
  'group', 'browser', 'extension version', 'device policy serial',
];

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) is prefixed
 * with an apostrophe: every field comes from a device and must stay text when ICT opens the file.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csv(columns: string[], rows: (string | number | null)[][]): string {
  return stringify([columns, ...rows.map((row) => row.map((cell) => spreadsheetSafe(String(cell ?? ''))))], { record_delimiter: 'windows' });
}

export function reportsCsv(reports: readonly StoredReport[]): string {
  return csv(REPORT_COLUMNS, reports.map((r) => [
    r.receipt, r.receivedAt, r.kind, r.category, r.sensitive ? 'yes' : 'no', r.host, r.url, r.accessedAt, r.reportedAt,
    r.note ?? '', r.lineManagerEmail ?? '', r.state, r.actionedAt ?? '', r.userIdentity ?? '',
  ]));
}

/** A policy serial left empty means the built-in baseline (null on the wire). */
export function acceptancesCsv(acceptances: readonly StoredAcceptance[]): string {
  return csv(ACCEPTANCE_COLUMNS, acceptances.map((a) => [
    a.receipt, a.id, a.userIdentity ?? '', a.aupVersion, a.aupTitle, a.policySerial, a.acceptedAt, a.receivedAt,
    a.device.group, a.device.browser, a.device.extensionVersion, a.device.policySerial,
  ]));
}

const NOT_ACCEPTED_COLUMNS = ['aup version', 'user identity', 'device id', 'device name', 'group', 'last seen'];

/** Who has not accepted `aupVersion`: one row per device, as the page lists them (devices without a user identity cannot be matched: not rows). */
export function notAcceptedCsv(aupVersion: string | null, devices: readonly NotAcceptedDevice[]): string {
  return csv(NOT_ACCEPTED_COLUMNS, devices.map((d) => [aupVersion, d.userIdentity, d.deviceId, d.deviceName ?? '', d.group, d.lastSeen]));
}

const DEVICE_COLUMNS = [
  'device id', 'device name', 'user identity', 'group', 'last seen', 'first seen', 'device clock', 'browser', 'browser version',
  'extension version', 'installed by policy', 'policy source', 'policy serial', 'policy issued', 'policy expires', 'last sync',
  'last sync error', 'behind', 'high', 'medium', 'low', 'findings',
];

/** One row per device; `findings` lists each finding's id (and detail), separated by "; ". */
export function fleetCsv(devices: readonly StoredDevice[]): string {
  return csv(DEVICE_COLUMNS, devices.map((d) => {
    const c = d.checkin;
    const p = c.policy;
    return [
      d.deviceId, c.deviceName ?? '', c.userIdentity ?? '', c.group, d.lastSeen, d.firstSeen, c.at, c.extension.browser, c.extension.browserVersion,
      c.extension.version, c.installedByPolicy ? 'yes' : 'no', p.source, p.serial, p.issuedAt, p.expiresAt, p.fetchedAt,
      p.lastError, d.behind ? 'yes' : 'no', d.findings.high, d.findings.medium, d.findings.low,
      c.findings.map((f) => (f.detail ? `${f.id} (${f.severity}): ${f.detail}` : `${f.id} (${f.severity})`)).join('; '),
    ];
  }));
}
