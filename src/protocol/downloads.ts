import { z } from 'zod';

/**
 * The download explanation page ↔ the worker. The page's address carries only a token
 * (`?d=<token>`); what it shows comes from the worker's record of the downloads it stopped
 * (`aup.stoppedDownloads`), so a page anyone can open says nothing the worker did not decide.
 */
export const DownloadToken = z.string().regex(/^[0-9a-f-]{36}$/, 'not a download token');

export const DownloadGetRequest = z.object({ type: z.literal('download/get'), token: DownloadToken });
export const DownloadProceedRequest = z.object({ type: z.literal('download/proceed'), token: DownloadToken });
export const DownloadAskIctRequest = z.object({ type: z.literal('download/ask-ict'), token: DownloadToken, note: z.string().max(1000) });

export const StoppedDownloadView = z.object({
  /** The file's name as the OS would have held it: shown as text, never markup. */
  name: z.string(),
  host: z.string(),
  url: z.string(),
  action: z.enum(['block', 'warn']),
  fileType: z.object({ id: z.string(), title: z.string(), clause: z.string() }).nullable(),
  stoppedAt: z.string(),
  /** Already downloaded anyway (a warn), or already asked of ICT: the page says so. */
  proceeded: z.boolean(),
  askedIct: z.string().nullable(),
});
export type StoppedDownloadView = z.infer<typeof StoppedDownloadView>;

export const DownloadGetReply = z.discriminatedUnion('found', [
  z.object({ type: z.literal('download/get'), found: z.literal(true), download: StoppedDownloadView, helpdesk: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), url: z.string().nullable() }),
    /** The policy texts above shown in English on a page in another language (marked lang="en"). */
    englishOnly: z.array(z.string()).default([]),
  }),
  z.object({ type: z.literal('download/get'), found: z.literal(false) }),
]);
export type DownloadGetReply = z.infer<typeof DownloadGetReply>;

export const DownloadProceedReply = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('download/proceed'), ok: z.literal(true) }),
  z.object({ type: z.literal('download/proceed'), ok: z.literal(false), error: z.string() }),
]);
export type DownloadProceedReply = z.infer<typeof DownloadProceedReply>;

/** The software request went into the report outbox: delivered (with its receipt) or queued. */
export const DownloadAskIctReply = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('download/ask-ict'), ok: z.literal(true), state: z.enum(['delivered', 'queued']), receipt: z.string().nullable() }),
  z.object({ type: z.literal('download/ask-ict'), ok: z.literal(false), error: z.string() }),
]);
export type DownloadAskIctReply = z.infer<typeof DownloadAskIctReply>;
