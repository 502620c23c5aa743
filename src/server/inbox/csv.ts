import { stringify } from 'csv-stringify/sync';
import type { StoredReport } from '../report-store.ts';

const COLUMNS = ['receipt', 'received', 'kind', 'category', 'sensitive', 'host', 'url', 'accessed', 'reported', 'note', 'line manager', 'state', 'actioned'];

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) is prefixed
 * with an apostrophe: report fields come from devices and must stay text when ICT opens the file.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function reportsCsv(reports: readonly StoredReport[]): string {
  const rows = reports.map((r) => [
    r.receipt, r.receivedAt, r.kind, r.category, r.sensitive ? 'yes' : 'no', r.host, r.url, r.accessedAt, r.reportedAt,
    r.note ?? '', r.lineManagerEmail ?? '', r.state, r.actionedAt ?? '',
  ].map(spreadsheetSafe));
  return stringify([COLUMNS, ...rows], { record_delimiter: 'windows' });
}
