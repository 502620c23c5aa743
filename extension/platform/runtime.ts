import { browser } from './browser.ts';

/** Absolute URL of a file inside the extension, e.g. `pageUrl('blocked')`. */
export function extensionUrl(path: string): string {
  return browser.runtime.getURL(path);
}

export function pageUrl(page: 'blocked' | 'warn' | 'report' | 'welcome' | 'options' | 'popup'): string {
  return extensionUrl(`extension/pages/${page}/index.html`);
}

export function extensionVersion(): string {
  return browser.runtime.getManifest().version;
}

/** Send a message to the worker; the reply is `unknown` until the caller validates it. */
export async function sendToWorker(message: unknown): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

type Handler = (message: unknown) => Promise<unknown> | undefined;

/** Listen for messages; a handler returns a promise to reply, or undefined to ignore. */
export function onMessage(handler: Handler): void {
  browser.runtime.onMessage.addListener((message: unknown) => handler(message));
}

export async function openExtensionPage(url: string): Promise<void> {
  await browser.tabs.create({ url });
}

export async function openOptionsPage(): Promise<void> {
  await browser.runtime.openOptionsPage();
}
