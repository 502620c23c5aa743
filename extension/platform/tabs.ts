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
