import { z } from 'zod';
import { REPORT_KINDS, type ReportKindChoice, type ReportSubmitRequest } from '../../../src/protocol/reports.ts';
import { reportableUrl, type UrlScope } from '../../../src/reports/report-url.ts';
import { t } from '../../platform/i18n.ts';

/*
 * The report form: its values, their checks in plain English (for the error summary and each
 * field), and the request they make. Pure apart from t().
 */

export const NOTE_MAX = 1000;

export type ReportForm = {
  kind: ReportKindChoice | '';
  scope: UrlScope;
  keepQuery: boolean;
  /** `datetime-local` text, in the device's own clock ("2026-11-24T12:31"). */
  when: string;
  note: string;
  lineManagerEmail: string;
};
export type ReportField = 'kind' | 'when' | 'note' | 'lineManagerEmail' | 'url';
export type ReportErrors = Partial<Record<ReportField, string>>;

/** `datetime-local` text for an instant, in the device's clock. */
export function localInputValue(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

const Email = z.email();

export function validateReport(form: ReportForm, url: string | null, now: Date): ReportErrors {
  const errors: ReportErrors = {};
  if (!REPORT_KINDS.includes(form.kind as ReportKindChoice)) errors.kind = t('reportErrorKind');
  if (!url || reportableUrl(url, { scope: form.scope, keepQuery: form.keepQuery }) === null) errors.url = t('reportErrorUrl');
  const when = new Date(form.when);
  if (!form.when || Number.isNaN(when.getTime())) errors.when = t('reportErrorWhen');
  // A minute's grace: the clock on the form and the device may differ by the seconds it took to fill in.
  else if (when.getTime() > now.getTime() + 60_000) errors.when = t('reportErrorWhenFuture');
  if (form.note.length > NOTE_MAX) errors.note = t('reportErrorNote', String(NOTE_MAX));
  const email = form.lineManagerEmail.trim();
  if (email && !Email.safeParse(email).success) errors.lineManagerEmail = t('reportErrorEmail');
  return errors;
}

export function submitRequest(form: ReportForm, url: string, category: string): ReportSubmitRequest {
  return {
    type: 'report/submit',
    kind: form.kind as ReportKindChoice,
    url,
    scope: form.scope,
    keepQuery: form.keepQuery,
    category,
    accessedAt: new Date(form.when).toISOString(),
    note: form.note.trim(),
    lineManagerEmail: form.lineManagerEmail.trim(),
  };
}
