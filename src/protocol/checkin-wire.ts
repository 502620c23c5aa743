import { z } from 'zod';
import { Instant, ReportError } from './report-wire.ts';

/**
 * The check-in a device POSTs to `aup serve` (POST /api/checkins, the same Bearer reportToken
 * and rate-limit budget as reports), shared by the extension and the server. It says how well
 * the device is protected — the policy bundle in force, how the extension was installed, what
 * the posture self-check found — so that ICT can see which devices are behind or weakened.
 *
 * It NEVER carries URLs or browsing history: no address, host, page title or visit of the
 * person's. Every free-text field refuses anything that looks like an address (`://`), so a
 * careless device-side change cannot leak one; `withoutAddresses` is the device's way to make
 * a text (a sync error) fit. The server treats every field as hostile: shown only as text.
 *
 * The device sends one at start, after each policy sync, and at most every N hours otherwise
 * (managed configuration); `id` is new per check-in, `deviceId` is made once per install.
 */

export const FINDING_IDS = [
  'incognito-available',
  'not-installed-by-policy',
  'managed-settings-missing',
  'managed-settings-invalid',
  'proxy-controlled-by-other',
  'proxy-extension-installed',
  'developer-mode',
  'bundle-expired',
  'bundle-behind',
  'baseline-only',
  'rules-mismatch',
  'host-access-withdrawn',
] as const;
export const FindingId = z.enum(FINDING_IDS);
export type FindingId = z.infer<typeof FindingId>;

/** Most severe first: the order the inbox shows them in. */
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const BROWSERS = ['chrome', 'edge', 'firefox'] as const;

export const CHECKIN_LIMITS = {
  findings: 50, detail: 300, lastError: 300, userIdentity: 200, deviceName: 100, group: 64, version: 32,
} as const;

const ADDRESS = /:\/\//;

/** Text of at most `max` characters that does not look like it holds an address. */
const Text = (max: number) => z.string().min(1).max(max, `at most ${max} characters`)
  .refine((value) => !ADDRESS.test(value), 'must not contain an address (://): a check-in never carries URLs');

/**
 * What a device does to a text before sending it (a sync error names the policy URL): every
 * `scheme://…` up to the next space becomes `[address]`, and the result is cut to `max`.
 */
export function withoutAddresses(text: string, max: number = CHECKIN_LIMITS.lastError): string {
  return text.replace(/[^\s]*:\/\/[^\s]*/g, '[address]').slice(0, max);
}

/** "1.2.3", "140.0", "126.0.6478.126", "140.0esr": a version, never free text. */
const Version = z.string().min(1).max(CHECKIN_LIMITS.version).regex(/^[0-9A-Za-z][0-9A-Za-z.+-]*$/, 'not a version');

/** A policy group id (src/policy/ids.ts), or '' when ICT set none and the strictest group applies. */
const GroupId = z.string().max(CHECKIN_LIMITS.group).regex(/^([a-z][a-z0-9-]*)?$/, 'not a group id');

export const CheckinPolicy = z
  .strictObject({
    /** The serial of the bundle in force; null on the built-in baseline. */
    serial: z.number().int().nonnegative().nullable(),
    /** A verified bundle is in force, or only the baseline built into the extension. */
    source: z.enum(['bundle', 'baseline']),
    /** The bundle's own issuedAt and expiresAt (null on the baseline). */
    issuedAt: Instant.nullable(),
    expiresAt: Instant.nullable(),
    /**
     * The last successful sync: a new bundle stored OR the policy server confirming the one held
     * (304 Not Modified) — not only the last download, or a device that is up to date would look
     * behind. Null if it never synced. The fleet page's "behind" is measured from this.
     */
    fetchedAt: Instant.nullable(),
    /** The last sync's error, without addresses (`withoutAddresses`); null after a success. */
    lastError: Text(CHECKIN_LIMITS.lastError).nullable(),
  })
  .superRefine((policy, ctx) => {
    if (policy.source !== 'bundle') return;
    for (const key of ['serial', 'issuedAt', 'expiresAt'] as const) {
      if (policy[key] === null) ctx.addIssue({ code: 'custom', path: [key], message: 'a bundle in force has a serial, issuedAt and expiresAt' });
    }
  });
export type CheckinPolicy = z.infer<typeof CheckinPolicy>;

export const Finding = z.strictObject({
  id: FindingId,
  severity: Severity,
  /** e.g. the other extension's name and id; never an address. */
  detail: Text(CHECKIN_LIMITS.detail).optional(),
});
export type Finding = z.infer<typeof Finding>;

export const CheckinRequest = z.strictObject({
  /** New for each check-in: the server stores each id once (a replay is answered 200). */
  id: z.uuid({ version: 'v4' }),
  /** Made once per install and kept by the device: the fleet page's row. */
  deviceId: z.uuid({ version: 'v4' }),
  /** When the device made this check-in (its own clock). */
  at: Instant,
  extension: z.strictObject({ version: Version, browser: z.enum(BROWSERS), browserVersion: Version }),
  group: GroupId,
  policy: CheckinPolicy,
  /** installType 'admin' (Chrome, Edge) or force_installed (Firefox). */
  installedByPolicy: z.boolean(),
  /** What the posture self-check found; empty when nothing. The same id may repeat (one per other extension). */
  findings: z.array(Finding).max(CHECKIN_LIMITS.findings, `at most ${CHECKIN_LIMITS.findings} findings`),
  /** From the managed configuration, when ICT sets them. */
  userIdentity: Text(CHECKIN_LIMITS.userIdentity).optional(),
  deviceName: Text(CHECKIN_LIMITS.deviceName).optional(),
});
export type CheckinRequest = z.infer<typeof CheckinRequest>;

/** 201 when stored, 200 when this check-in id was already stored. */
export const CheckinReply = z.strictObject({ received: z.literal(true) });
export type CheckinReply = z.infer<typeof CheckinReply>;

/** Refusals have the same shape as the report endpoint's. */
export const CheckinError = ReportError;
export type CheckinError = ReportError;
