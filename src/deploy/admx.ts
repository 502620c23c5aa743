import { BROWSER_NAMES, extensionId, type Browser } from './browser-policies.ts';
import type { DeploymentConfig } from './deployment-config.ts';
import { managedSchema, type ChromeSchema } from './managed-schema.ts';
import { thirdPartyKey } from './windows-registry.ts';
import { xmlEscape as x } from './xml.ts';

/**
 * An administrative template (ADMX + en-GB ADML) for AUP Guard's own settings in Chrome, Edge
 * and Firefox, so ICT sets them in Group Policy Management like any other policy (and per OU).
 * Mozilla and Chromium ship no ADMX for an extension's `3rdparty` settings: the extension must.
 * The settings, titles and limits come from the managed schema (so from DeviceConfig); the
 * registry keys carry this deployment's extension ids.
 */

export const ADMX_FILE = 'aup-guard.admx';
export const ADML_FILE = 'aup-guard.adml';
export const ADMX_NAMESPACE = 'AUPGuard.Policies.AUPGuard';
/** The name Intune's ADMX ingestion uses in its OMA-URIs (intune.ts). */
export const ADMX_APP_NAME = 'AUPGuard';
export const ADMX_BROWSERS: Browser[] = ['chrome', 'edge', 'firefox'];
const SUPPORTED: Record<Browser, [string, string]> = {
  chrome: ['SUPPORTED_CHROME_120', 'Google Chrome 120 or later, with AUP Guard installed'],
  edge: ['SUPPORTED_EDGE_120', 'Microsoft Edge 120 or later, with AUP Guard installed'],
  firefox: ['SUPPORTED_FIREFOX_140', 'Mozilla Firefox 140 or later (ESR 140), with AUP Guard installed'],
};

export const categoryName = (browser: Browser) => `AUPGuard_${browser}`;
export const policyName = (browser: Browser, setting: string) => `${browser}_${setting}`;

type Element = { xml: string; presentation: string };

/** One ADMX element and its ADML presentation, by the setting's type. */
function element(setting: string, schema: ChromeSchema, key: string, presentationLabel: string): Element {
  const id = setting;
  if (schema.type === 'integer') {
    const bounds = `${schema.minimum !== undefined ? ` minValue="${schema.minimum}"` : ''}${schema.maximum !== undefined ? ` maxValue="${schema.maximum}"` : ''}`;
    return {
      xml: `<decimal id="${id}" valueName="${setting}"${bounds} required="true" />`,
      presentation: `<decimalTextBox refId="${id}" defaultValue="${schema.minimum ?? 0}">${x(presentationLabel)}</decimalTextBox>`,
    };
  }
  if (schema.type === 'array') {
    // valuePrefix="" names the values 1, 2, …: the list shape both browsers read.
    return {
      xml: `<list id="${id}" key="${x(`${key}\\${setting}`)}" valuePrefix="" />`,
      presentation: `<listBox refId="${id}">${x(presentationLabel)}</listBox>`,
    };
  }
  if (schema.type === 'string') {
    return {
      xml: `<text id="${id}" valueName="${setting}" required="true" />`,
      presentation: `<textBox refId="${id}"><label>${x(presentationLabel)}</label></textBox>`,
    };
  }
  throw new Error(`${setting}: no ADMX element for type ${schema.type}`);
}

/** Registry key inside ADMX: without the hive (the policy's class chooses it). */
const hiveless = (key: string) => key.replace(/^HKEY_LOCAL_MACHINE\\/, '');

export function admxFiles(config: DeploymentConfig): { admx: string; adml: string } {
  const settings = Object.entries(managedSchema().properties ?? {});
  const strings: [string, string][] = [
    ['AUPGuard', 'AUP Guard'],
    ['AUPGuard_Explain', `AUP Guard, the internet acceptable-use policy extension of ${config.organisation}.`],
  ];
  const presentations: string[] = [];
  const categories = ['<category name="AUPGuard" displayName="$(string.AUPGuard)" explainText="$(string.AUPGuard_Explain)" />'];
  const policies: string[] = [];
  const definitions: string[] = [];
  for (const browser of ADMX_BROWSERS) {
    const [supported, supportedText] = SUPPORTED[browser];
    definitions.push(`<definition name="${supported}" displayName="$(string.${supported})" />`);
    strings.push([supported, supportedText], [categoryName(browser), `AUP Guard in ${BROWSER_NAMES[browser]}`]);
    categories.push(`<category name="${categoryName(browser)}" displayName="$(string.${categoryName(browser)})"><parentCategory ref="AUPGuard" /></category>`);
    const key = hiveless(thirdPartyKey(browser, extensionId(config, browser)));
    for (const [setting, schema] of settings) {
      const name = policyName(browser, setting);
      const { xml, presentation } = element(setting, schema, key, schema.title ?? setting);
      strings.push([name, schema.title ?? setting], [`${name}_Explain`, `${schema.description ?? ''}\n\nWritten to ${key} (${BROWSER_NAMES[browser]}, extension ${extensionId(config, browser)}).`]);
      presentations.push(`<presentation id="${name}">${presentation}</presentation>`);
      policies.push(
        `<policy name="${name}" class="Both" displayName="$(string.${name})" explainText="$(string.${name}_Explain)" presentation="$(presentation.${name})" key="${x(key)}">` +
          `\n      <parentCategory ref="${categoryName(browser)}" />\n      <supportedOn ref="${supported}" />\n      <elements>${xml}</elements>\n    </policy>`,
      );
    }
  }
  const admx = `<?xml version="1.0" encoding="utf-8"?>
<!-- AUP Guard settings: generated by aup deploy. Copy to PolicyDefinitions\\ with ${ADML_FILE} in PolicyDefinitions\\en-GB\\. -->
<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">
  <policyNamespaces>
    <target prefix="aupguard" namespace="${ADMX_NAMESPACE}" />
  </policyNamespaces>
  <resources minRequiredRevision="1.0" />
  <supportedOn>
    <definitions>
      ${definitions.join('\n      ')}
    </definitions>
  </supportedOn>
  <categories>
    ${categories.join('\n    ')}
  </categories>
  <policies>
    ${policies.join('\n    ')}
  </policies>
</policyDefinitions>
`;
  const adml = `<?xml version="1.0" encoding="utf-8"?>
<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">
  <displayName>AUP Guard</displayName>
  <description>AUP Guard settings for ${x(config.organisation)}</description>
  <resources>
    <stringTable>
      ${strings.map(([id, text]) => `<string id="${id}">${x(text)}</string>`).join('\n      ')}
    </stringTable>
    <presentationTable>
      ${presentations.join('\n      ')}
    </presentationTable>
  </resources>
</policyDefinitionResources>
`;
  return { admx, adml };
}
