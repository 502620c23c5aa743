import { z } from 'zod';

/** A content script asks whether its page should show the personal-use banner. */
export const BannerRequest = z.object({ type: z.literal('banner/get'), url: z.string().max(8192) });

export const BannerReply = z.discriminatedUnion('show', [
  z.object({ type: z.literal('banner'), show: z.literal(false) }),
  z.object({ type: z.literal('banner'), show: z.literal(true), until: z.string() }),
]);
export type BannerReply = z.infer<typeof BannerReply>;
