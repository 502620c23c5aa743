import { stringify } from 'csv-stringify/sync';
import type { StoredAcceptance } from '../acceptance-store.ts';
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
