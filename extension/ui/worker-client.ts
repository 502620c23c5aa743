import '../platform/zod-setup.ts';
import { ContinueReply, PageContextReply } from '../../src/protocol/interstitial.ts';
import { EventsReply } from '../../src/protocol/events.ts';
import { SettingsReply, SettingsSaveReply } from '../../src/protocol/settings.ts';
import { StatusReply } from '../../src/protocol/status.ts';
import { BreakReply } from '../../src/protocol/breaks.ts';
import { ReportDefaultsReply, ReportSubmitReply, ReportsListReply, type ReportSubmitRequest } from '../../src/protocol/reports.ts';
import { type PageToWorker } from '../../src/protocol/messages.ts';
import { AcceptanceStatusReply, AcceptReply } from '../../src/protocol/acceptance.ts';
import { PostureReply } from '../../src/protocol/posture.ts';
import { DownloadAskIctReply, DownloadGetReply, DownloadProceedReply } from '../../src/protocol/downloads.ts';
import { sendToWorker } from '../platform/runtime.ts';

/* Typed, validated requests from pages to the worker: a reply that is not what we expect throws. */

async function ask(message: PageToWorker): Promise<unknown> {
  return sendToWorker(message);
}

export async function fetchStatus(): Promise<StatusReply> {
  return StatusReply.parse(await ask({ type: 'status/get' }));
}

export async function fetchPageContext(category: string, url?: string | null): Promise<PageContextReply> {
  return PageContextReply.parse(await ask(url ? { type: 'page/context', category, url } : { type: 'page/context', category }));
}

export async function requestContinue(url: string, category: string): Promise<ContinueReply> {
  return ContinueReply.parse(await ask({ type: 'warn/continue', url, category }));
}

/** Check for a new policy now; the status after the attempt. */
export async function refreshPolicy(): Promise<StatusReply> {
  return StatusReply.parse(await ask({ type: 'policy/refresh' }));
}

export async function fetchSettings(): Promise<SettingsReply> {
  return SettingsReply.parse(await ask({ type: 'settings/get' }));
}

/** Store settings on an unmanaged install; the worker validates them again and says why if not. */
export async function saveSettings(config: Record<string, unknown>): Promise<SettingsSaveReply> {
  return SettingsSaveReply.parse(await ask({ type: 'settings/save', config }));
}

export async function fetchEvents(): Promise<EventsReply> {
  return EventsReply.parse(await ask({ type: 'events/get' }));
}

export async function startBreak(minutes: number): Promise<BreakReply> {
  return BreakReply.parse(await ask({ type: 'break/start', minutes }));
}

export async function endBreak(): Promise<BreakReply> {
  return BreakReply.parse(await ask({ type: 'break/end' }));
}

export async function fetchReportDefaults(): Promise<ReportDefaultsReply> {
  return ReportDefaultsReply.parse(await ask({ type: 'report/defaults' }));
}

export async function submitReport(request: ReportSubmitRequest): Promise<ReportSubmitReply> {
  return ReportSubmitReply.parse(await ask(request));
}

export async function fetchReports(): Promise<ReportsListReply> {
  return ReportsListReply.parse(await ask({ type: 'reports/list' }));
}

export async function fetchAcceptanceStatus(): Promise<AcceptanceStatusReply> {
  return AcceptanceStatusReply.parse(await ask({ type: 'acceptance/status' }));
}

/** "I have read and agree" to `aupVersion`, the version the page showed. */
export async function acceptAup(aupVersion: string): Promise<AcceptReply> {
  return AcceptReply.parse(await ask({ type: 'acceptance/accept', aupVersion }));
}

/** The posture self-check's findings (the same as ICT's fleet page shows), and the last check-in. */
export async function fetchPosture(): Promise<PostureReply> {
  return PostureReply.parse(await ask({ type: 'posture/get' }));
}

export async function fetchStoppedDownload(token: string): Promise<DownloadGetReply> {
  return DownloadGetReply.parse(await ask({ type: 'download/get', token }));
}

/** "Download anyway" (a warned download only; the worker checks again). */
export async function proceedWithDownload(token: string): Promise<DownloadProceedReply> {
  return DownloadProceedReply.parse(await ask({ type: 'download/proceed', token }));
}

/** "I need this for work — ask ICT": a software request through the report outbox. */
export async function askIctForDownload(token: string, note: string): Promise<DownloadAskIctReply> {
  return DownloadAskIctReply.parse(await ask({ type: 'download/ask-ict', token, note }));
}
