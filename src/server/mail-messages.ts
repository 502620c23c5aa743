import type { ReportKind } from '../protocol/report-wire.ts';
import type { StoredReport } from './report-store.ts';

/**
 * What each recipient is told, in plain text (no HTML part: nothing to render, no live link).
 * The helpdesk gets everything a report holds. The line manager gets the date, time, kind and
 * category; for a sensitive category neither the address, nor the host, nor the free-text note
 * (which could repeat the address): IWF guidance, no unnecessary distribution.
 */

export const IWF_REPORT_URL = 'https://report.iwf.org.uk/';
const ZONE = 'Europe/London';

const KIND_WORDS: Record<ReportKind, string> = {
  inadvertent: 'accidental access',
  'wrongly-blocked': 'site wrongly blocked',
  'wrongly-allowed': 'site wrongly allowed',
  'software-request': 'software request',
};

export function kindWords(kind: ReportKind): string {
  return KIND_WORDS[kind];
}

/** "Tuesday 24 November 2026 at 12:30 (UK time)". */
export function ukDateTime(iso: string): string {
  const at = new Date(iso);
  const date = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${date} at ${time} (UK time)`;
}

export function categoryWords(r: StoredReport): string {
  if (!r.category) return 'not known';
  return r.categoryTitle ? `${r.categoryTitle} (${r.category})` : r.category;
}

export type MailMessage = { to: string; subject: string; text: string };

export function helpdeskMail(r: StoredReport, to: string): MailMessage {
  const lines = [
    `AUP Guard report ${r.receipt}: ${kindWords(r.kind)}.`,
    '',
    `Address: ${r.url}`,
    `Site: ${r.host}`,
    r.kind === 'software-request' ? `File type: ${categoryWords(r)} (the download was stopped; they ask for it for their work)` : `Category: ${categoryWords(r)}${r.sensitive ? ' — sensitive' : ''}`,
    `Accessed: ${ukDateTime(r.accessedAt)}`,
    `Reported: ${ukDateTime(r.reportedAt)}`,
    `Reported by: ${r.userIdentity ?? 'not given (ICT sets userIdentity on devices)'}`,
    `Line manager: ${r.lineManagerEmail ?? 'not given'}`,
    `Device: AUP Guard ${r.device.extensionVersion}, ${r.device.browser}, group ${r.device.group || 'not set'}, policy serial ${r.device.policySerial ?? 'none'}`,
    '',
    `Note from the member of staff: ${r.note ?? '(none)'}`,
  ];
  if (r.sensitive) {
    lines.push('', 'This category is marked sensitive. Do not open or forward the address. If it may show child sexual abuse, report it to the Internet Watch Foundation:', IWF_REPORT_URL);
  }
  lines.push('', 'The report is in the ICT inbox of AUP Guard, where it can be marked actioned.');
  return { to, subject: `AUP report ${r.receipt}: ${kindWords(r.kind)} — ${r.sensitive ? 'sensitive category' : r.host}`, text: lines.join('\n') };
}

export function lineManagerMail(r: StoredReport, to: string): MailMessage {
  const what = r.kind === 'inadvertent'
    ? 'reached a website by accident and has reported it, as the internet acceptable use policy asks.'
    : `reported a ${kindWords(r.kind)} through AUP Guard.`;
  const lines = [
    `A member of your team ${what}`,
    '',
    `Receipt: ${r.receipt}`,
    ...(r.userIdentity ? [`Who: ${r.userIdentity}`] : []),
    `When: ${ukDateTime(r.accessedAt)}`,
    `Category: ${r.categoryTitle || r.category || 'not known'}`,
  ];
  if (r.sensitive) {
    lines.push('', 'The address is not included because material in this category may be unlawful to pass on. The ICT Service Desk has the details and will act on them. Please do not ask for the address or for copies of anything seen.');
  } else {
    lines.push(`Site: ${r.host}`, `Address: ${r.url}`);
    if (r.note) lines.push('', `Their note: ${r.note}`);
  }
  lines.push('', 'You do not need to forward this email to ICT: they have been told.');
  return { to, subject: `AUP report ${r.receipt}: ${kindWords(r.kind)} reported by a member of your team`, text: lines.join('\n') };
}
