import { z } from 'zod';

/** Options page: what the extension records about the person using it (transparency). */
export const EventsRequest = z.object({ type: z.literal('events/get') });

export const RecordedEvent = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('warn-continue'),
    at: z.string(),
    host: z.string(),
    category: z.string(),
    /** The category's title in the policy in force, when it still has that category. */
    categoryTitle: z.string().nullable(),
    url: z.string(),
  }),
  z.object({ kind: z.literal('break-start'), at: z.string(), endsAt: z.string(), minutes: z.number() }),
  z.object({ kind: z.literal('break-end'), at: z.string(), minutesBack: z.number() }),
  /** "Download anyway" on the download page (a warned file class). */
  z.object({ kind: z.literal('download-anyway'), at: z.string(), host: z.string(), fileType: z.string(), fileTypeTitle: z.string().nullable(), name: z.string(), url: z.string() }),
]);
export type RecordedEvent = z.infer<typeof RecordedEvent>;

export const EventsReply = z.object({
  type: z.literal('events'),
  /** Oldest first, as stored; none older than the retention period. */
  events: z.array(RecordedEvent),
  /** How many days events are kept (the policy's `retention.eventDays`, or the default); older workers omit it. */
  retentionDays: z.number().int().positive().optional(),
});
export type EventsReply = z.infer<typeof EventsReply>;
