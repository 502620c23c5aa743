import type { DeviceConfig } from '../config/device-config.ts';
import { edgeId, type DeploymentConfig } from './deployment-config.ts';

/**
 * The browser policies of a deployment, per browser, each with a one-line reason for ICT (the
 * generated README lists them: JSON has no comments). Every other format (registry, ADMX,
 * profiles, Intune) is written from these, so the platforms cannot disagree.
 *
 * Never here, measured in this project (tests/e2e/runtime-blocked.chromium.e2e.test.ts): an
 * `ExtensionSettings` entry that withdraws AUP Guard's host access (`runtime_blocked_hosts`, for
 * its id or for "*") — Chrome then lets pages of those hosts through. The template tests check
 * that no generated file has one.
 */

export type Chromium = 'chrome' | 'edge';
export type Browser = Chromium | 'firefox';
export type Policy = { name: string; value: unknown; reason: string };

export const BROWSER_NAMES: Record<Browser, string> = { chrome: 'Google Chrome', edge: 'Microsoft Edge', firefox: 'Mozilla Firefox' };

export function extensionId(config: DeploymentConfig, browser: Browser): string {
  return browser === 'chrome' ? config.extension.chromeId : browser === 'edge' ? edgeId(config) : config.extension.firefoxId;
}

/** Chrome and Edge: force-install and hardening (Edge's names differ for two of them). */
export function chromiumPolicies(config: DeploymentConfig, browser: Chromium): Policy[] {
  const id = extensionId(config, browser);
  const allowed = config.hardening.allowedExtensions[browser];
  const edge = browser === 'edge';
  const policies: Policy[] = [
    { name: 'ExtensionInstallForcelist', value: [`${id};${config.extension.crxUpdateUrl}`], reason: 'Installs AUP Guard from ICT\'s update manifest; people cannot disable or remove it.' },
    { name: 'ExtensionInstallBlocklist', value: ['*'], reason: 'Blocks every other extension: another extension could redirect, proxy or unblock what AUP Guard blocks.' },
    ...(allowed.length > 0
      ? [{ name: 'ExtensionInstallAllowlist', value: allowed, reason: 'The extensions ICT still allows (its choice in the deployment file).' }]
      : []),
    {
      name: edge ? 'InPrivateModeAvailability' : 'IncognitoModeAvailability',
      value: 1,
      reason: `${edge ? 'InPrivate' : 'Incognito'} windows off: the browser cannot be made to run AUP Guard in them on Windows or macOS, so they would be unfiltered.`,
    },
    { name: 'BrowserGuestModeEnabled', value: false, reason: 'Guest windows off: they run without extensions, so without AUP Guard.' },
    {
      name: edge ? 'BrowserAddProfileEnabled' : 'BrowserAddPersonEnabled',
      value: false,
      reason: 'No new profiles: a profile signed in to a personal account could escape user-level policy.',
    },
    {
      name: 'DeveloperToolsAvailability',
      value: config.hardening.blockDeveloperTools === 'everywhere' ? 2 : 0,
      reason:
        config.hardening.blockDeveloperTools === 'everywhere'
          ? 'No developer tools anywhere (ICT\'s choice).'
          : 'No developer tools on AUP Guard (or any force-installed extension): they could change its rules or storage. Web pages keep them.',
    },
    { name: 'ExtensionDeveloperModeSettings', value: 1, reason: 'Developer mode off on the extensions page: it would allow loading unpacked extensions.' },
    { name: 'NetworkPredictionOptions', value: 2, reason: 'No prefetching or preconnecting: the browser must not contact a blocked host before AUP Guard sees the navigation.' },
  ];
  if (config.hardening.downloadRestrictions !== undefined) {
    policies.push({ name: 'DownloadRestrictions', value: config.hardening.downloadRestrictions, reason: 'Download restrictions at the level ICT chose (0–4, see the browser\'s policy list).' });
  }
  if (config.hardening.forceGoogleSafeSearch !== undefined) {
    policies.push({ name: 'ForceGoogleSafeSearch', value: config.hardening.forceGoogleSafeSearch, reason: 'Google SafeSearch forced by the browser itself, under AUP Guard\'s own safe-search rules (ICT\'s choice).' });
  }
  if (config.hardening.forceYouTubeRestrict !== undefined) {
    policies.push({ name: 'ForceYouTubeRestrict', value: config.hardening.forceYouTubeRestrict, reason: 'YouTube Restricted Mode set by the browser itself (0 off, 1 moderate, 2 strict), under AUP Guard\'s YouTube-Restrict header (ICT\'s choice).' });
  }
  return policies;
}

/** Firefox: the add-on (force-installed, in private windows too), other add-ons, and hardening. */
export function firefoxPolicies(config: DeploymentConfig): Policy[] {
  const id = config.extension.firefoxId;
  const extensionSettings: Record<string, Record<string, unknown>> = {
    '*': { installation_mode: 'blocked', blocked_install_message: `${config.organisation}: add-ons are managed by ICT.` },
    [id]: { installation_mode: 'force_installed', install_url: config.extension.xpiUrl, private_browsing: true },
  };
  for (const allowed of config.hardening.allowedExtensions.firefox) extensionSettings[allowed] = { installation_mode: 'allowed' };
  const policies: Policy[] = [
    {
      name: 'ExtensionSettings',
      value: extensionSettings,
      reason: 'Installs AUP Guard (people cannot remove it) and runs it in private windows too; every other add-on is blocked unless ICT allows it.',
    },
  ];
  if (config.hardening.firefoxPrivateWindows === 'off') {
    policies.push({ name: 'PrivateBrowsingModeAvailability', value: 1, reason: 'Private windows off (ICT\'s choice; AUP Guard would run in them anyway).' });
  }
  policies.push({ name: 'BlockAboutConfig', value: true, reason: 'No about:config: its preferences could turn off what the policies and AUP Guard rely on.' });
  if (config.hardening.blockDeveloperTools === 'everywhere') {
    policies.push({ name: 'DisableDeveloperTools', value: true, reason: 'No developer tools (ICT\'s choice): they could inspect or change AUP Guard.' });
  }
  const idle = config.hardening.firefoxBackgroundIdleMinutes;
  if (idle !== 'firefox-default') {
    policies.push({
      name: 'Preferences',
      value: { [FIREFOX_IDLE_PREF]: { Value: idle * 60_000, Status: 'locked', Type: 'number' } },
      reason: `Firefox keeps add-ons running for ${idle} minutes of idle, not 30 seconds: a second line behind AUP Guard's own keep-alive, because after a suspension the next page waits while AUP Guard starts again (ICT's choice; \`firefox-default\` leaves Firefox's).`,
    });
  }
  return policies;
}

/** Firefox's idle time for an extension's background page, in milliseconds (30,000 unless set). */
export const FIREFOX_IDLE_PREF = 'extensions.background.idle.timeout';

/** The settings for one group: ICT's, with the unit's group in place of the default one. */
export function settingsFor(config: DeploymentConfig, group?: string): DeviceConfig {
  return group === undefined ? config.settings : { ...config.settings, group };
}

/** `/etc/opt/chrome/policies/managed/aup-guard.json` and the like: policies, then AUP Guard's settings. */
export function chromiumPolicyJson(config: DeploymentConfig, browser: Chromium, settings = settingsFor(config)): Record<string, unknown> {
  return {
    ...Object.fromEntries(chromiumPolicies(config, browser).map((p) => [p.name, p.value])),
    '3rdparty': { extensions: { [extensionId(config, browser)]: settings } },
  };
}

/** policies.json (`/etc/firefox/policies/`, or `distribution/` beside firefox.exe / in Firefox.app). */
export function firefoxPolicyJson(config: DeploymentConfig, settings = settingsFor(config)): { policies: Record<string, unknown> } {
  return {
    policies: {
      ...Object.fromEntries(firefoxPolicies(config).map((p) => [p.name, p.value])),
      '3rdparty': { Extensions: { [config.extension.firefoxId]: settings } },
    },
  };
}
