import { browser, type Runtime } from './browser.ts';
import { pagePath, type ExtensionPage, type InterstitialPage } from '../../src/protocol/page-location.ts';

/** Absolute URL of a file inside the extension (icons; pages: see pageUrl). */
export function extensionUrl(path: string): string {
  return browser.runtime.getURL(path);
}

/**
 * A page of the extension without parameters. The block and warn pages have no such address:
 * theirs are built only by src/protocol/page-location.ts (the type refuses them here).
 */
export function pageUrl(page: Exclude<ExtensionPage, InterstitialPage>): string {
  return extensionUrl(pagePath(page));
}

export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}

/** Send a message to the worker; the reply is `unknown` until the caller validates it. */
export async function sendToWorker(message: unknown): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

/** Who sent a message: `frameId` 0 is the tab's top frame (null: not from a tab). */
export type MessageSender = { tabId: number | null; frameId: number | null; url: string | null; fromExtensionPage: boolean };
type Handler = (message: unknown, sender: MessageSender) => Promise<unknown> | undefined;

/** Listen for messages; a handler returns a promise to reply, or undefined to ignore. */
export function onMessage(handler: Handler): void {
  const own = browser.runtime.getURL('');
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
    handler(message, {
      tabId: sender.tab?.id ?? null,
      frameId: sender.frameId ?? null,
      url: sender.url ?? null,
      fromExtensionPage: !!sender.url?.startsWith(own),
    }),
  );
}

export function onInstalled(listener: (reason: string) => void): void {
  browser.runtime.onInstalled.addListener((details) => listener(details.reason));
}

export function onStartup(listener: () => void): void {
  browser.runtime.onStartup.addListener(listener);
}

export async function openExtensionPage(url: string): Promise<void> {
  await browser.tabs.create({ url });
}

export async function openOptionsPage(): Promise<void> {
  await browser.runtime.openOptionsPage();
}

let byPolicy: Promise<boolean> | null = null;

/**
 * Whether ICT installed the extension by enterprise policy (`installType: 'admin'` in Chrome,
 * Edge and Firefox). Such an install is managed even before — or without — its managed settings.
 * Asked once per worker life: the install type does not change while it runs.
 */
export function installedByPolicy(): Promise<boolean> {
  byPolicy ??= Promise.resolve()
    .then(() => browser.management.getSelf())
    .then((self) => self.installType === 'admin')
    .catch((error: unknown) => {
      console.warn('AUP Guard: cannot tell how the extension was installed', error);
      return false;
    });
  return byPolicy;
}
