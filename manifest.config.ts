import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };
import { pagePath } from './src/protocol/page-location.ts';
import { CHROME_DEV_KEY, type BuildInfo } from './src/config/development-build.ts';

export type BrowserTarget = 'chrome' | 'firefox';

/** Firefox add-on id: also the key of managed storage (`3rdparty.extensions[id]`). */
export const GECKO_ID = 'aup-guard@aup-guard.example';

/** The development extension key pins the Chrome id of development builds (see src/config/development-build.ts). */
export { CHROME_DEV_ID, CHROME_DEV_KEY } from './src/config/development-build.ts';

/** Pages the worker redirects to or opens; they are not named elsewhere in the manifest. */
export const EXTRA_PAGES = ['blocked', 'warn', 'report', 'welcome'] as const;

/** Pages only the worker opens (in a tab of their own): built, but not reachable from web pages. */
export const OWN_PAGES = ['download'] as const;

const BACKGROUND_ENTRY = 'extension/background/index.ts';

/** `profile`: only a development build carries the development extension key (`key`); a release build has none. */
export function manifestFor(target: BrowserTarget, profile: BuildInfo['profile']) {
  return defineManifest({
    manifest_version: 3,
    name: '__MSG_extName__',
    short_name: '__MSG_extShortName__',
    description: '__MSG_extDescription__',
    version: pkg.version,
    default_locale: 'en_GB',
    icons: { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png', 48: 'icons/icon-48.png', 128: 'icons/icon-128.png' },
    action: {
      default_title: '__MSG_actionTitle__',
      default_popup: pagePath('popup'),
      default_icon: { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png' },
    },
    options_ui: { page: pagePath('options'), open_in_tab: true },
    // Chrome reads `service_worker`; CRXJS's Firefox build reads `scripts[0]`.
    background:
      target === 'firefox'
        ? { scripts: [BACKGROUND_ENTRY], type: 'module' }
        : { service_worker: BACKGROUND_ENTRY, type: 'module' },
    permissions: [
      'declarativeNetRequest',
      'declarativeNetRequestWithHostAccess',
      'storage',
      'unlimitedStorage',
      'alarms',
      'tabs',
      // The banner is registered only for hosts where personal use is allowed now, not on
      // every page (a static content script costs ~5 ms per page load, measured).
      'scripting',
      // Blocking webRequest closes the start-up gap before DNR rules are in force.
      // Chrome honours it only for policy-installed extensions; Firefox for all.
      'webRequest',
      'webRequestBlocking',
      // A page that commits without a request the rules could see (served by the site's service
      // worker, restored from the back/forward cache) is checked once it has committed.
      'webNavigation',
      // Network prediction off, so a blocked host is not contacted before it is blocked.
      'privacy',
      // The posture self-check (issue 15): other extensions with proxy or VPN-like permissions,
      // by name and id, and who controls the proxy settings. Install prompt: Chrome "Manage your
      // apps, extensions, and themes" (proxy adds nothing beyond <all_urls>), Firefox "Monitor
      // extension usage and manage themes" and "Control browser proxy settings"; a force-installed
      // extension shows no prompt and gets them on update.
      'management',
      'proxy',
      // Downloads of software (and, as ICT sets, archives and media) are stopped and explained
      // (extension/background/downloads.ts); approved sources are never touched.
      'downloads',
    ],
    host_permissions: ['<all_urls>'],
    // Firefox's default MV3 policy adds upgrade-insecure-requests, which turns the http policy
    // URLs allowed for development and tests (127.0.0.1, *.test) into failing https ones.
    // Managed configuration only accepts https otherwise (src/config/device-config.ts).
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
    storage: { managed_schema: 'managed_schema.json' },
    // Must-block categories, compiled from rules/ at build time: enforced before the worker runs.
    declarative_net_request: {
      rule_resources: [{ id: 'baseline', enabled: true, path: 'baseline-rules.json' }],
    },
    web_accessible_resources: [
      {
        // The worker redirects blocked navigations here, so web pages must be able to load them.
        resources: EXTRA_PAGES.map(pagePath),
        matches: ['<all_urls>'],
        // Chrome: web pages can reach these only at a per-session URL, so a site can neither
        // detect the extension nor frame the warn page by its fixed address; DNR redirects still
        // land on them, in pages and frames (tests/e2e/enforcement.chromium.e2e.test.ts).
        ...(target === 'chrome' ? { use_dynamic_url: true } : {}),
      },
    ],
    ...(target === 'chrome'
      ? { ...(profile === 'development' ? { key: CHROME_DEV_KEY } : {}), minimum_chrome_version: '120' }
      : {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              // Reports that staff choose to send carry the URL they were on.
              data_collection_permissions: { required: ['browsingActivity'] },
            },
          },
        }),
  });
}
