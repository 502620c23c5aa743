import { z } from 'zod';
import { Finding } from './checkin-wire.ts';

/**
 * The popup and the options page ↔ the worker, for the posture self-check (issue 15): the same
 * findings the device sends ICT in its check-ins (src/protocol/checkin-wire.ts), and what became
 * of the last check-in. `posture/checkin` runs the check and sends a check-in now (support staff,
 * and the tests: no waiting for the interval).
 */

export const PostureRequest = z.object({ type: z.literal('posture/get') });
export const PostureCheckinRequest = z.object({ type: z.literal('posture/checkin') });

export const PostureReply = z.object({
  type: z.literal('posture'),
  /** When the self-check ran (ISO). */
  checkedAt: z.string(),
  findings: z.array(Finding),
  installedByPolicy: z.boolean(),
  /** The newest check-in: queued or delivered, when, and the last delivery error; null before the first. */
  lastCheckin: z.object({
    state: z.enum(['queued', 'delivered', 'refused']),
    at: z.string(),
    deliveredAt: z.string().nullable(),
    lastError: z.string().nullable(),
  }).nullable(),
});
export type PostureReply = z.infer<typeof PostureReply>;
