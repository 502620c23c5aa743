import type { DownloadAskIctReply, DownloadGetReply, DownloadProceedReply } from '../../../src/protocol/downloads.ts';
import { ReportRequest } from '../../../src/protocol/report-wire.ts';
import { reportableUrl } from '../../../src/reports/report-url.ts';
import { decideDownload } from '../../../src/downloads/classify.ts';
import { extensionVersion, type MessageSender } from '../../platform/runtime.ts';
import { currentContext } from '../context.ts';
import { browserName, deliveryFor } from '../delivery-outbox.ts';
import { downloadAgain, findStopped, updateStopped } from '../downloads.ts';
import { recordEvent } from '../events.ts';
import { reportOutbox } from '../report-outbox.ts';
import type { QueuedReport } from '../records.ts';
import { route } from '../router.ts';
import { policyWords } from '../policy-words.ts';

/** The download page: what was stopped and why (from the worker's own record, by token). */
async function get(token: string): Promise<DownloadGetReply> {
  const [stopped, ctx] = await Promise.all([findStopped(token), currentContext()]);
  if (!stopped) return { type: 'download/get', found: false };
  const fileType = ctx.active.policy.downloads.fileTypes.find((f) => f.id === stopped.fileType);
  const words = policyWords(ctx.active.policy);
  return {
    type: 'download/get',
    found: true,
    download: {
      name: stopped.name, host: stopped.host, url: stopped.url, action: stopped.action, stoppedAt: stopped.at,
      fileType: fileType ? { id: fileType.id, title: words.say(fileType.title), clause: words.say(fileType.clause) } : null,
      proceeded: stopped.proceeded, askedIct: stopped.askedIct,
    },
    helpdesk: { ...ctx.active.policy.help.helpdesk, name: words.say(ctx.active.policy.help.helpdesk.name) },
    englishOnly: words.englishOnly(),
  };
}

/**
 * "Download anyway", for a warn only: from the top frame of an extension page in a tab, for a
 * download the worker stopped, and only if the policy in force NOW still warns (never a block,
 * whatever the record or the page say). Recorded as an event, then the same URL is downloaded
 * again with a one-shot grant.
 */
async function proceed(token: string, sender: MessageSender): Promise<DownloadProceedReply> {
  const refuse = (error: string): DownloadProceedReply => ({ type: 'download/proceed', ok: false, error });
  if (sender.tabId === null || sender.frameId !== 0) return refuse('not from the download page in its own tab');
  const stopped = await findStopped(token);
  if (!stopped) return refuse('this download is not known (it may have been stopped before the browser restarted)');
  if (stopped.action !== 'warn') return refuse('this download is blocked');
  const ctx = await currentContext();
  const now = decideDownload(ctx.active.policy, ctx.group.group.id, ctx.mode.mode, { url: stopped.url, filename: stopped.name });
  if (now.action === 'block') return refuse('this download is blocked');
  const least = reportableUrl(stopped.url, { scope: 'page', keepQuery: false }) ?? '';
  await recordEvent({ kind: 'download-anyway', at: new Date().toISOString(), host: stopped.host, fileType: stopped.fileType ?? '', name: stopped.name, url: least });
  await updateStopped(token, { proceeded: true });
  await downloadAgain(stopped.url);
  return { type: 'download/proceed', ok: true };
}

/**
 * "I need this for work — ask ICT": a software request in the report outbox (kind
 * `software-request`; the category is the file's class, the note names the file). To ICT only:
 * whether the council licenses and supports a program is ICT's decision, and a manager is not
 * asked to act on it, so no line manager's copy is sent.
 */
async function askIct(token: string, note: string): Promise<DownloadAskIctReply> {
  const refuse = (error: string): DownloadAskIctReply => ({ type: 'download/ask-ict', ok: false, error });
  const stopped = await findStopped(token);
  if (!stopped) return refuse('this download is not known');
  const url = reportableUrl(stopped.url, { scope: 'page', keepQuery: false });
  if (!url) return refuse('the address is not a web address');
  const ctx = await currentContext();
  const fileLine = `File: ${stopped.name}`;
  const report: QueuedReport = {
    id: crypto.randomUUID(),
    kind: 'software-request',
    url,
    host: new URL(url).hostname,
    category: stopped.fileType ?? '',
    accessedAt: stopped.at,
    reportedAt: new Date().toISOString(),
    note: (note.trim() ? `${fileLine}\n${note.trim()}` : fileLine).slice(0, 1000),
    ...(ctx.config.config.userIdentity ? { userIdentity: ctx.config.config.userIdentity } : {}),
    device: { extensionVersion: extensionVersion(), browser: browserName(), group: ctx.group.group.id, policySerial: ctx.active.manifest?.serial ?? null },
  };
  const checked = ReportRequest.safeParse(report);
  if (!checked.success) return refuse(checked.error.issues.map((i) => `${i.path.join('.') || 'report'}: ${i.message}`).join('; '));
  const queued = await reportOutbox.queue(checked.data.id, checked.data);
  if (!queued.ok) return refuse(queued.reason);
  const outbox = await reportOutbox.deliverDue(deliveryFor(ctx));
  const entry = outbox.entries.find((e) => e.id === report.id);
  const delivered = entry?.state === 'delivered';
  const receipt = delivered ? entry.receipt : null;
  await updateStopped(token, { askedIct: receipt ?? 'queued' });
  return { type: 'download/ask-ict', ok: true, state: delivered ? 'delivered' : 'queued', receipt };
}

export const downloadRoutes = [
  route('download/get', 'extension-page', (m) => get(m.token)),
  route('download/proceed', 'extension-page', (m, sender) => proceed(m.token, sender)),
  route('download/ask-ict', 'extension-page', (m) => askIct(m.token, m.note)),
];
