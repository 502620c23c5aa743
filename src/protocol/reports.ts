import { z } from 'zod';
import { WorkerProblem } from './worker-problems.ts';
import { PAGE_REPORT_KINDS, REPORT_KINDS as ALL_REPORT_KINDS } from './report-wire.ts';

/**
 * The report page and "My reports" ↔ the worker. What travels to the server is
 * src/protocol/report-wire.ts; this is what the page asks for: the worker builds the report (its
 * id, the least URL, the device facts), queues it in the outbox and tries to deliver it.
 */

/** The kinds a person chooses on the report page (the wire contract's, less the download page's software request). */
export const REPORT_KINDS = PAGE_REPORT_KINDS;
export type ReportKindChoice = (typeof REPORT_KINDS)[number];

export const ReportSubmitRequest = z.object({
  type: z.literal('report/submit'),
  kind: z.enum(REPORT_KINDS),
  url: z.string().max(8192),
  /** 'site': scheme and host only; 'page': the page without fragment, and without query unless keepQuery. */
  scope: z.enum(['page', 'site']),
  keepQuery: z.boolean(),
  category: z.string().max(64),
  accessedAt: z.iso.datetime(),
  note: z.string().max(1000),
  lineManagerEmail: z.string().max(254),
});
export type ReportSubmitRequest = z.infer<typeof ReportSubmitRequest>;

export const ReportSubmitReply = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('report/submitted'), ok: z.literal(true), id: z.string(), state: z.enum(['delivered', 'queued']), receipt: z.string().nullable() }),
  z.object({ type: z.literal('report/submitted'), ok: z.literal(false), error: z.enum(['outbox-full', 'invalid']), message: z.string(), problem: WorkerProblem.optional() }),
]);
export type ReportSubmitReply = z.infer<typeof ReportSubmitReply>;

/** What the report form starts with: the remembered line manager, or ICT's preset (then not editable). */
export const ReportDefaultsRequest = z.object({ type: z.literal('report/defaults') });
export const ReportDefaultsReply = z.object({
  type: z.literal('report/defaults'),
  lineManagerEmail: z.string().nullable(),
  lineManagerSetByIct: z.boolean(),
});
export type ReportDefaultsReply = z.infer<typeof ReportDefaultsReply>;

/** Options page, "My reports": each report with its delivery state and receipt. */
export const ReportsListRequest = z.object({ type: z.literal('reports/list') });
export const ReportsListReply = z.object({
  type: z.literal('reports/list'),
  reports: z.array(z.object({
    id: z.string(),
    kind: z.enum(ALL_REPORT_KINDS),
    url: z.string(),
    categoryTitle: z.string().nullable(),
    reportedAt: z.string(),
    state: z.enum(['queued', 'delivered', 'refused']),
    receipt: z.string().nullable(),
    lastError: z.string().nullable(),
    /** The last delivery problem as a code, for the page's language (absent: older records). */
    lastProblem: WorkerProblem.nullable().optional(),
    nextAttemptAt: z.string().nullable(),
  })),
});
export type ReportsListReply = z.infer<typeof ReportsListReply>;
