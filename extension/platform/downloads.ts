import { browser } from './browser.ts';

/*
 * The downloads API (Chrome and Firefox), and nothing else: extension/background/downloads.ts
 * decides. Chrome offers onDeterminingFilename, which holds a download before its file is named
 * (the earliest point with the server's file name and MIME type); Firefox has no such event, and
 * names the file before onCreated, so there onCreated is the earliest point.
 */

export type DownloadItem = {
  id: number;
  /** The URL the file is served from after redirects (Chrome: finalUrl). */
  url: string;
  /** The name the browser gives the file: Chrome's suggestion (Content-Disposition) or Firefox's full path. */
  filename: string;
  mime: string | null;
  referrer: string | null;
};

type RawItem = { id: number; url: string; finalUrl?: string; filename?: string; mime?: string; referrer?: string };
type Suggest = (suggestion?: { filename: string }) => void;
type DownloadsApi = {
  onCreated: { addListener(cb: (item: RawItem) => void): void };
  onDeterminingFilename?: { addListener(cb: (item: RawItem, suggest: Suggest) => boolean | void): void };
  cancel(id: number): Promise<void>;
  removeFile(id: number): Promise<void>;
  erase(query: { id: number }): Promise<number[]>;
  download(options: { url: string; filename?: string; saveAs?: boolean }): Promise<number>;
};

function api(): DownloadsApi {
  const g = globalThis as unknown as { chrome?: { downloads?: DownloadsApi } };
  // Chrome's own object: the polyfill does not wrap onDeterminingFilename (its listener must
  // return true synchronously to answer later). Firefox: the standard `browser.downloads`.
  return g.chrome?.downloads?.onDeterminingFilename ? g.chrome.downloads : (browser as unknown as { downloads: DownloadsApi }).downloads;
}

function itemOf(raw: RawItem): DownloadItem {
  return { id: raw.id, url: raw.finalUrl || raw.url, filename: raw.filename ?? '', mime: raw.mime || null, referrer: raw.referrer || null };
}

/**
 * Call `decide` for every new download, as early as the browser allows. Chrome: the download
 * waits, unnamed, until `decide` settles (`suggest` is always called, even when it throws);
 * Firefox: at creation.
 */
export function onNewDownload(decide: (item: DownloadItem) => Promise<void>): void {
  const downloads = api();
  if (downloads.onDeterminingFilename) {
    downloads.onDeterminingFilename.addListener((raw, suggest) => {
      void decide(itemOf(raw)).finally(() => suggest());
      return true;
    });
    return;
  }
  downloads.onCreated.addListener((raw) => void decide(itemOf(raw)));
}

/**
 * Stop a download and leave nothing of it: cancel it (the browser deletes the partial file it
 * was writing); if it had already finished (a small file, in Firefox, can land before onCreated
 * is answered), remove the file; then erase it from the download list. Throws when it could
 * neither be cancelled nor its file removed: the caller reports that, never silently.
 */
export async function stopDownload(id: number): Promise<void> {
  const downloads = api();
  const cancelled = await downloads.cancel(id).then(() => true, () => false);
  const removed = await downloads.removeFile(id).then(() => true, (error: unknown) => error);
  await downloads.erase({ id }).catch(() => undefined);
  if (!cancelled && removed !== true) throw new Error(`download ${id} could not be cancelled and its file not removed: ${String(removed)}`);
}

/** Start a download of `url` again (after "Download anyway"); its id. */
export async function startDownload(url: string): Promise<number> {
  return api().download({ url });
}
