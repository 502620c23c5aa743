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
  configSource: z.enum(['managed', 'local', 'default']),
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

export const PageToWorker = z.discriminatedUnion('type', [StatusRequest, BannerRequest, PageContextRequest, ContinueRequest, RefreshRequest]);
export type PageToWorker = z.infer<typeof PageToWorker>;
