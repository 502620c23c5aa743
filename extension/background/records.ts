import { z } from 'zod';
import { SignedManifest } from '../../src/bundle/manifest.ts';
import { sha256Hex } from '../../src/bundle/bytes.ts';
import { DeviceConfig } from '../../src/config/device-config.ts';
import { HostMatcher } from '../../src/match/matcher.ts';
import { isEarlierFormat } from '../../src/match/matcher-format.ts';
import { defineRecord, migrate, UNREADABLE_PREFIX } from '../platform/stored-record.ts';
import { bytesOf, defineBlobRecord } from '../platform/blob-record.ts';
import { PagedHostMatcher, WORTH_PAGING_BYTES } from '../../src/match/paged-matcher.ts';
import {
  acceptanceOutboxRecord, acceptanceRecord, checkinOutboxRecord, checkinStateRecord, deviceRecord, reportOutboxRecord, reportPrefsRecord,
} from './delivery-records.ts';

export * from './delivery-records.ts';

/*
 * Everything the worker stores, in one place: key, area, version, schema, migrations and the
 * safe default of each record (docs/architecture.md lists them; records.test.ts feeds each one
 * garbage and old versions). Feature modules read and write only through these declarations.
 */

// ---- aup.policyState: the last-known-good bundle and the sync status (storage.local).

export const SyncError = z.object({ code: z.string(), message: z.string(), at: z.string() });

const PolicyStateFieldsV1 = {
  /** The verified manifest in force (null before the first good bundle). */
  manifest: SignedManifest.nullable(),
  policyUrl: z.string().nullable(),
  etag: z.string().nullable(),
  /** When the bundle in force was downloaded. */
  fetchedAt: z.string().nullable(),
  /** When the device last asked, whatever the answer. */
  checkedAt: z.string().nullable(),
  lastError: SyncError.nullable(),
  /** Consecutive failed checks, for the back-off. */
  failures: z.number().int().nonnegative(),
};

export const PolicyStateV1 = z.object({ version: z.literal(1), ...PolicyStateFieldsV1 });

export const PolicyStateV2 = z.object({
  version: z.literal(2),
  ...PolicyStateFieldsV1,
  /**
   * The last successful sync: a new bundle stored OR the server confirming the one held (304).
   * What a check-in sends as `policy.fetchedAt`, from which ICT's fleet page judges "behind".
   */
  lastSyncAt: z.string().nullable(),
});
export type PolicyState = z.infer<typeof PolicyStateV2>;

/** No bundle: the baseline compiled into the extension enforces until the next good sync. */
export const EMPTY_POLICY_STATE: PolicyState = {
  version: 2, manifest: null, policyUrl: null, etag: null, fetchedAt: null, checkedAt: null, lastError: null, failures: 0, lastSyncAt: null,
};

export const policyStateRecord = defineRecord({
  key: 'aup.policyState',
  area: 'local',
  version: 2,
  schema: PolicyStateV2,
  migrations: {
    // Version 1 kept no success time. With no error recorded, the last check (a 304 or a download)
    // succeeded; after an error, the download of the bundle in force is the latest success known.
    1: migrate(PolicyStateV1, (v1) => ({ ...v1, version: 2, lastSyncAt: v1.lastError === null ? (v1.checkedAt ?? v1.fetchedAt) : v1.fetchedAt })),
  },
  fallback: EMPTY_POLICY_STATE,
});

// ---- aup.enforcedRules / aup.sessionRules: which rules we added, by id, with their content keys.

export const enforcedRulesRecord = defineRecord({
  key: 'aup.enforcedRules',
  area: 'local',
  version: 1,
  schema: z.object({
    version: z.literal(1),
    keys: z.record(z.string(), z.string()),
    enforcedAt: z.string().optional(),
    tookMs: z.number().optional(),
    source: z.string().optional(),
    /** Serial of the bundle whose rules are in force (null: the built-in baseline). */
    serial: z.number().nullable().optional(),
    /**
     * Written before the browser's dynamic rules are changed and cleared after: still set on
     * the next read means the worker stopped in between, so `keys` may not describe the
     * browser's rules and the next enforce reconciles from the browser's own list.
     */
    pending: z.boolean().optional(),
  }),
  // Unknown: every dynamic rule the browser holds is replaced.
  fallback: null,
});

/** In storage.session, which the browser clears together with the session rules themselves. */
export const sessionRulesRecord = defineRecord({
  key: 'aup.sessionRules',
  area: 'session',
  version: 1,
  schema: z.object({ version: z.literal(1), keys: z.record(z.string(), z.string()) }),
  // Unknown: every session rule of ours the browser holds is replaced.
  fallback: null,
});

/**
 * In storage.session: this browser session's rules were applied in full for the situation in
 * force until `until` (ms; null: no change is scheduled). Written last by a successful enforce and
 * cleared first by every enforce, so it never outlives the rules it describes; the browser clears
 * it at exit. A worker woken after an idle spell reads it to stop holding pages back (guard.ts).
 */
export const rulesInForceRecord = defineRecord({
  key: 'aup.rulesInForce',
  area: 'session',
  version: 1,
  schema: z.object({ version: z.literal(1), inForce: z.boolean(), until: z.number().nullable() }),
  // Unknown: the rules may not be in force, so the guard holds pages until it can decide them.
  fallback: null,
});

// ---- aup.continueGrants: warn-page "Continue" grants (storage.session).

export const StoredGrant = z.object({ ruleId: z.number(), tabId: z.number(), host: z.string(), until: z.number() });
export type StoredGrant = z.infer<typeof StoredGrant>;

export const continueGrantsRecord = defineRecord({
  key: 'aup.continueGrants',
  area: 'session',
  version: 1,
  schema: z.object({ version: z.literal(1), grants: z.array(StoredGrant) }),
  // No grant: the warn page shows again, which is the stricter answer.
  fallback: { version: 1 as const, grants: [] },
});

// ---- aup.localConfig: settings of an unmanaged install (options page).

/** Where releases before version 2 kept `aup.localConfig`: read once, moved, removed. */
export const LEGACY_LOCAL_CONFIG_KEY = 'aup.localConfig.v1';

/**
 * Version 1 was a bare DeviceConfig under the key `aup.localConfig.v1`; it is moved to this key
 * as version 2 on first read. Unreadable: no local settings (the embedded defaults apply, and
 * the problem is shown on the options page).
 */
export const localConfigRecord = defineRecord({
  key: 'aup.localConfig',
  area: 'local',
  version: 2,
  schema: z.object({ version: z.literal(2), config: DeviceConfig }),
  migrations: { 1: migrate(DeviceConfig, (config) => ({ version: 2, config })) },
  legacyKey: { key: LEGACY_LOCAL_CONFIG_KEY, version: 1 },
  fallback: null,
});

// ---- aup.breakState: a self-declared break and today's usage (must survive restarts).

export const breakStateRecord = defineRecord({
  key: 'aup.breakState',
  area: 'local',
  version: 1,
  schema: z.object({
    version: z.literal(1),
    selfDeclared: z.object({ startedAt: z.number(), endsAt: z.number() }).nullable(),
    usage: z.object({ date: z.string(), minutesUsed: z.number() }).nullable(),
  }),
  // Not on a break.
  fallback: { version: 1 as const, selfDeclared: null, usage: null },
});

// ---- aup.events: what is recorded about the person using the device (shown to them).

const ContinueEvent = z.object({
  kind: z.literal('warn-continue'),
  at: z.string(),
  host: z.string(),
  category: z.string(),
  /** Without query or fragment: the least that still says where. */
  url: z.string(),
});
/** A self-declared break started (until `endsAt`, `minutes` charged) or ended early (`minutesBack` returned). */
const BreakStartEvent = z.object({ kind: z.literal('break-start'), at: z.string(), endsAt: z.string(), minutes: z.number().int().nonnegative() });
const BreakEndEvent = z.object({ kind: z.literal('break-end'), at: z.string(), minutesBack: z.number().int().nonnegative() });
/** "Download anyway" on the download page: a warned file (its class, name and least URL) downloaded by the person's choice. */
const DownloadAnywayEvent = z.object({ kind: z.literal('download-anyway'), at: z.string(), host: z.string(), fileType: z.string(), name: z.string(), url: z.string() });
export const AupEvent = z.discriminatedUnion('kind', [ContinueEvent, BreakStartEvent, BreakEndEvent, DownloadAnywayEvent]);
export type AupEvent = z.infer<typeof AupEvent>;

export const eventsRecord = defineRecord({
  key: 'aup.events',
  area: 'local',
  version: 2,
  schema: z.object({ version: z.literal(2), events: z.array(AupEvent) }),
  // Version 1 held only warn-page continues, which version 2 keeps as they were.
  migrations: { 1: migrate(z.object({ version: z.literal(1), events: z.array(ContinueEvent) }), (v1) => ({ version: 2, events: v1.events })) },
  fallback: { version: 2 as const, events: [] },
});

// ---- aup.lastInternalError: the last internal failure, for support staff.

export const lastInternalErrorRecord = defineRecord({
  key: 'aup.lastInternalError',
  area: 'local',
  version: 1,
  schema: z.object({ version: z.literal(1), what: z.string(), message: z.string(), at: z.string() }),
  fallback: null,
});

// ---- aup.bannerScript: what the banner content script is registered for (storage.session).

export const bannerScriptRecord = defineRecord({
  key: 'aup.bannerScript',
  area: 'session',
  version: 1,
  schema: z.object({ version: z.literal(1), key: z.string() }),
  // Unknown: register the banner again.
  fallback: null,
});

// ---- aup.bannerDismissed: sites whose banner the person closed, until the decision for each changes (storage.session).

export const bannerDismissedRecord = defineRecord({
  key: 'aup.bannerDismissed',
  area: 'session',
  version: 1,
  schema: z.object({ version: z.literal(1), hosts: z.record(z.string(), z.number()) }),
  // None closed: the banner shows (it informs; showing it again is the safe side).
  fallback: { version: 1 as const, hosts: {} as Record<string, number> },
});

// ---- aup.stoppedDownloads: downloads the worker stopped, for the download page (storage.session).

export const StoppedDownload = z.object({
  token: z.string(),
  at: z.string(),
  url: z.string(),
  host: z.string(),
  name: z.string(),
  action: z.enum(['block', 'warn']),
  fileType: z.string().nullable(),
  group: z.string(),
  proceeded: z.boolean(),
  /** The software request's receipt, or 'queued', once asked of ICT. */
  askedIct: z.string().nullable(),
});
export type StoppedDownload = z.infer<typeof StoppedDownload>;

export const stoppedDownloadsRecord = defineRecord({
  key: 'aup.stoppedDownloads',
  area: 'session',
  version: 1,
  schema: z.object({ version: z.literal(1), downloads: z.array(StoppedDownload) }),
  // None: a download page whose token is not here says the download is not known (nothing granted).
  fallback: { version: 1 as const, downloads: [] as StoppedDownload[] },
});

/** Every record, for the tests that feed each one bad data and for the docs. */
export const RECORDS = [
  policyStateRecord, enforcedRulesRecord, sessionRulesRecord, rulesInForceRecord, continueGrantsRecord, localConfigRecord,
  breakStateRecord, eventsRecord, lastInternalErrorRecord, bannerScriptRecord, bannerDismissedRecord, reportOutboxRecord,
  reportPrefsRecord, acceptanceRecord, acceptanceOutboxRecord, deviceRecord, checkinOutboxRecord, checkinStateRecord, stoppedDownloadsRecord,
] as const;

// ---- IndexedDB blobs, keyed by the chunk's SHA-256.

/** A chunk's bytes (compressed, as on the wire) are used only if they still hash to the SHA-256 in their key. */
export async function verifyChunk(sha256: string, bytes: Uint8Array): Promise<Uint8Array> {
  const actual = await sha256Hex(bytes);
  if (actual !== sha256) throw new Error(`chunk bytes hash to ${actual.slice(0, 12)}…, not ${sha256.slice(0, 12)}…`);
  return bytes;
}

export const chunkBlobs = defineBlobRecord({ prefix: 'chunk:', decode: async (sha256, stored) => verifyChunk(sha256, await bytesOf(stored)), encode: (bytes: Uint8Array) => bytes });

/**
 * A chunk's compact matcher. A large one is written as a `Blob`, which IndexedDB keeps on disk, so
 * that a start reads its header and offsets and answers from a few buckets while the rest loads
 * (src/match/paged-matcher.ts); a small one (and every one written before 8 December 2026) as
 * bytes, read whole in one go. Either way its format version and every length are checked. One in
 * an earlier format (stored before an update) is read as missing without a report: it is rebuilt.
 */
export const chunkMatcherBlobs = defineBlobRecord<HostMatcher | PagedHostMatcher, 'chunk-matcher:', HostMatcher>({
  prefix: 'chunk-matcher:',
  decode: (_sha256, stored) => (stored instanceof Uint8Array ? (isEarlierFormat(stored) ? undefined : HostMatcher.fromBinary(stored)) : openPaged(stored)),
  encode: (matcher) => {
    const bytes = matcher.toBinary();
    return bytes.byteLength > WORTH_PAGING_BYTES ? new Blob([bytes]) : bytes;
  },
});

async function openPaged(blob: Blob): Promise<PagedHostMatcher | undefined> {
  const read = async (start: number, end: number) => new Uint8Array(await blob.slice(start, end).arrayBuffer());
  try {
    return await PagedHostMatcher.open(blob.size, read);
  } catch (error) {
    if (isEarlierFormat(await read(0, 8))) return undefined;
    throw error;
  }
}

// ---- Every key the extension stores under, for "What AUP Guard records" (its table is keyed by `StoredKey`).

export type StoredWhere = 'local' | 'session' | 'indexeddb';
/** `<key>` / `<sha256>` stand for the variable part of a key. */
export type StoredKey =
  | (typeof RECORDS)[number]['key']
  | typeof LEGACY_LOCAL_CONFIG_KEY
  | `${typeof UNREADABLE_PREFIX}<key>`
  | `${(typeof chunkBlobs)['prefix'] | (typeof chunkMatcherBlobs)['prefix']}<sha256>`;

/** Derived from the declarations above: a new record is listed here without anyone writing it down. */
export function storedKeys(): { key: StoredKey; where: StoredWhere }[] {
  return [
    ...RECORDS.map((r) => ({ key: r.key, where: r.area })),
    ...RECORDS.flatMap((r) => (r.legacyKey ? [{ key: r.legacyKey as StoredKey, where: r.area }] : [])),
    { key: `${UNREADABLE_PREFIX}<key>`, where: 'local' },
    ...[chunkBlobs, chunkMatcherBlobs].map((b) => ({ key: `${b.prefix}<sha256>` as const, where: 'indexeddb' as const })),
  ];
}
