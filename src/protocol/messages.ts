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
});
export type StatusReply = z.infer<typeof StatusReply>;

/** A content script asks whether its page should show the personal-use banner. */
export const BannerRequest = z.object({ type: z.literal('banner/get'), url: z.string().max(8192) });

export const BannerReply = z.discriminatedUnion('show', [
  z.object({ type: z.literal('banner'), show: z.literal(false) }),
  z.object({ type: z.literal('banner'), show: z.literal(true), until: z.string() }),
]);
export type BannerReply = z.infer<typeof BannerReply>;

export const PageToWorker = z.discriminatedUnion('type', [StatusRequest, BannerRequest]);
export type PageToWorker = z.infer<typeof PageToWorker>;
