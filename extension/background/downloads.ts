import { downloadVerdict } from '../../src/downloads/verdict.ts';
import { downloadAddress } from '../../src/protocol/page-location.ts';
import { hostFromUrl } from '../../src/match/host.ts';
import { onNewDownload, startDownload, stopDownload, type DownloadItem } from '../platform/downloads.ts';
import { extensionUrl, openExtensionPage } from '../platform/runtime.ts';
import { currentContext } from './context.ts';
import { reportFailure } from './internal-errors.ts';
import { stoppedDownloadsRecord, type StoppedDownload } from './records.ts';
import { serialQueue } from './serial.ts';

/*
 * Downloads (issue 13): every new download is decided as early as the browser allows
 * (platform/downloads.ts: Chrome holds it in onDeterminingFilename, Firefox at onCreated) by
 * src/downloads (class by extension and MIME type, strictest wins, approved sources untouched).
 * A `block` or `warn` is stopped — cancelled, its file removed if bytes landed, erased from the
 * list — and the download page opens in a new tab to say why (no notification: the page is what
 * the person needs, with "Ask ICT" and, for a warn, "Download anyway"; a notification would only
 * point at it, and need another permission). A decision that cannot be made stops the download
 * and is reported: the protective side.
 */

/** Kept on the device for the download page; the oldest go first. */
const MAX_STOPPED = 20;

/**
 * One-shot grants: URLs the person chose to download anyway, each let through once by the
 * download that `proceed` starts at once in the same worker life (so memory is enough: a worker
 * stopped in between only means the file is stopped again and the page shown again).
 */
const grants = new Set<string>();

const oneWriteAtATime = serialQueue();

export function installDownloadGuard(): void {
  onNewDownload((item) => onDownload(item).catch(reportFailure('download check')));
}

async function onDownload(item: DownloadItem): Promise<void> {
  let verdict;
  try {
    const ctx = await currentContext();
    verdict = downloadVerdict(ctx.active.policy, ctx.group.group.id, ctx.mode.mode, { url: item.url, filename: item.filename, mime: item.mime, referrer: item.referrer }, grants);
  } catch (error) {
    await stopDownload(item.id);
    throw error;
  }
  if (verdict.kind === 'leave') {
    if (verdict.why === 'granted') grants.delete(item.url);
    return;
  }
  await stopDownload(item.id);
  const host = hostFromUrl(item.url);
  const stopped: StoppedDownload = {
    token: crypto.randomUUID(),
    at: new Date().toISOString(),
    url: item.url,
    host: host.ok ? host.host : '',
    name: verdict.decision.name,
    action: verdict.action,
    fileType: verdict.decision.deciding?.id ?? null,
    group: verdict.decision.group,
    proceeded: false,
    askedIct: null,
  };
  await oneWriteAtATime(async () => {
    const { downloads } = await stoppedDownloadsRecord.read();
    await stoppedDownloadsRecord.write({ version: 1, downloads: [...downloads, stopped].slice(-MAX_STOPPED) });
  });
  await openExtensionPage(downloadAddress(extensionUrl(''), stopped.token));
}

export async function findStopped(token: string): Promise<StoppedDownload | null> {
  return (await stoppedDownloadsRecord.read()).downloads.find((d) => d.token === token) ?? null;
}

export function updateStopped(token: string, change: Partial<Pick<StoppedDownload, 'proceeded' | 'askedIct'>>): Promise<void> {
  return oneWriteAtATime(async () => {
    const { downloads } = await stoppedDownloadsRecord.read();
    await stoppedDownloadsRecord.write({ version: 1, downloads: downloads.map((d) => (d.token === token ? { ...d, ...change } : d)) });
  });
}

/** "Download anyway": the same URL again, let through once. */
export async function downloadAgain(url: string): Promise<void> {
  grants.add(url);
  try {
    await startDownload(url);
  } catch (error) {
    grants.delete(url);
    throw error;
  }
}
