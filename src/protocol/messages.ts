import { z } from 'zod';

/**
 * Messages between extension pages and the worker. Every message crossing a boundary is
 * parsed with these schemas on arrival: a page or content script is never trusted blindly.
 */

export const StatusRequest = z.object({ type: z.literal('status/get') });

export const PolicyStatus = z.object({
  serial: z.number().int().nonnegative(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  fetchedAt: z.string().nullable(),
  source: z.enum(['bundle', 'baseline']),
});
export type PolicyStatus = z.infer<typeof PolicyStatus>;

export const StatusReply = z.object({
  type: z.literal('status'),
  version: z.string(),
  managed: z.boolean(),
  group: z.string().nullable(),
  mode: z.enum(['work', 'break', 'personal']).nullable(),
  policy: PolicyStatus.nullable(),
  lastError: z.string().nullable(),
  lastErrorCode: z.string().nullable(),
  configSource: z.enum(['managed', 'pending', 'local', 'default']),
  /** When the browser's rules last matched the policy, and which bundle they came from (null: baseline). */
  enforcedAt: z.string().nullable().optional(),
  enforcedSerial: z.number().nullable().optional(),
  /** Optional additions (older workers omit them): the group's title from the policy, */
  groupTitle: z.string().nullable().optional(),
  /** when the worker last asked for a new policy (ISO), and when the current mode ends (ISO). */
  checkedAt: z.string().nullable().optional(),
  modeUntil: z.string().nullable().optional(),
});
export type StatusReply = z.infer<typeof StatusReply>;

/** A content script asks whether its page should show the personal-use banner. */
export const BannerRequest = z.object({ type: z.literal('banner/get'), url: z.string().max(8192) });

export const BannerReply = z.discriminatedUnion('show', [
  z.object({ type: z.literal('banner'), show: z.literal(false) }),
  z.object({ type: z.literal('banner'), show: z.literal(true), until: z.string() }),
]);
export type BannerReply = z.infer<typeof BannerReply>;

/** The block and warn pages ask for what to show about a category (policy texts, contacts). */
export const PageContextRequest = z.object({ type: z.literal('page/context'), category: z.string().max(64) });

export const PageContextReply = z.object({
  type: z.literal('page/context'),
  council: z.string(),
  category: z.object({ id: z.string(), title: z.string(), clause: z.string() }).nullable(),
  aup: z.object({ title: z.string(), version: z.string(), url: z.string() }),
  helpdesk: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), url: z.string().nullable() }),
  inadvertentAccess: z.string(),
  continueMinutes: z.number(),
});
export type PageContextReply = z.infer<typeof PageContextReply>;

/** Warn page: the member of staff chose to continue to `url` in this tab. */
export const ContinueRequest = z.object({ type: z.literal('warn/continue'), url: z.string().max(8192), category: z.string().max(64) });
export const ContinueReply = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('warn/continue'), ok: z.literal(true), until: z.number() }),
  z.object({ type: z.literal('warn/continue'), ok: z.literal(false), error: z.string() }),
]);
export type ContinueReply = z.infer<typeof ContinueReply>;

/** Options page and support staff: check for a new policy now, then report the status. */
export const RefreshRequest = z.object({ type: z.literal('policy/refresh') });

/** Options page: the configuration in force, to show (managed) or prefill the form (unmanaged). */
export const SettingsRequest = z.object({ type: z.literal('settings/get') });

/** The effective configuration as a page may see it: the report token is a secret, so only whether it is set. */
export const SettingsView = z.object({
  policyUrl: z.string(),
  trustedKeys: z.array(z.string()),
  group: z.string().nullable(),
  refreshMinutes: z.number(),
  userIdentity: z.string().nullable(),
  reportEndpoint: z.string().nullable(),
  reportTokenSet: z.boolean(),
});
export type SettingsView = z.infer<typeof SettingsView>;

export const SettingsReply = z.object({
  type: z.literal('settings'),
  /** `pending`: the browser has not yet said whether ICT manages this device (first seconds after install). */
  source: z.enum(['managed', 'pending', 'local', 'default']),
  managed: z.boolean(),
  config: SettingsView,
  problems: z.array(z.string()),
});
export type SettingsReply = z.infer<typeof SettingsReply>;

/**
 * Options page of an unmanaged install: store these settings (storage.local `aup.localConfig`).
 * The shape is checked here; the worker validates the content with `DeviceConfig` and answers
 * with the problems, so a bad value gets a reply rather than silence.
 */
export const SettingsSaveRequest = z.object({
  type: z.literal('settings/save'),
  config: z.record(z.string().max(64), z.unknown()),
});

export const SettingsIssue = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() });
export type SettingsIssue = z.infer<typeof SettingsIssue>;

export const SettingsSaveReply = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('settings/save'), ok: z.literal(true), status: StatusReply }),
  z.object({
    type: z.literal('settings/save'),
    ok: z.literal(false),
    /**
     * managed: ICT's settings win and cannot be changed here; pending: not yet known whether ICT
     * manages the device (try again in a few seconds); invalid: see issues; forbidden: not from an extension page.
     */
    reason: z.enum(['managed', 'pending', 'invalid', 'forbidden']),
    issues: z.array(SettingsIssue),
  }),
]);
export type SettingsSaveReply = z.infer<typeof SettingsSaveReply>;

/** Options page: what the extension records about the person using it (transparency). */
export const EventsRequest = z.object({ type: z.literal('events/get') });

export const RecordedEvent = z.object({
  kind: z.string().max(64),
  at: z.string(),
  host: z.string(),
  category: z.string(),
  /** The category's title in the policy in force, when it still has that category. */
  categoryTitle: z.string().nullable(),
  url: z.string(),
});
export type RecordedEvent = z.infer<typeof RecordedEvent>;

export const EventsReply = z.object({
  type: z.literal('events'),
  /** Oldest first, as stored. */
  events: z.array(RecordedEvent),
});
export type EventsReply = z.infer<typeof EventsReply>;

export const PageToWorker = z.discriminatedUnion('type', [
  StatusRequest, BannerRequest, PageContextRequest, ContinueRequest, RefreshRequest,
  SettingsRequest, SettingsSaveRequest, EventsRequest,
]);
export type PageToWorker = z.infer<typeof PageToWorker>;
