import { z } from 'zod';

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
