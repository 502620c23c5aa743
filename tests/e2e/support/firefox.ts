import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DIST_FIREFOX, FIREFOX, tempDir } from './paths.ts';
import { GECKO_ID } from '../../../manifest.config.ts';
import { pagePath, type ExtensionPage } from '../../../src/protocol/page-location.ts';

/** Fixed internal UUID so extension page URLs are known in advance. */
export const FIREFOX_EXTENSION_UUID = '6f1c2a10-3b7e-4d7a-9a51-0a9e2b7c4d11';

export type FirefoxRig = {
  browser: Browser;
  baseUrl: string;
  profileDir: string;
  close(): Promise<void>;
};

type Options = {
  profileDir?: string;
  home?: string;
  /** null: install nothing (e.g. the add-on is sideloaded into the profile). */
  extensionDir?: string | null;
  prefs?: Record<string, unknown>;
  /** URLs Firefox opens at start-up. */
  startUrls?: string[];
  /** Accept self-signed certificates (the downloads suite's HTTPS stand-ins for HSTS-preloaded hosts). */
  acceptInsecureCerts?: boolean;
};

/** Every test Firefox: hosts resolve to the test server, the extension's pages have a known address, plain http. */
export const HARNESS_PREFS: Record<string, unknown> = {
  'network.dns.forceResolve': '127.0.0.1',
  'network.proxy.type': 0,
  'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
  'dom.security.https_first': false,
  'dom.security.https_only_mode': false,
  'browser.shell.checkDefaultBrowser': false,
};

export async function launchFirefox(options: Options = {}): Promise<FirefoxRig> {
  const temp = options.profileDir ? null : tempDir('firefox');
  const profileDir = options.profileDir ?? temp!.path;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    ...(options.acceptInsecureCerts ? { acceptInsecureCerts: true } : {}),
    userDataDir: profileDir,
    args: options.startUrls ?? [],
    env: { ...process.env, ...(options.home ? { HOME: options.home } : {}) },
    extraPrefsFirefox: { ...HARNESS_PREFS, ...options.prefs },
  });
  const extensionDir = options.extensionDir === undefined ? DIST_FIREFOX : options.extensionDir;
  if (extensionDir) await browser.installExtension(extensionDir);
  return {
    browser,
    baseUrl: `moz-extension://${FIREFOX_EXTENSION_UUID}`,
    profileDir,
    close: async () => {
      await browser.close();
      temp?.remove();
    },
  };
}

export function firefoxExtensionPage(rig: FirefoxRig, page: ExtensionPage): string {
  return `${rig.baseUrl}/${pagePath(page)}`;
}

/** Navigate by script and wait for the new document (BiDi reports no navigation events for moz-extension pages). */
export async function navigateByScript(page: Page, target: string): Promise<void> {
  await page.evaluate((url) => { location.href = url; }, target);
  await page.waitForFunction(
    (url) => location.href.split('#')[0] === url.split('#')[0] && document.readyState === 'complete',
    { timeout: 15_000, polling: 100 },
    target,
  );
}

/**
 * Load `fromUrl` as the first hop to an extension page. While the AUP is not accepted (the built-in
 * policy before any bundle requires it) the acceptance gate replaces it with the welcome page, an
 * extension page, for which BiDi reports no navigation (a plain goto would wait 30 s): either
 * page will do as the step.
 */
export async function stepFromWeb(rig: FirefoxRig, page: Page, fromUrl: string): Promise<void> {
  const going = page.goto(fromUrl).catch(() => undefined);
  const end = Date.now() + 15_000;
  while (Date.now() < end) {
    const at = await page.evaluate(() => (document.readyState === 'complete' ? location.href : '')).catch(() => '');
    if (at.startsWith(fromUrl)) return void (await going);
    if (at.startsWith(rig.baseUrl)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`neither ${fromUrl} nor an extension page loaded`);
}

/**
 * Firefox will not let WebDriver navigate straight to a moz-extension page. A web page may
 * navigate to a web-accessible extension page, and that page to any page of the extension,
 * so go there in two hops from an http page (`fromUrl`).
 */
export async function openExtensionPageFirefox(rig: FirefoxRig, page: Page, fromUrl: string, target: string): Promise<void> {
  await stepFromWeb(rig, page, fromUrl);
  const stepping = firefoxExtensionPage(rig, 'welcome');
  await navigateByScript(page, stepping);
  if (target !== stepping) await navigateByScript(page, target);
}

/**
 * Install the add-on the way it survives restarts without a signature: as an unsigned XPI in the
 * profile's extensions folder (Firefox ESR honours xpinstall.signatures.required=false), enabled
 * without a prompt. Returns the prefs to launch with.
 */
export function sideloadPrefs(): Record<string, unknown> {
  return {
    'xpinstall.signatures.required': false,
    'extensions.autoDisableScopes': 0,
    'extensions.enabledScopes': 15,
  };
}

export async function sideloadInto(profileDir: string): Promise<void> {
  const { buildXpi } = await import('./xpi.ts');
  const { copyFileSync, mkdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  mkdirSync(join(profileDir, 'extensions'), { recursive: true });
  copyFileSync(await buildXpi(), join(profileDir, 'extensions', `${GECKO_ID}.xpi`));
}
