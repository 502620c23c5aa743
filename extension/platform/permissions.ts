import { browser } from './browser.ts';

/*
 * Host access: Firefox lets a user withdraw an MV3 extension's access to sites (Chrome has "sites
 * where extensions can't run"). Without it a DNR redirect does not apply — measured in Firefox ESR
 * 153: the navigation reached the blocked host — while a DNR `block` still does.
 */
const ALL_SITES = { origins: ['<all_urls>'] };

export async function hasHostAccess(): Promise<boolean> {
  try {
    return await browser.permissions.contains(ALL_SITES);
  } catch {
    return true; // cannot tell: keep the normal rules (the block rule below them still applies)
  }
}

export function onHostAccessChanged(listener: () => void): void {
  browser.permissions.onAdded.addListener(() => listener());
  browser.permissions.onRemoved.addListener(() => listener());
}
