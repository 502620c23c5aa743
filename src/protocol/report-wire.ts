import { z } from 'zod';
import { UserIdentity } from '../config/device-config.ts';

/**
 * The report a device POSTs to the report endpoint (`aup serve`: POST /api/reports), shared by
 * the extension's outbox and the server so that both check the same contract. A report never
 * carries page content or screenshots: only the address, when, what kind and an optional note.
 *
 * The server treats every field as hostile: the URL is only ever shown as text, and whether a
 * category is sensitive comes from the server's own policy, never from here.
 */

export const REPORT_KINDS = ['inadvertent', 'wrongly-blocked', 'wrongly-allowed', 'software-request'] as const;
export const ReportKind = z.enum(REPORT_KINDS);
export type ReportKind = z.infer<typeof ReportKind>;

export const REPORT_LIMITS = { url: 2048, host: 253, note: 1000, category: 64, field: 100 } as const;

/**
 * The kinds a person chooses on the report page; `software-request` is made by the download
 * page's "I need this for work — ask ICT" (its category is the file's class in rules/file-types.yaml).
 */
export const PAGE_REPORT_KINDS = ['inadvertent', 'wrongly-blocked', 'wrongly-allowed'] as const;

/** A receipt number people can read out on the phone: `R-<year>-<number>`. */
export const Receipt = z.string().regex(/^R-\d{4}-\d{6,}$/);

/** http(s) only, no user name or password (they could carry secrets), at most 2048 characters. */
export const ReportUrl = z
  .string()
  .max(REPORT_LIMITS.url, `at most ${REPORT_LIMITS.url} characters`)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a URL' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'only http and https addresses can be reported' });
    else if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'the address must not contain a user name or password' });
    else if (url.hash) ctx.addIssue({ code: 'custom', message: 'the address must not contain a fragment (#…)' });
  });

/** A host name as the URL parser writes it (lower case, punycode), or an IP address. */
const Host = z.string().min(1).max(REPORT_LIMITS.host).regex(/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/, 'not a host name');

/** Policy category ids (see src/policy/ids.ts); '' when the category is not known. */
const CategoryId = z.string().max(REPORT_LIMITS.category).regex(/^([a-z0-9][a-z0-9-]*)?$/, 'not a category id');

/** An instant with its offset (`2026-11-24T12:30:00Z`, `…+01:00`): shared with the acceptance contract. */
export const Instant = z.iso.datetime({ offset: true });
const ShortText = z.string().trim().min(1).max(REPORT_LIMITS.field);

export const ReportDevice = z.strictObject({
  extensionVersion: ShortText,
  browser: ShortText,
  group: z.string().max(REPORT_LIMITS.category),
  policySerial: z.number().int().nonnegative().nullable(),
});
export type ReportDevice = z.infer<typeof ReportDevice>;

export const ReportRequest = z
  .strictObject({
    /** Made by the device when the report is queued: the server stores each id once. */
    id: z.uuid({ version: 'v4' }),
    kind: ReportKind,
    url: ReportUrl,
    host: Host,
    category: CategoryId,
    accessedAt: Instant,
    reportedAt: Instant,
    note: z.string().max(REPORT_LIMITS.note, `at most ${REPORT_LIMITS.note} characters`).optional(),
    lineManagerEmail: z.email().max(254).optional(),
    /** Who made the report, when ICT sets an identity for the device (managed `userIdentity`, e.g. an employee number). */
    userIdentity: UserIdentity.optional(),
    device: ReportDevice,
  })
  .superRefine((report, ctx) => {
    // The host is a convenience for filtering; it must be the URL's own, never another site.
    let host: string;
    try {
      host = new URL(report.url).hostname;
    } catch {
      return; // already reported on `url`
    }
    if (host !== report.host) ctx.addIssue({ code: 'custom', path: ['host'], message: "must be the URL's host" });
  });
export type ReportRequest = z.infer<typeof ReportRequest>;

/** 201 when stored, 200 (same receipt) when the id was already stored. */
export const ReportReply = z.strictObject({ receipt: Receipt });
export type ReportReply = z.infer<typeof ReportReply>;

/** Every refusal: a stable code for programs and a sentence for people. */
export const ReportError = z.strictObject({
  error: z.string(),
  message: z.string(),
  /** Which fields were wrong, for a 400. */
  issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
});
export type ReportError = z.infer<typeof ReportError>;
