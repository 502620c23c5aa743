import { z } from 'zod';
import { DeviceConfig, POLICY_URL_PATTERN } from '../config/device-config.ts';

/**
 * The one file ICT writes for `aup deploy` (YAML or JSON): where the extension comes from, the
 * settings every device receives, groups per organisational unit, and the hardening choices.
 * Every template is generated from it; an example is tests/fixtures/deployment.yaml.
 */

/** Chrome and Edge ids: 32 letters a–p, derived from the packaging key (aup package prints it). */
const ChromeId = z.string().regex(/^[a-p]{32}$/, 'must be a Chrome extension id: 32 letters a to p (aup package prints it)');
/** Firefox add-on ids: an email-like id or a {UUID} (browser_specific_settings.gecko.id). */
const FirefoxId = z
  .string()
  .regex(/^([A-Za-z0-9._+-]*@[A-Za-z0-9.-]+|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$/, 'must be a Firefox add-on id such as aup-guard@council.gov.uk');
/** Where browsers download the extension: the same rule as the policy URL (https; http only for test names). */
const DownloadUrl = z.url({ protocol: /^https?$/ }).regex(POLICY_URL_PATTERN, 'must be an https URL (http only for 127.0.0.1, localhost or a .test name)');
const Group = DeviceConfig.shape.group.unwrap();
/** A name written into .reg comments, XML and plist: no line breaks or other control characters. */
const Name = (max: number) => z.string().min(1).max(max).regex(/^[^\p{Cc}]*$/u, 'must not contain control characters such as line breaks');

/**
 * A working day: a person who reads one page for a while does not then wait for AUP Guard to
 * start again on the next. It holds only AUP Guard and the add-ons ICT allows.
 */
export const DEFAULT_FIREFOX_IDLE_MINUTES = 480;
/** The preference is a 32-bit count of milliseconds. */
export const FIREFOX_IDLE_MAX_MINUTES = Math.floor(0x7fffffff / 60_000);

export const DeploymentConfig = z.strictObject({
  /** The name on the profiles, reg files and ADMX categories, e.g. "Anytown Borough Council". */
  organisation: Name(100),
  extension: z.strictObject({
    chromeId: ChromeId,
    /** The same CRX installs in Edge with the same id; a different one only if ICT publishes to the Edge store. */
    edgeId: ChromeId.optional(),
    firefoxId: FirefoxId,
    /** updates.xml from aup package, on ICT's server (Chrome and Edge check it for new versions). */
    crxUpdateUrl: DownloadUrl,
    /** The XPI (Mozilla-signed for release Firefox; unsigned only for ESR with signatures not required). */
    xpiUrl: DownloadUrl,
  }),
  /** The managed settings every device receives (public/managed_schema.json; checked as the device checks them). */
  settings: DeviceConfig,
  /** Other groups by organisational unit (Active Directory OU, Google Admin org unit): a set of files per unit. */
  groupsByOu: z
    .array(z.strictObject({ ou: Name(200), group: Group }))
    .max(50)
    .default([]),
  hardening: z
    .strictObject({
      /** Extensions people may still install (ids); every other extension is blocked. */
      allowedExtensions: z
        .strictObject({ chrome: z.array(ChromeId).default([]), edge: z.array(ChromeId).default([]), firefox: z.array(FirefoxId).default([]) })
        .default({ chrome: [], edge: [], firefox: [] }),
      /** `extensions-only` (default): never on AUP Guard and other force-installed extensions; `everywhere`: no developer tools at all. */
      blockDeveloperTools: z.enum(['extensions-only', 'everywhere']).default('extensions-only'),
      /** Chrome and Edge DownloadRestrictions (0–4), when ICT wants it; not set otherwise. */
      downloadRestrictions: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
      /**
       * Chrome and Edge ForceGoogleSafeSearch / ForceYouTubeRestrict (0 off, 1 moderate, 2 strict), when
       * ICT wants the browser's own layer under AUP Guard's safe-search rules (belt and braces: they
       * hold even while the extension is disabled); not set otherwise. Firefox has no such policy.
       */
      forceGoogleSafeSearch: z.boolean().optional(),
      forceYouTubeRestrict: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
      /** Firefox can run AUP Guard in private windows: `off` (default) removes them, `filtered` keeps them with AUP Guard in them. */
      firefoxPrivateWindows: z.enum(['off', 'filtered']).default('off'),
      /**
       * Minutes Firefox keeps an idle extension background page before suspending it (the
       * `extensions.background.idle.timeout` preference, locked through the Preferences policy);
       * `firefox-default` leaves Firefox's 30 seconds. After a suspension the next navigation waits
       * for AUP Guard to start again (about 0.3 s with a million-host list: docs/performance.md).
       * Installed by policy, AUP Guard keeps its page running itself (keep-alive.ts); this
       * preference is the second line, for a Firefox that stops counting that heartbeat.
       */
      firefoxBackgroundIdleMinutes: z.union([z.number().int().min(1).max(FIREFOX_IDLE_MAX_MINUTES), z.literal('firefox-default')]).default(DEFAULT_FIREFOX_IDLE_MINUTES),
    })
    .default({ allowedExtensions: { chrome: [], edge: [], firefox: [] }, blockDeveloperTools: 'extensions-only', firefoxPrivateWindows: 'off', firefoxBackgroundIdleMinutes: DEFAULT_FIREFOX_IDLE_MINUTES }),
});
export type DeploymentConfig = z.infer<typeof DeploymentConfig>;

/** The ids in use: Edge takes Chrome's unless ICT gave its own. */
export function edgeId(config: DeploymentConfig): string {
  return config.extension.edgeId ?? config.extension.chromeId;
}

/** Addresses a council device must never be given (they only make sense on a test machine). */
export function testOnlyAddresses(config: DeploymentConfig): string[] {
  const urls = [config.extension.crxUpdateUrl, config.extension.xpiUrl, config.settings.policyUrl, config.settings.reportEndpoint];
  return urls.filter((u): u is string => !!u && !u.startsWith('https://'));
}

/** One line per problem, with where it is in ICT's file. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(the file)'}: ${i.message}`);
}
