import { browser } from './browser.ts';
import type { IncognitoFacts, OtherExtension, ProxyFacts } from '../../src/posture/assess.ts';

/*
 * What the browser tells AUP Guard about the protection around it, for the posture self-check
 * (src/posture/assess.ts decides). Each question is asked on its own and a browser that cannot
 * answer one gives "not known" for it, never an exception: one missing API must not hide the rest.
 *
 * What each browser can tell (measured in the e2e tests, tests/e2e/support/fleet-suite.ts):
 * - how AUP Guard was installed: management.getSelf().installType, both ('admin' = by policy);
 * - other extensions, their permissions and install type: management.getAll, both (the
 *   `management` permission: no prompt for a force-installed extension);
 * - whether AUP Guard may run in private windows: extension.isAllowedIncognitoAccess, both;
 * - whether private windows can be opened at all: Chromium answers a windows.create that asks
 *   for one ("Incognito mode is disabled." under IncognitoModeAvailability = 1) — asked with a
 *   tab id that cannot exist, so no window ever opens; Firefox checks the tab first and says
 *   nothing about PrivateBrowsingModeAvailability: not known;
 * - who controls the proxy: proxy.settings.get's levelOfControl, both (the `proxy` permission);
 *   which extension: not said by either browser — the extensions with the proxy permission are
 *   the candidates (src/posture/assess.ts);
 * - developer mode: no API in either; an extension loaded unpacked (Chromium) or temporarily
 *   (Firefox) has installType 'development', which only developer mode (or a test) allows.
 */

export async function selfInstallType(): Promise<string> {
  try {
    return (await browser.management.getSelf()).installType;
  } catch {
    return 'unknown';
  }
}

type ManagementInfo = { id: string; name: string; enabled: boolean; installType: string; type: string; permissions?: string[] };

/** Every other extension (not themes or apps), names and ids only with what findings need. */
export async function otherExtensions(): Promise<OtherExtension[]> {
  try {
    const self = await browser.management.getSelf();
    const all = (await browser.management.getAll()) as unknown as ManagementInfo[];
    return all
      .filter((e) => e.id !== self.id && e.type === 'extension')
      .map((e) => ({ id: e.id, name: e.name, enabled: e.enabled, installType: e.installType, permissions: e.permissions ?? [] }));
  } catch {
    return [];
  }
}

/** A tab id no browser hands out (they count up from 1): the probe below can never move or open anything. */
const NO_SUCH_TAB = 2_147_483_647;

export async function incognitoFacts(): Promise<IncognitoFacts> {
  const allowed = await browser.extension.isAllowedIncognitoAccess().catch(() => null);
  if (allowed) return { allowed, windows: 'unknown' };
  let windows: IncognitoFacts['windows'] = 'unknown';
  try {
    await browser.windows.create({ incognito: true, tabId: NO_SUCH_TAB, focused: false });
    // Not expected (the tab does not exist); had a window opened, private windows are available.
    windows = 'available';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Chromium checks Incognito's availability before the tab: "No tab with id" means it passed.
    if (/Incognito mode is disabled/i.test(message)) windows = 'disabled';
    else if (/No tab with id/i.test(message)) windows = 'available';
  }
  return { allowed, windows };
}

type ProxySetting = { levelOfControl: string; value: { mode?: string; proxyType?: string } | undefined };

export async function proxyFacts(): Promise<ProxyFacts> {
  try {
    const setting = (await browser.proxy.settings.get({})) as unknown as ProxySetting;
    const value = setting.value ?? {};
    // Chromium's `mode`, Firefox's `proxyType`: a fixed proxy or a PAC script route traffic elsewhere.
    const routed = ['fixed_servers', 'pac_script'].includes(value.mode ?? '') || ['manual', 'autoConfig'].includes(value.proxyType ?? '');
    return { levelOfControl: setting.levelOfControl, routed };
  } catch {
    return null;
  }
}

/**
 * The browser's version, for the check-in, from the user agent ("0" when it does not say). Edge's
 * also names Chrome, so Edge is looked for first. (Chromium's user agent gives only the major
 * version in full: "131.0.0.0".)
 */
export function browserVersion(): string {
  const ua = navigator.userAgent;
  for (const name of ['Edg', 'Firefox', 'Chrome']) {
    const match = new RegExp(`${name}/([0-9][0-9A-Za-z.+-]*)`).exec(ua);
    if (match?.[1]) return match[1].slice(0, 32);
  }
  return '0';
}

/**
 * Browser state the posture depends on changed: another extension installed, removed, turned on
 * or off; the proxy settings changed (Chromium tells; Firefox has no onChange for them).
 */
export function onPostureChanged(listener: (what: string) => void): void {
  const management = browser.management as unknown as Partial<Record<'onInstalled' | 'onUninstalled' | 'onEnabled' | 'onDisabled', { addListener(l: () => void): void }>>;
  for (const event of ['onInstalled', 'onUninstalled', 'onEnabled', 'onDisabled'] as const) management[event]?.addListener(() => listener(`extension ${event}`));
  const proxy = (browser as unknown as { proxy?: { settings?: { onChange?: { addListener(l: () => void): void } } } }).proxy;
  proxy?.settings?.onChange?.addListener(() => listener('proxy settings'));
}
