import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DeviceConfig } from '../../src/config/device-config.ts';
import { ADMX_APP_NAME, categoryName, policyName } from '../../src/deploy/admx.ts';
import { thirdPartyKey } from '../../src/deploy/windows-registry.ts';
import { fixtureDeployment, fixtureTemplates, jsonOf, text } from './support/deployment-fixture.ts';

const config = fixtureDeployment();
const files = fixtureTemplates(config);
const admxText = text(files.get('windows/PolicyDefinitions/aup-guard.admx'));
const admlText = text(files.get('windows/PolicyDefinitions/en-GB/aup-guard.adml'));
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['policy', 'category', 'definition', 'string', 'presentation', 'text', 'list', 'decimal', 'textBox', 'listBox', 'decimalTextBox'].includes(name) });

type Node = Record<string, unknown>;
type Policy = Node & { name: string; key: string; displayName: string; explainText: string; presentation: string; parentCategory: { ref: string }; supportedOn: { ref: string }; elements: Record<string, Node[]> };

const admx = parser.parse(admxText).policyDefinitions as Node;
const adml = parser.parse(admlText).policyDefinitionResources as Node;
const policies = (admx.policies as { policy: Policy[] }).policy;
const categories = (admx.categories as { category: (Node & { name: string; parentCategory?: { ref: string } })[] }).category;
const definitions = ((admx.supportedOn as Node).definitions as { definition: Node[] }).definition;
const resources = adml.resources as Node;
const strings = new Map(((resources.stringTable as { string: { id: string; '#text': string }[] }).string).map((s) => [s.id, s['#text']]));
const presentations = new Map(((resources.presentationTable as { presentation: Node[] }).presentation).map((p) => [p.id as string, p]));

const ref = (attr: string, kind: 'string' | 'presentation') => {
  const m = new RegExp(`^\\$\\(${kind}\\.([A-Za-z0-9_]+)\\)$`).exec(attr);
  if (!m) throw new Error(`${attr} is not a $(${kind}.…) reference`);
  return m[1]!;
};

describe('ADMX/ADML for AUP Guard\'s own settings', () => {
  it('are well-formed XML with the Group Policy namespace, and the en-US copy is the same file', () => {
    expect(XMLValidator.validate(admxText)).toBe(true);
    expect(XMLValidator.validate(admlText)).toBe(true);
    expect(admx.xmlns).toBe('http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions');
    expect(adml.xmlns).toBe(admx.xmlns);
    expect(text(files.get('windows/PolicyDefinitions/en-US/aup-guard.adml'))).toBe(admlText);
    expect(XMLValidator.validate('<a><b></a>')).not.toBe(true);
  });

  it('have one policy per setting per browser, writing to that browser\'s 3rdparty key for this deployment\'s extension', () => {
    const expected = (['chrome', 'edge', 'firefox'] as const).flatMap((b) => Object.keys(DeviceConfig.shape).map((s) => [policyName(b, s), b] as const));
    expect(policies.map((p) => p.name).sort()).toEqual(expected.map(([n]) => n).sort());
    for (const [name, browser] of expected) {
      const policy = policies.find((p) => p.name === name)!;
      const id = browser === 'firefox' ? config.extension.firefoxId : config.extension.chromeId;
      expect(`HKEY_LOCAL_MACHINE\\${policy.key}`, name).toBe(thirdPartyKey(browser, id));
      expect(policy.parentCategory.ref).toBe(categoryName(browser));
    }
  });

  it('reference only strings, presentations, categories and support definitions that exist, and every presentation names an element of its policy', () => {
    const categoryNames = new Set(categories.map((c) => c.name));
    for (const c of categories) {
      expect(strings.has(ref(c.displayName as string, 'string')), c.name).toBe(true);
      if (c.parentCategory) expect(categoryNames.has(c.parentCategory.ref)).toBe(true);
    }
    for (const d of definitions) expect(strings.has(ref(d.displayName as string, 'string'))).toBe(true);
    const definitionNames = new Set(definitions.map((d) => d.name));
    for (const policy of policies) {
      expect(strings.get(ref(policy.displayName, 'string')), policy.name).toMatch(/\w/);
      expect(strings.get(ref(policy.explainText, 'string')), policy.name).toMatch(/\w{3,}/);
      expect(categoryNames.has(policy.parentCategory.ref), policy.name).toBe(true);
      expect(definitionNames.has(policy.supportedOn.ref), policy.name).toBe(true);
      const presentation = presentations.get(ref(policy.presentation, 'presentation'));
      expect(presentation, policy.name).toBeDefined();
      const elementIds = Object.values(policy.elements).flat().map((e) => e.id);
      const refIds = ['textBox', 'listBox', 'decimalTextBox'].flatMap((k) => ((presentation![k] as Node[] | undefined) ?? []).map((e) => e.refId));
      expect(refIds, policy.name).toEqual(elementIds);
      expect(elementIds.length).toBe(1);
    }
  });

  it('write lists as numbered values and the interval as a bounded DWORD, as the browsers read them', () => {
    const keys = policies.find((p) => p.name === policyName('chrome', 'trustedKeys'))!;
    expect(keys.elements.list![0]).toMatchObject({ id: 'trustedKeys', valuePrefix: '', key: `${keys.key}\\trustedKeys` });
    const minutes = policies.find((p) => p.name === policyName('edge', 'refreshMinutes'))!;
    expect(minutes.elements.decimal![0]).toMatchObject({ valueName: 'refreshMinutes', minValue: '5', maxValue: '1440' });
    // The fleet check-in settings come from the same schema (issue 15).
    const hours = policies.find((p) => p.name === policyName('chrome', 'checkinHours'))!;
    expect(hours.elements.decimal![0]).toMatchObject({ valueName: 'checkinHours', minValue: '1', maxValue: '24' });
    expect(policies.find((p) => p.name === policyName('edge', 'deviceName'))?.elements.text?.[0]).toMatchObject({ valueName: 'deviceName' });
  });
});

describe('Intune custom profile', () => {
  it('ingests this ADMX and sets each setting through policies that exist in it, with element ids that exist', () => {
    const profile = jsonOf(files, 'intune/aup-guard-settings.graph.json') as { '@odata.type': string; omaSettings: { omaUri: string; value: string }[] };
    expect(profile['@odata.type']).toBe('#microsoft.graph.windows10CustomConfiguration');
    const [ingest, ...settings] = profile.omaSettings;
    expect(ingest!.omaUri).toBe(`./Device/Vendor/MSFT/Policy/ConfigOperations/ADMXInstall/${ADMX_APP_NAME}/Policy/AUPGuardAdmx`);
    expect(ingest!.value).toBe(admxText);
    const set = Object.entries(config.settings).filter(([, v]) => v !== undefined).length;
    expect(settings.length).toBe(set * 3);
    for (const s of settings) {
      const m = /^\.\/Device\/Vendor\/MSFT\/Policy\/Config\/AUPGuard~Policy~AUPGuard~(AUPGuard_\w+)\/(\w+)$/.exec(s.omaUri);
      expect(m, s.omaUri).not.toBeNull();
      const policy = policies.find((p) => p.name === m![2])!;
      expect(policy.parentCategory.ref).toBe(m![1]);
      const data = /^<enabled\/><data id="(\w+)" value="[^"]*"\/>$/.exec(s.value);
      expect(data, s.value).not.toBeNull();
      expect(Object.values(policy.elements).flat().map((e) => e.id)).toContain(data![1]);
    }
    expect(settings.map((s) => s.value).join()).toContain(config.settings.trustedKeys.join('&#xF000;'));
  });
});
