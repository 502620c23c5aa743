import type { DeviceConfig } from '../config/device-config.ts';
import { ADML_FILE, ADMX_FILE, admxFiles } from './admx.ts';
import { BROWSER_NAMES, chromiumPolicies, chromiumPolicyJson, extensionId, firefoxPolicies, firefoxPolicyJson, settingsFor, type Browser, type Chromium, type Policy } from './browser-policies.ts';
import { testOnlyAddresses, type DeploymentConfig } from './deployment-config.ts';
import { googleAdminPolicy } from './google-admin.ts';
import { intuneProfile, intuneSettingsCatalog } from './intune.ts';
import { mobileconfig } from './mobileconfig.ts';
import { chromiumRegistry, firefoxRegistry, regFileText, utf16le } from './windows-registry.ts';

/**
 * Every template `aup deploy` writes, as paths and contents (the CLI only writes them to disk).
 * The same deployment gives the same bytes.
 */
export type TemplateFile = { path: string; content: string | Uint8Array };

/** Linux policy folders (the Edge one is the community-documented path: edge/NOTES.md). */
export const LINUX_POLICY_FILES: Record<Chromium | 'chromium', string> = {
  chrome: 'linux/etc/opt/chrome/policies/managed/aup-guard.json',
  chromium: 'linux/etc/chromium/policies/managed/aup-guard.json',
  edge: 'linux/etc/opt/edge/policies/managed/aup-guard.json',
};

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
const BROWSERS: Browser[] = ['chrome', 'edge', 'firefox'];

/** A folder name for an organisational unit: lower case, letters, digits and dashes. */
export function ouSlug(ou: string): string {
  return ou.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'unit';
}

function reg(config: DeploymentConfig, browser: Browser, settings: DeviceConfig, withPolicies: boolean): Uint8Array {
  const keys = browser === 'firefox' ? firefoxRegistry(config, settings, withPolicies) : chromiumRegistry(config, browser, settings, withPolicies);
  const what = withPolicies ? 'force-install, hardening and AUP Guard\'s settings' : `AUP Guard's settings only (group ${settings.group ?? '(strictest)'})`;
  return utf16le(regFileText(`AUP Guard for ${BROWSER_NAMES[browser]}, ${config.organisation}: ${what}.`, keys));
}

/** AUP Guard's settings for one group, in every format that can target a unit. */
function settingsOnlyFiles(config: DeploymentConfig, folder: string, settings: DeviceConfig, identifier: string): TemplateFile[] {
  return [
    ...BROWSERS.map((b) => ({ path: `${folder}/windows/${b}.reg`, content: reg(config, b, settings, false) })),
    ...BROWSERS.map((b) => ({ path: `${folder}/macos/aup-guard-${b}.mobileconfig`, content: mobileconfig(config, b, settings, { identifier: `${identifier}.${b}`, withPolicies: false }) })),
    { path: `${folder}/google-admin/policy-for-extensions.json`, content: json(googleAdminPolicy(settings)) },
    { path: `${folder}/intune/aup-guard-settings.graph.json`, content: json(intuneProfile(config, settings, `AUP Guard settings: ${folder}`)) },
  ];
}

export function deploymentTemplates(config: DeploymentConfig): TemplateFile[] {
  const settings = settingsFor(config);
  const identifier = `uk.aup-guard.${ouSlug(config.organisation)}`;
  const { admx, adml } = admxFiles(config);
  const files: TemplateFile[] = [
    { path: 'README.md', content: readme(config) },
    { path: LINUX_POLICY_FILES.chrome, content: json(chromiumPolicyJson(config, 'chrome')) },
    // Chromium reads the same policies as Chrome, from its own folder; the ids are Chrome's.
    { path: LINUX_POLICY_FILES.chromium, content: json(chromiumPolicyJson(config, 'chrome')) },
    { path: LINUX_POLICY_FILES.edge, content: json(chromiumPolicyJson(config, 'edge')) },
    { path: 'firefox/policies.json', content: json(firefoxPolicyJson(config)) },
    ...BROWSERS.map((b) => ({ path: `windows/${b}.reg`, content: reg(config, b, settings, true) })),
    { path: `windows/PolicyDefinitions/${ADMX_FILE}`, content: admx },
    // GPMC reads the ADML of its display language and falls back to en-US.
    { path: `windows/PolicyDefinitions/en-GB/${ADML_FILE}`, content: adml },
    { path: `windows/PolicyDefinitions/en-US/${ADML_FILE}`, content: adml },
    { path: 'intune/aup-guard-settings.graph.json', content: json(intuneProfile(config, settings, 'AUP Guard settings')) },
    { path: 'intune/browser-policies.settings-catalog.json', content: json(intuneSettingsCatalog(config)) },
    { path: 'google-admin/policy-for-extensions.json', content: json(googleAdminPolicy(settings)) },
    ...BROWSERS.map((b) => ({ path: `macos/aup-guard-${b}.mobileconfig`, content: mobileconfig(config, b, settings, { identifier: `${identifier}.${b}` }) })),
  ];
  for (const { ou, group } of config.groupsByOu) {
    const folder = `by-ou/${ouSlug(ou)}`;
    files.push(...settingsOnlyFiles(config, folder, settingsFor(config, group), `${identifier}.${ouSlug(ou)}`));
  }
  const paths = files.map((f) => f.path);
  const twice = paths.filter((p, i) => paths.indexOf(p) !== i);
  if (twice.length > 0) throw new Error(`two organisational units give the same folder: ${[...new Set(twice)].join(', ')} (rename one)`);
  return files;
}

const cell = (value: unknown) => `\`${JSON.stringify(value).replaceAll('|', '\\|')}\``;
function policyTable(policies: Policy[]): string {
  return ['| policy | value | why |', '| --- | --- | --- |', ...policies.map((p) => `| \`${p.name}\` | ${p.name === 'ExtensionSettings' ? '(see policies.json)' : cell(p.value)} | ${p.reason} |`)].join('\n');
}

function readme(config: DeploymentConfig): string {
  const testOnly = testOnlyAddresses(config);
  const warning = testOnly.length > 0
    ? `\n> **Not for council devices**: these addresses are test-only (plain http): ${testOnly.join(', ')}.\n`
    : '';
  const units = config.groupsByOu.length > 0
    ? `\n## Groups by organisational unit\n\nThe files above give every device the group ${config.settings.group ? `\`${config.settings.group}\`` : 'none (the strictest group applies)'}. ` +
      `Each unit below has a folder with AUP Guard's settings only (its group), to apply after the above to that unit's devices — or, in Group Policy, set "Policy group" in the unit's GPO with the ADMX.\n\n` +
      ['| unit | group | folder |', '| --- | --- | --- |', ...config.groupsByOu.map((u) => `| ${u.ou} | \`${u.group}\` | \`by-ou/${ouSlug(u.ou)}/\` |`)].join('\n') + '\n'
    : '';
  return `# AUP Guard deployment templates: ${config.organisation}

Generated by \`aup deploy\` from the deployment file: change that file and generate again rather
than editing these. How to roll them out and check them: docs/deploying.md.
${warning}
| browser | extension id |
| --- | --- |
${BROWSERS.map((b) => `| ${BROWSER_NAMES[b]} | \`${extensionId(config, b)}\` |`).join('\n')}

## Files

| file | what | where it goes |
| --- | --- | --- |
| \`windows/chrome.reg\`, \`edge.reg\`, \`firefox.reg\` | force-install, hardening and AUP Guard's settings (HKLM) | \`reg import\`, or GPO Preferences → Registry. They set the extension lists whole: add any other extension ICT force-installs or allows |
| \`windows/PolicyDefinitions/aup-guard.admx\` + \`en-GB/\`, \`en-US/aup-guard.adml\` | AUP Guard's own settings in Group Policy (Chrome, Edge, Firefox) | the domain's Central Store (\`\\\\<domain>\\SYSVOL\\<domain>\\Policies\\PolicyDefinitions\`); the browsers' own ADMX (Google, Microsoft, Mozilla) set the policies below |
| \`intune/aup-guard-settings.graph.json\` | Windows custom profile: ingests the ADMX and sets AUP Guard's settings (OMA-URI) | Microsoft Graph \`POST /deviceManagement/deviceConfigurations\`, or each OMA-URI by hand in a Custom profile |
| \`intune/browser-policies.settings-catalog.json\` | the browser policies below, as a checklist | Intune settings catalog (Google Chrome, Microsoft Edge; Firefox with Mozilla's ADMX) |
| \`google-admin/policy-for-extensions.json\` | AUP Guard's settings for ChromeOS and managed Chrome | Admin console → Devices → Chrome → Apps & extensions → AUP Guard → Policy for extensions |
| \`firefox/policies.json\` | Firefox: install, hardening and AUP Guard's settings | Linux \`/etc/firefox/policies/policies.json\`; Windows/macOS \`distribution/policies.json\` beside the browser (registry or profile policies win over it) |
| \`${LINUX_POLICY_FILES.chrome}\` | Chrome on Linux | \`/etc/opt/chrome/policies/managed/\` |
| \`${LINUX_POLICY_FILES.chromium}\` | Chromium on Linux | \`/etc/chromium/policies/managed/\` |
| \`${LINUX_POLICY_FILES.edge}\` | Edge on Linux | \`/etc/opt/edge/policies/managed/\` |
| \`macos/aup-guard-chrome.mobileconfig\`, \`-edge\`, \`-firefox\` | macOS configuration profiles | your MDM (Jamf, Intune, …), device scope |
${units}
## Hardening: what each policy closes

An extension filter is only as strong as the browser around it. Each template sets these.

### ${BROWSER_NAMES.chrome}

${policyTable(chromiumPolicies(config, 'chrome'))}

### ${BROWSER_NAMES.edge}

${policyTable(chromiumPolicies(config, 'edge'))}

### ${BROWSER_NAMES.firefox}

${policyTable(firefoxPolicies(config))}

Never add AUP Guard (or \`*\`) to \`ExtensionSettings\` with \`runtime_blocked_hosts\`, and never withdraw its
access to sites: Chrome then lets pages of those hosts through unfiltered.
`;
}
