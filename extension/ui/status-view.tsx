import { useEffect, useState } from 'preact/hooks';
import type { StatusReply } from '../../src/protocol/status.ts';
import { messagesLocale, t } from '../platform/i18n.ts';
import { configProblemsWords } from './config-problem-text.ts';
import { formatChangeTime } from '../../src/schedule/format-time.ts';
import { dateFormat } from '../../src/schedule/date-format.ts';

/*
 * Plain-English views of the worker's StatusReply, shared by the popup and the options page.
 * Every word comes from _locales; dates and relative times in the language of those words.
 */

/** The current time, updated every `everyMs` so "checked 5 minutes ago" stays true while a page is open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** "5 Mar 2026, 14:05", or the "never" text. */
export function formatDateTime(iso: string | null | undefined): string {
  const ms = parseTime(iso);
  if (ms === null) return t('statusNever');
  return dateFormat(messagesLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function formatAgo(iso: string | null | undefined, now: number): string {
  const ms = parseTime(iso);
  if (ms === null) return t('statusNever');
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 60) return t('statusJustNow');
  const locale = messagesLocale();
  // Chromium's Intl has no Welsh: then our own words ("5 munud yn ôl"), not American English.
  const rtf = Intl.RelativeTimeFormat.supportedLocalesOf([locale]).length > 0
    ? new Intl.RelativeTimeFormat(locale, { numeric: 'always' })
    : { format: (n: number, unit: 'minute' | 'hour' | 'day') => t(unit === 'minute' ? 'a11yAgoMinutes' : unit === 'hour' ? 'a11yAgoHours' : 'a11yAgoDays', String(-n)) };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return rtf.format(-hours, 'hour');
  return rtf.format(-Math.floor(hours / 24), 'day');
}

export function modeName(mode: StatusReply['mode']): string {
  switch (mode) {
    case 'work': return t('modeWork');
    case 'break': return t('modeBreak');
    case 'personal': return t('modePersonal');
    default: return t('modeUnknown');
  }
}

/** The mode in the words staff use: "Working time", "Lunch break", "Your break", "Outside working hours". */
function modeWords(status: StatusReply): string {
  if (status.mode === 'break') {
    if (status.modeReason === 'self-declared-break') return t('modeOwnBreak');
    const label = status.modeLabel?.trim();
    if (label) return /\bbreak$/i.test(label) ? label : t('modeNamedBreak', label);
  }
  if (status.mode === 'personal' && status.modeReason) return t('modeOutsideHours');
  return modeName(status.mode);
}

/** "Working time until 12:30", "Lunch break until 13:30", "Outside working hours until Monday 08:00": times in the schedule's zone. */
export function modeText(status: StatusReply, now: number): string {
  const name = modeWords(status);
  const until = parseTime(status.modeUntil);
  return until !== null && status.mode ? t('statusModeUntil', [name, formatChangeTime(until, now, status.zone ?? 'Europe/London', messagesLocale())]) : name;
}

/** The one-line summary: which policy is in force and when it was last checked. */
export function policyHeadline(status: StatusReply, now: number): string {
  const policy = status.policy;
  if (!policy || policy.source === 'baseline') return t('popupStatusNoPolicy');
  // After a failed check, "checked just now" would mislead: say when the policy arrived instead.
  if (status.lastError) {
    return policy.fetchedAt
      ? t('statusPolicyReceived', [String(policy.serial), formatAgo(policy.fetchedAt, now)])
      : t('statusPolicyInForce', String(policy.serial));
  }
  const checked = status.checkedAt ?? policy.fetchedAt;
  return checked
    ? t('statusPolicyChecked', [String(policy.serial), formatAgo(checked, now)])
    : t('statusPolicyInForce', String(policy.serial));
}

export function isExpired(status: StatusReply, now: number): boolean {
  const expires = parseTime(status.policy?.expiresAt);
  return expires !== null && expires <= now;
}

function withoutFinalStop(text: string): string {
  return text.trim().replace(/[.。]+$/, '');
}

/** Why the last check failed, in plain words (the technical message is on the options page). */
export function problemText(code: string | null, message: string): string {
  switch (code) {
    case 'fetch-failed': return t('problemFetch');
    case 'unknown-key':
    case 'bad-signature': return t('problemSignature');
    case 'rollback': return t('problemRollback');
    case 'serial-reused': return t('problemSerialReused');
    case 'key-revoked': return t('problemKeyRevoked');
    case 'expired': return t('problemExpired');
    case 'not-yet-valid': return t('problemNotYetValid');
    case 'malformed':
    case 'schema':
    case 'chunk-missing':
    case 'chunk-too-large':
    case 'chunk-size-mismatch':
    case 'chunk-hash-mismatch':
    case 'chunk-malformed': return t('problemDamaged');
    case 'internal': return t('problemOther');
    // A code this page does not know yet: the worker's own words, without the code in front.
    default: return withoutFinalStop(code && message.startsWith(`${code}: `) ? message.slice(code.length + 2) : message);
  }
}

/** The warnings to show, most important first; each is plain text (error messages may contain URLs). */
export function statusWarnings(status: StatusReply, now: number): string[] {
  const warnings: string[] = [];
  if (isExpired(status, now)) warnings.push(t('statusExpired', formatDateTime(status.policy?.expiresAt)));
  if (status.lastError) {
    warnings.push(status.lastErrorCode === 'config'
      ? t('statusConfigProblem', status.configProblems?.length ? configProblemsWords(status.configProblems) : withoutFinalStop(status.lastError))
      : t('statusCheckFailed', problemText(status.lastErrorCode, status.lastError)));
  }
  if (status.internalError) warnings.push(t('statusInternalProblem', formatDateTime(status.internalError.at)));
  if (status.hostAccess === false) warnings.push(t('statusNoHostAccess'));
  return warnings;
}

/** Warnings as notices. Not a live region: the status line above it announces changes. */
export function StatusWarnings({ status, now }: { status: StatusReply; now: number }) {
  const warnings = statusWarnings(status, now);
  if (warnings.length === 0) return null;
  return (
    <div data-testid="status-warnings">
      {warnings.map((w) => (
        <p class="notice notice--danger" key={w}>{w}</p>
      ))}
    </div>
  );
}

export function settingsSourceText(source: StatusReply['configSource']): string {
  switch (source) {
    case 'managed': return t('settingsSourceManaged');
    case 'pending': return t('settingsSourcePending');
    case 'local': return t('settingsSourceLocal');
    case 'unconfigured': return t('settingsSourceUnconfigured');
    default: return t('settingsSourceDefault');
  }
}
