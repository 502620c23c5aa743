import { z } from 'zod';
import { WorkerProblem } from './worker-problems.ts';

/** The block and warn pages: what to show about a category, and the warn page's Continue. */

/** The block and warn pages ask for what to show about a category (policy texts, contacts). */
export const PageContextRequest = z.object({ type: z.literal('page/context'), category: z.string().max(64), url: z.string().max(8192).optional() });

/**
 * When the decision for the page's site changes, formatted in the schedule's zone: `opens` is
 * when it is next allowed (null: not within 14 days, or never), `ended` when personal use of it
 * last ended and what that was (a break, or personal time).
 */
export const SiteTimes = z.object({
  opens: z.string().max(40).nullable(),
  opensAt: z.number().nullable(),
  ended: z.string().max(40).nullable(),
  endedWas: z.enum(['break', 'personal']).nullable(),
});
export type SiteTimes = z.infer<typeof SiteTimes>;

export const PageContextReply = z.object({
  type: z.literal('page/context'),
  council: z.string(),
  category: z.object({ id: z.string(), title: z.string(), clause: z.string() }).nullable(),
  aup: z.object({ title: z.string(), version: z.string(), url: z.string() }),
  helpdesk: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), url: z.string().nullable() }),
  inadvertentAccess: z.string(),
  continueMinutes: z.number(),
  /** Present when the page gave its URL. */
  times: SiteTimes.nullable().optional(),
  /** Policy texts above shown in English on a page in another language (no translation in the bundle): marked lang="en". */
  englishOnly: z.array(z.string()).optional(),
});
export type PageContextReply = z.infer<typeof PageContextReply>;

/** Warn page: the member of staff chose to continue to `url` in this tab. */
export const ContinueRequest = z.object({ type: z.literal('warn/continue'), url: z.string().max(8192), category: z.string().max(64) });
export const ContinueReply = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('warn/continue'), ok: z.literal(true), until: z.number() }),
  /** `error`: the detail, for support staff; `problem`: what the page says, in its language (older workers omit it). */
  z.object({ type: z.literal('warn/continue'), ok: z.literal(false), error: z.string(), problem: WorkerProblem.optional() }),
]);
export type ContinueReply = z.infer<typeof ContinueReply>;
