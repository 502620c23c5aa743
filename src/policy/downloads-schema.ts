import { z } from 'zod';
import { Id } from './ids.ts';
import { TranslatableText } from './policy-text.ts';

/**
 * Downloads and safe search as ICT writes them (rules/file-types.yaml, and per group in
 * rules/policy.yaml) and as they travel in the compiled policy. Kept apart from
 * source-schema.ts and compiled-schema.ts, which only name these blocks. Documented for ICT in
 * rules/README.md.
 */

/** What happens to a download of a class: `warn` needs an explicit "Download anyway" (recorded). */
export const DownloadAction = z.enum(['block', 'warn', 'allow']);
export type DownloadAction = z.infer<typeof DownloadAction>;

/** Higher is stricter: the strictest class of a download decides. */
export const DOWNLOAD_SEVERITY: Record<DownloadAction, number> = { block: 2, warn: 1, allow: 0 };

export const DownloadModeActions = z.strictObject({ work: DownloadAction, break: DownloadAction, personal: DownloadAction });
export type DownloadModeActions = z.infer<typeof DownloadModeActions>;

/** One action for every mode, or one per mode (e.g. media allowed in breaks). */
export const DownloadRule = z.union([DownloadAction, DownloadModeActions]);
export type DownloadRule = z.infer<typeof DownloadRule>;

/** A file extension as it ends a name: lower case, no dot (`exe`, `appimage`, `7z`). */
export const Extension = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,15}$/, 'must be an extension in lower case without the dot (letters, digits, - or _; at most 16)');

/**
 * A MIME type as RFC 6838 writes one (`type/subtype`), lower case, without parameters; or a whole
 * top-level type (`video/*`). Types that say nothing about the content are refused: a file
 * served as `application/octet-stream` is classed by its extension instead.
 */
const RESTRICTED_NAME = '[a-z0-9][a-z0-9!#$&^_.+-]{0,126}';
export const GENERIC_MIME_TYPES: readonly string[] = [
  'application/octet-stream', 'binary/octet-stream', 'application/unknown', 'application/download',
  'application/force-download', 'application/x-download', 'application/binary',
];
export const MimeType = z
  .string()
  .regex(new RegExp(`^${RESTRICTED_NAME}/(?:${RESTRICTED_NAME}|\\*)$`), 'must be a MIME type in lower case, type/subtype or type/*, without parameters (e.g. application/x-msdownload)')
  .refine((m) => !GENERIC_MIME_TYPES.includes(m), 'says nothing about the file (servers send it for anything): list the extensions instead');

export const FileTypeSource = z.strictObject({
  /** Texts people read: English, or `{ en: …, cy: … }` with its Welsh (policy-text.ts). */
  title: TranslatableText(),
  /** The AUP clause, shown when a download of this class is stopped. */
  clause: TranslatableText(),
  description: TranslatableText().optional(),
  /** The action for a group that does not name this class (choose the protective one). */
  default: DownloadAction,
  extensions: z.array(Extension).default([]),
  mimeTypes: z.array(MimeType).default([]),
});
export type FileTypeSource = z.infer<typeof FileTypeSource>;

/** rules/file-types.yaml: class id → class. Order matters: it breaks ties between equally strict classes. */
export const FileTypesSource = z.strictObject({ classes: z.record(Id, FileTypeSource) });

/** A host ICT trusts to serve software: downloads served from it (or its subdomains) are never touched. */
export const ApprovedSourceSource = z.strictObject({ host: z.string().min(1), reason: Text() });

const OnOff = z.union([z.enum(['on', 'off']), z.boolean()]).transform((v) => v === true || v === 'on');
export const YouTubeRestrict = z.enum(['strict', 'moderate', 'off']);
export type YouTubeRestrict = z.infer<typeof YouTubeRestrict>;

/** Per group. Every engine defaults to its safe mode, so a group that says nothing is protected. */
export const SafeSearchSource = z.strictObject({
  google: OnOff.default(true),
  bing: OnOff.default(true),
  duckduckgo: OnOff.default(true),
  youtube: YouTubeRestrict.default('moderate'),
});

function Text() {
  return z.string().trim().min(1);
}

// ── compiled ────────────────────────────────────────────────────────────────────────────────

export const CompiledFileType = z.strictObject({
  id: Id,
  title: z.string(),
  clause: z.string(),
  description: z.string().nullable(),
  extensions: z.array(z.string()),
  mimeTypes: z.array(z.string()),
});
export type CompiledFileType = z.infer<typeof CompiledFileType>;

export const CompiledDownloads = z.strictObject({
  /** In the order of rules/file-types.yaml. */
  fileTypes: z.array(CompiledFileType),
  /** Normalised hosts, each covering its subdomains. */
  approvedSources: z.array(z.strictObject({ host: z.string(), reason: z.string() })),
  /** Group id → class id → action per mode; every class listed for every group. */
  byGroup: z.record(Id, z.record(Id, DownloadModeActions)),
});
export type CompiledDownloads = z.infer<typeof CompiledDownloads>;

export const SafeSearchSettings = z.strictObject({
  google: z.boolean(),
  bing: z.boolean(),
  duckduckgo: z.boolean(),
  youtube: YouTubeRestrict,
});
export type SafeSearchSettings = z.infer<typeof SafeSearchSettings>;

/** Group id → settings. */
export const CompiledSafeSearch = z.record(Id, SafeSearchSettings);
export type CompiledSafeSearch = z.infer<typeof CompiledSafeSearch>;

/** What a policy without these blocks (compiled format 1) means: nothing was asked of downloads or search. */
export const NO_DOWNLOAD_POLICY: CompiledDownloads = { fileTypes: [], approvedSources: [], byGroup: {} };
export const SAFE_SEARCH_OFF: SafeSearchSettings = { google: false, bing: false, duckduckgo: false, youtube: 'off' };
