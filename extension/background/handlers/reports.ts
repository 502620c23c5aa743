import type { ReportDefaultsReply, ReportSubmitReply, ReportSubmitRequest, ReportsListReply } from '../../../src/protocol/reports.ts';
import { reportableUrl } from '../../../src/reports/report-url.ts';
import { ReportRequest } from '../../../src/protocol/report-wire.ts';
import { extensionVersion } from '../../platform/runtime.ts';
import { currentContext } from '../context.ts';
import { reportOutbox } from '../report-outbox.ts';
import { browserName, deliveryFor } from '../delivery-outbox.ts';
import { reportPrefsRecord, type QueuedReport } from '../records.ts';
import { route } from '../router.ts';
import { policyWords } from '../policy-words.ts';
import { problem, type WorkerProblem } from '../../../src/protocol/worker-problems.ts';


async function defaults(): Promise<ReportDefaultsReply> {
  const ctx = await currentContext();
  const preset = ctx.config.config.lineManagerEmail ?? null;
  const remembered = (await reportPrefsRecord.read()).lineManagerEmail;
  return { type: 'report/defaults', lineManagerEmail: preset ?? remembered, lineManagerSetByIct: preset !== null };
}

/**
 * Build the report from what the page sent (checked again here: a page is never trusted blindly),
 * store it in the outbox, then try to deliver it at once. The answer says whether it was
 * delivered (with the server's receipt) or is queued for later.
 */
async function submit(m: ReportSubmitRequest): Promise<ReportSubmitReply> {
  const refuse = (message: string, why: WorkerProblem): ReportSubmitReply => ({ type: 'report/submitted', ok: false, error: 'invalid', message, problem: why });
  const url = reportableUrl(m.url, { scope: m.scope, keepQuery: m.keepQuery });
  if (!url) return refuse('the address is not a web address', problem('report-not-web-address'));
  const ctx = await currentContext();
  const preset = ctx.config.config.lineManagerEmail;
  const manager = preset ?? (m.lineManagerEmail || undefined);
  const report: QueuedReport = {
    id: crypto.randomUUID(),
    kind: m.kind,
    url,
    // The URL parser's own host: the server checks that the host is the URL's.
    host: new URL(url).hostname,
    category: m.category,
    accessedAt: m.accessedAt,
    reportedAt: new Date().toISOString(),
    ...(m.note ? { note: m.note } : {}),
    ...(manager ? { lineManagerEmail: manager } : {}),
    ...(ctx.config.config.userIdentity ? { userIdentity: ctx.config.config.userIdentity } : {}),
    device: { extensionVersion: extensionVersion(), browser: browserName(), group: ctx.group.group.id, policySerial: ctx.active.manifest?.serial ?? null },
  };
  // Checked against the wire contract before it is stored: a report the server would refuse is
  // better refused now, with the reason, than queued for ever.
  const checked = ReportRequest.safeParse(report);
  if (!checked.success) {
    const fields = [...new Set(checked.error.issues.map((i) => i.path.join('.') || 'report'))].join(', ');
    return refuse(checked.error.issues.map((i) => `${i.path.join('.') || 'report'}: ${i.message}`).join('; '), problem('report-invalid', fields));
  }
  const queued = await reportOutbox.queue(checked.data.id, checked.data);
  if (!queued.ok) return { type: 'report/submitted', ok: false, error: 'outbox-full', message: queued.reason, problem: problem('outbox-full') };
  if (!preset) await reportPrefsRecord.write({ version: 1, lineManagerEmail: m.lineManagerEmail || null });
  const outbox = await reportOutbox.deliverDue(deliveryFor(ctx));
  const entry = outbox.entries.find((e) => e.id === report.id);
  const delivered = entry?.state === 'delivered';
  return { type: 'report/submitted', ok: true, id: report.id, state: delivered ? 'delivered' : 'queued', receipt: delivered ? entry.receipt : null };
}

/** "My reports", newest first, with category titles from the policy in force. */
async function list(): Promise<ReportsListReply> {
  const [entries, ctx] = await Promise.all([reportOutbox.entries(), currentContext()]);
  const words = policyWords(ctx.active.policy);
  const titles = new Map(ctx.active.policy.categories.map((c) => [c.id, words.say(c.title)]));
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    type: 'reports/list',
    reports: [...entries].sort((a, b) => b.queuedAt - a.queuedAt).map((e) => ({
      id: e.id, kind: e.report.kind, url: e.report.url, categoryTitle: titles.get(e.report.category) ?? null, reportedAt: e.report.reportedAt,
      state: e.state, receipt: e.receipt, lastError: e.lastError, lastProblem: e.lastProblem ?? null, nextAttemptAt: e.state === 'queued' ? iso(e.nextAttemptAt) : null,
    })),
  };
}

export const reportRoutes = [
  route('reports/list', 'extension-page', () => list()),
  route('report/defaults', 'extension-page', () => defaults()),
  route('report/submit', 'extension-page', (m) => submit(m)),
];
