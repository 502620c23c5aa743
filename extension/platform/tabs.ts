import { browser } from './browser.ts';

export type TabInfo = { id: number; url: string };

export async function openTabs(): Promise<TabInfo[]> {
  const tabs = await browser.tabs.query({});
  return tabs.filter((t) => t.id !== undefined && !!t.url).map((t) => ({ id: t.id!, url: t.url! }));
}

export async function navigateTab(tabId: number, url: string): Promise<void> {
  await browser.tabs.update(tabId, { url });
}

export function onTabRemoved(listener: (tabId: number) => void): void {
  browser.tabs.onRemoved.addListener((tabId) => listener(tabId));
}

/**
 * A top-level page of a web site has committed in a tab (webNavigation.onCommitted, frame 0):
 * whatever answered it — the network, the site's service worker, the back/forward cache.
 */
export function onTopLevelCommitted(listener: (tabId: number, url: string) => void): void {
  const topLevel = (details: { frameId: number; tabId: number; url: string }) => {
    if (details.frameId === 0 && details.tabId >= 0) listener(details.tabId, details.url);
  };
  const web = { url: [{ schemes: ['http', 'https'] }] };
  browser.webNavigation.onCommitted.addListener(topLevel, web);
  // A navigation the rules blocked outright (no redirect possible: access to sites withdrawn)
  // ends in an error instead: it gets the block or warn page the same way.
  browser.webNavigation.onErrorOccurred.addListener(topLevel, web);
}

/** The address of the tab the person is looking at (the popup's "Report this site"), or null. */
export async function activeTabUrl(): Promise<string | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url ?? null;
}

/**
 * Close the tab this extension page is shown in (the download page the worker opened). Through
 * the tabs API, not window.close(): Firefox refuses that in a tab no script opened. False when
 * the page is in no tab (a popup) or the browser refused.
 */
export async function closeOwnTab(): Promise<boolean> {
  try {
    const tab = await browser.tabs.getCurrent();
    if (tab?.id === undefined) return false;
    await browser.tabs.remove(tab.id);
    return true;
  } catch {
    return false;
  }
}
