import { z } from 'zod';

/** The popup's "Start my break" and "End my break" (self-declared breaks, where the policy offers them). */

export const BreakStartRequest = z.object({ type: z.literal('break/start'), minutes: z.number().int().min(1).max(1440) });
export const BreakEndRequest = z.object({ type: z.literal('break/end') });

export const BREAK_REFUSALS = ['not-allowed-now', 'daily-cap-reached', 'not-configured', 'already-on-break', 'no-schedule'] as const;

export const BreakReply = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('break'), ok: z.literal(true), endsAt: z.number().nullable() }),
  z.object({ type: z.literal('break'), ok: z.literal(false), reason: z.enum(BREAK_REFUSALS) }),
]);
export type BreakReply = z.infer<typeof BreakReply>;

/** Self-declared breaks as the popup shows them (part of the status reply). */
export const SelfBreakStatus = z.object({
  onBreakUntil: z.string().nullable(),
  canStart: z.boolean(),
  reason: z.enum(BREAK_REFUSALS).nullable(),
  minutesLeft: z.number().int().nonnegative(),
  longestMinutes: z.number().int().nonnegative(),
  maxMinutesPerDay: z.number().int().nonnegative(),
});
export type SelfBreakStatus = z.infer<typeof SelfBreakStatus>;
