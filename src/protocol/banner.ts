import { z } from 'zod';

/** A content script asks whether its page should show the personal-use banner. */
export const BannerRequest = z.object({ type: z.literal('banner/get'), url: z.string().max(8192) });

/** The person closed the banner: not again on this site until the decision for it changes. */
export const BannerDismissRequest = z.object({ type: z.literal('banner/dismiss'), url: z.string().max(8192) });

/**
 * What the banner shows. `until` is already formatted in the schedule's zone ("13:30", "Monday
 * 08:00"); `untilAt` (epoch ms) lets the page warn five minutes before. `why` says which kind of
 * personal time it is; `label` is a fixed break's name from the policy ("Lunch").
 */
export const BannerReply = z.discriminatedUnion('show', [
  z.object({ type: z.literal('banner'), show: z.literal(false) }),
  z.object({
    type: z.literal('banner'),
    show: z.literal(true),
    /** Null: personal use of this site does not end within 14 days (nothing to count down to). */
    until: z.string().max(40).nullable(),
    untilAt: z.number().nullable(),
    why: z.enum(['fixed-break', 'self-declared-break', 'personal', 'working-time']),
    label: z.string().max(80).nullable(),
    aupTitle: z.string().max(200),
  }),
]);
export type BannerReply = z.infer<typeof BannerReply>;
