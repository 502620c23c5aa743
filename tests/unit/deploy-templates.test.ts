import { describe, expect, it } from 'vitest';
import plist from 'plist';
import { DeviceConfig } from '../../src/config/device-config.ts';
import { checkManagedValues } from '../../src/deploy/chrome-schema-check.ts';
import { managedSchema } from '../../src/deploy/managed-schema.ts';
import { LINUX_POLICY_FILES, ouSlug } from '../../src/deploy/templates.ts';
import { POLICY_ROOTS, thirdPartyKey } from '../../src/deploy/windows-registry.ts';
import { MAC_DOMAINS } from '../../src/deploy/mobileconfig.ts';
import { DeploymentConfig } from '../../src/deploy/deployment-config.ts';
import { firefoxPolicies } from '../../src/deploy/browser-policies.ts';
import { fixtureDeployment, fixtureTemplates, jsonOf, text } from './support/deployment-fixture.ts';
import { parseRegFile, regToObject } from './support/reg-file.ts';

const config = fixtureDeployment();
const files = fixtureTemplates(config);
const CHROME_ID = config.extension.chromeId;
const FIREFOX_ID = config.extension.firefoxId;
const settings = config.settings;

/** Booleans as the registry holds them (0/1 DWORDs). */
const asRegistry = (value: unknown): unknown =>
  typeof value === 'boolean' ? Number(value) : Array.isArray(value) ? value.map(asRegistry) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : asRegistry(v)])) : value;

/** A 3rdparty value as the device gets it: Chrome's check (nothing thrown away) and AUP Guard's own. */
function expectValidSettings(where: string, value: unknown, group = settings.group) {
  const checked = checkManagedValues(value as Record<string, unknown>, managedSchema());
  expect(checked, where).toEqual({ errors: [], dropped: [] });
  const parsed = DeviceConfig.safeParse(value);
  expect(parsed.success, `${where}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
  expect(parsed.data, where).toMatchObject({ policyUrl: settings.policyUrl, trustedKeys: settings.trustedKeys, group, reportToken: settings.reportToken });
}

describe('aup deploy templates (fixture deployment)', () => {
  it('writes every template, the same bytes every time', () => {
    for (const path of [
      'README.md', 'firefox/policies.json', LINUX_POLICY_FILES.chrome, LINUX_POLICY_FILES.chromium, LINUX_POLICY_FILES.edge,
      'windows/chrome.reg', 'windows/edge.reg', 'windows/firefox.reg', 'windows/PolicyDefinitions/aup-guard.admx',
      'windows/PolicyDefinitions/en-GB/aup-guard.adml', 'intune/aup-guard-settings.graph.json', 'google-admin/policy-for-extensions.json',
      'macos/aup-guard-chrome.mobileconfig', 'macos/aup-guard-edge.mobileconfig', 'macos/aup-guard-firefox.mobileconfig',
    ]) expect(files.has(path), path).toBe(true);
    const again = fixtureTemplates(config);
    expect([...again.keys()]).toEqual([...files.keys()]);
    for (const [path, content] of files) expect(again.get(path), path).toEqual(content);
  });

  it('Linux Chrome, Chromium and Edge files: force-install from ICT\'s update URL, hardening, and AUP Guard\'s settings', () => {
    for (const browser of ['chrome', 'chromium', 'edge'] as const) {
      const policy = jsonOf(files, LINUX_POLICY_FILES[browser]);
      expect(policy.ExtensionInstallForcelist, browser).toEqual([`${CHROME_ID};${config.extension.crxUpdateUrl}`]);
      expect(policy.ExtensionInstallBlocklist).toEqual(['*']);
      expect(policy).toMatchObject({ BrowserGuestModeEnabled: false, DeveloperToolsAvailability: 0, ExtensionDeveloperModeSettings: 1, NetworkPredictionOptions: 2, DownloadRestrictions: 1 });
      if (browser === 'edge') {
        expect(policy).toMatchObject({ InPrivateModeAvailability: 1, BrowserAddProfileEnabled: false });
        expect(policy).not.toHaveProperty('IncognitoModeAvailability');
        expect(policy).not.toHaveProperty('ExtensionInstallAllowlist');
      } else {
        expect(policy).toMatchObject({ IncognitoModeAvailability: 1, BrowserAddPersonEnabled: false, ExtensionInstallAllowlist: ['ghbmnnjooekpmoecnnnilnnbdlolhkhi'] });
      }
      const thirdParty = policy['3rdparty'] as { extensions: Record<string, unknown> };
      expect(Object.keys(thirdParty.extensions)).toEqual([CHROME_ID]);
      expectValidSettings(browser, thirdParty.extensions[CHROME_ID]);
    }
  });

  it('Firefox policies.json: force-installed from the XPI URL, in private windows, other add-ons blocked, AUP Guard\'s settings', () => {
    const { policies } = jsonOf(files, 'firefox/policies.json') as { policies: Record<string, unknown> };
    expect(policies.ExtensionSettings).toEqual({
      '*': { installation_mode: 'blocked', blocked_install_message: expect.stringContaining('Anytown') },
      [FIREFOX_ID]: { installation_mode: 'force_installed', install_url: config.extension.xpiUrl, private_browsing: true },
    });
    expect(policies).toMatchObject({ PrivateBrowsingModeAvailability: 1, BlockAboutConfig: true });
    // AUP Guard's background page kept for a working day of idle, not Firefox's 30 seconds.
    expect(policies.Preferences).toEqual({ 'extensions.background.idle.timeout': { Value: 480 * 60_000, Status: 'locked', Type: 'number' } });
    expect(policies).not.toHaveProperty('DisableDeveloperTools');
    expectValidSettings('firefox', (policies['3rdparty'] as { Extensions: Record<string, unknown> }).Extensions[FIREFOX_ID]);
  });

  it('Firefox background idle: minutes as a locked preference in milliseconds, Firefox\'s own on request, out-of-range refused', () => {
    const idleOf = (minutes: unknown) => {
      const parsed = DeploymentConfig.parse({ ...config, hardening: { ...config.hardening, firefoxBackgroundIdleMinutes: minutes } });
      return firefoxPolicies(parsed).find((p) => p.name === 'Preferences')?.value;
    };
    expect(idleOf(60)).toEqual({ 'extensions.background.idle.timeout': { Value: 3_600_000, Status: 'locked', Type: 'number' } });
    expect(idleOf('firefox-default')).toBeUndefined();
    // The preference is a 32-bit count of milliseconds: no value that overflows it.
    expect(() => idleOf(40_000)).toThrow();
    expect(() => idleOf(0)).toThrow();
  });

  it('never withdraws AUP Guard\'s access to sites (Chrome then lets those pages through) in any file', () => {
    const policyFiles = [...files].filter(([path]) => !path.endsWith('README.md'));
    expect(policyFiles.length).toBeGreaterThan(20);
    for (const [path, content] of policyFiles) {
      expect(text(content), path).not.toMatch(/runtime_blocked_hosts|runtime_allowed_hosts|blocked_permissions/);
    }
  });

  it('.reg files: well-formed, only REG_SZ and REG_DWORD, under each browser\'s policy root, the same policies as the Linux files', () => {
    const linux = { chrome: LINUX_POLICY_FILES.chrome, edge: LINUX_POLICY_FILES.edge } as const;
    for (const browser of ['chrome', 'edge'] as const) {
      const tree = parseRegFile(files.get(`windows/${browser}.reg`) as Uint8Array);
      for (const key of tree.keys()) expect(key.startsWith(POLICY_ROOTS[browser]), key).toBe(true);
      const { '3rdparty': regThirdParty, ...regPolicies } = regToObject(tree, POLICY_ROOTS[browser]);
      const { '3rdparty': jsonThirdParty, ...jsonPolicies } = jsonOf(files, linux[browser]);
      expect(regPolicies, browser).toEqual(asRegistry(jsonPolicies));
      expect(regThirdParty).toEqual({ extensions: { [CHROME_ID]: { policy: expect.any(Object) } } });
      const values = regToObject(tree, thirdPartyKey(browser, CHROME_ID));
      expect(values).toEqual((jsonThirdParty as { extensions: Record<string, unknown> }).extensions[CHROME_ID]);
      expectValidSettings(`${browser}.reg`, values);
    }
    const firefox = parseRegFile(files.get('windows/firefox.reg') as Uint8Array);
    const { ExtensionSettings, Preferences, '3rdparty': _t, ...rest } = regToObject(firefox, POLICY_ROOTS.firefox);
    const { policies } = jsonOf(files, 'firefox/policies.json') as { policies: Record<string, unknown> };
    expect(JSON.parse(ExtensionSettings as string)).toEqual(policies.ExtensionSettings);
    expect(JSON.parse(Preferences as string)).toEqual(policies.Preferences);
    expect(rest).toEqual({ PrivateBrowsingModeAvailability: 1, BlockAboutConfig: 1 });
    expectValidSettings('firefox.reg', regToObject(firefox, thirdPartyKey('firefox', FIREFOX_ID)));
  });

  it('.reg parsing is strict (the checks above can fail)', () => {
    const enc = (s: string) => new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...s].map((c) => c.charCodeAt(0))).buffer)]);
    expect(() => parseRegFile(enc('REGEDIT4\r\n'))).toThrow(/header/);
    expect(() => parseRegFile(enc('Windows Registry Editor Version 5.00\r\n[HKEY_LOCAL_MACHINE\\X]\r\n"a"=hex(7):00\r\n'))).toThrow(/REG_SZ and REG_DWORD/);
    expect(() => parseRegFile(enc('Windows Registry Editor Version 5.00\n'))).toThrow(/CRLF/);
  });

  it('macOS profiles parse as property lists and force the same policies and settings, per browser domain', () => {
    const uuids = new Set<string>();
    for (const browser of ['chrome', 'edge', 'firefox'] as const) {
      const profile = plist.parse(text(files.get(`macos/aup-guard-${browser}.mobileconfig`))) as Record<string, unknown>;
      expect(profile).toMatchObject({ PayloadType: 'Configuration', PayloadVersion: 1, PayloadScope: 'System' });
      const [payload] = profile.PayloadContent as Record<string, unknown>[];
      expect(payload).toMatchObject({ PayloadType: 'com.apple.ManagedClient.preferences' });
      for (const p of [profile, payload!]) {
        expect(p.PayloadUUID).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
        uuids.add(p.PayloadUUID as string);
      }
      const domains = payload!.PayloadContent as Record<string, { Forced: { mcx_preference_settings: Record<string, unknown> }[] }>;
      const prefs = (domain: string) => domains[domain]!.Forced[0]!.mcx_preference_settings;
      if (browser === 'firefox') {
        const { EnterprisePoliciesEnabled, ...policies } = prefs(MAC_DOMAINS.firefox);
        expect(EnterprisePoliciesEnabled).toBe(true);
        expect(policies).toEqual((jsonOf(files, 'firefox/policies.json') as { policies: unknown }).policies);
      } else {
        const { '3rdparty': _t, ...policies } = jsonOf(files, LINUX_POLICY_FILES[browser]);
        expect(prefs(MAC_DOMAINS[browser])).toEqual(policies);
        expectValidSettings(`${browser}.mobileconfig`, prefs(`${MAC_DOMAINS[browser]}.extensions.${CHROME_ID}`));
      }
    }
    expect(uuids.size).toBe(6);
  });

  it('Google Admin: each setting wrapped as { Value }', () => {
    const policy = jsonOf(files, 'google-admin/policy-for-extensions.json') as Record<string, { Value: unknown }>;
    for (const entry of Object.values(policy)) expect(Object.keys(entry)).toEqual(['Value']);
    expectValidSettings('google-admin', Object.fromEntries(Object.entries(policy).map(([k, v]) => [k, v.Value])));
  });

  it('groups by organisational unit: a folder per unit with AUP Guard\'s settings and that unit\'s group, and no browser policies', () => {
    for (const { ou, group } of config.groupsByOu) {
      const folder = `by-ou/${ouSlug(ou)}`;
      const tree = parseRegFile(files.get(`${folder}/windows/chrome.reg`) as Uint8Array);
      expect([...tree.keys()].every((k) => k.startsWith(thirdPartyKey('chrome', CHROME_ID))), ou).toBe(true);
      expectValidSettings(`${ou} chrome.reg`, regToObject(tree, thirdPartyKey('chrome', CHROME_ID)), group);
      const admin = jsonOf(files, `${folder}/google-admin/policy-for-extensions.json`) as Record<string, { Value: unknown }>;
      expect(admin.group).toEqual({ Value: group });
      expect(text(files.get(`${folder}/macos/aup-guard-firefox.mobileconfig`))).not.toMatch(/ExtensionSettings/);
    }
  });

  it('the README gives every hardening policy its reason and warns of test-only addresses', () => {
    const readme = text(files.get('README.md'));
    for (const policy of ['IncognitoModeAvailability', 'InPrivateModeAvailability', 'BrowserGuestModeEnabled', 'BrowserAddPersonEnabled', 'BrowserAddProfileEnabled', 'DeveloperToolsAvailability', 'ExtensionDeveloperModeSettings', 'NetworkPredictionOptions', 'ExtensionInstallBlocklist', 'PrivateBrowsingModeAvailability', 'BlockAboutConfig']) {
      expect(readme).toMatch(new RegExp(`\\| \`${policy}\` \\| [^|]+ \\| \\w[^|]{20,} \\|`));
    }
    expect(readme).toMatch(/Never add AUP Guard .* `runtime_blocked_hosts`/);
    expect(readme).not.toMatch(/Not for council devices/);
    const local = fixtureTemplates({ ...config, extension: { ...config.extension, crxUpdateUrl: 'http://updates.aup-guard.test:8443/updates.xml' } });
    expect(text(local.get('README.md'))).toMatch(/Not for council devices.*http:\/\/updates\.aup-guard\.test/);
  });
});
