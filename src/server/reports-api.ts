import type { IncomingMessage, ServerResponse } from 'node:http';
import { ReportRequest, type ReportReply } from '../protocol/report-wire.ts';
import { readDevicePost, type DevicePostDeps } from './device-post.ts';
import { sendJson } from './http-io.ts';
import type { DeliveryChannel, ReportStore } from './report-store.ts';
import type { PolicyFacts } from './served-policy.ts';

/** A report is a few kilobytes at most (URL 2 KB, note 1,000 characters); anything bigger is not one. */
export const MAX_REPORT_BYTES = 16 * 1024;

export type ReportsApiDeps = DevicePostDeps & {
  store: ReportStore;
  policy: () => PolicyFacts;
  /** Overrides the policy's helpdesk address when set. */
  helpdeskEmail: string | null;
  webhookUrl: string | null;
  now: () => Date;
  /** Called after a new report is stored, so the outbox can start at once. */
  onStored: () => void;
};

/** POST /api/reports: the device checks (`readDevicePost`) → store once with its deliveries → 201 (or 200 for a replay). */
export async function handleReport(req: IncomingMessage, res: ServerResponse, deps: ReportsApiDeps): Promise<void> {
  const report = await readDevicePost(req, res, deps, { noun: 'report', schema: ReportRequest, maxBytes: MAX_REPORT_BYTES });
  if (!report) return;
  const policy = deps.policy();
  const deliveries: { channel: DeliveryChannel; to: string }[] = [];
  const helpdesk = deps.helpdeskEmail ?? policy.helpdeskEmail;
  if (helpdesk) deliveries.push({ channel: 'mail-helpdesk', to: helpdesk });
  // A software request is ICT's to decide (licensing, support, security): no line manager's copy.
  const software = report.kind === 'software-request';
  if (report.lineManagerEmail && !software) deliveries.push({ channel: 'mail-line-manager', to: report.lineManagerEmail });
  if (deps.webhookUrl) deliveries.push({ channel: 'webhook', to: deps.webhookUrl });
  const { receipt, created } = await deps.store.add(report, {
    receivedAt: deps.now(),
    // A software request's category is a file-type class, never a sensitive content category.
    sensitive: software ? false : policy.isSensitive(report.category),
    categoryTitle: software ? policy.fileTypeTitle(report.category) : policy.categoryTitle(report.category),
    deliveries,
  });
  if (created) deps.onStored();
  const reply: ReportReply = { receipt };
  sendJson(res, created ? 201 : 200, reply);
}
