import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import plist from 'plist';
import { LINUX_POLICY_FILES } from '../../src/deploy/templates.ts';
import { MAC_DOMAINS } from '../../src/deploy/mobileconfig.ts';
import { fixtureDeployment, fixtureTemplates, jsonOf, text } from './support/deployment-fixture.ts';
import { chromiumDefinition, firefoxSchema, MISSING_SCHEMAS, POLICY_SCHEMAS } from './support/policy-schemas.ts';

/*
 * Every generated policy checked against the browsers' own definitions, with a maintained
 * JSON-Schema validator (ajv): a misspelt policy, a wrong type or an out-of-range value fails
 * here rather than on a council device (where a browser ignores it, and the hole stays open).
 */

const files = fixtureTemplates(fixtureDeployment());

/**
 * Policies the saved Chromium YAML does not define, by their documented shape:
 *  - Edge's own names (edge/NOTES.md: InPrivateModeAvailability 0/1/2 REG_DWORD; BrowserAddProfileEnabled boolean);
 *  - NetworkPredictionOptions (chromium NetworkPredictionOptions.yaml, not saved in policy-schemas:
 *    int-enum 0 standard, 1 Wi-Fi only (deprecated), 2 never).
 */
const DOCUMENTED: Record<string, { schema: Record<string, unknown>; browsers: ('chrome' | 'edge')[] }> = {
  InPrivateModeAvailability: { schema: { type: 'integer', enum: [0, 1, 2] }, browsers: ['edge'] },
  BrowserAddProfileEnabled: { schema: { type: 'boolean' }, browsers: ['edge'] },
  NetworkPredictionOptions: { schema: { type: 'integer', enum: [0, 1, 2] }, browsers: ['chrome', 'edge'] },
};
/** Chrome names Edge does not use (edge/NOTES.md). */
const CHROME_ONLY = ['IncognitoModeAvailability', 'BrowserAddPersonEnabled'];

function newAjv(): Ajv {
  // strict off: the upstream schemas carry their own keywords (x-compatibility, contentMediaType…).
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

it('finds the upstream policy schemas in CI', () => {
  if (process.env.CI) expect(POLICY_SCHEMAS, 'CI has shared/data/policy-schemas beside the repository').not.toBeNull();
  else if (!POLICY_SCHEMAS) console.warn(`aup: ${MISSING_SCHEMAS}`);
});

describe.skipIf(!POLICY_SCHEMAS)('generated templates against the browsers\' own policy schemas', () => {
  it('Firefox policies.json (and the macOS profile\'s policies) validate against policies-schema.json, every policy known', () => {
    const schema = firefoxSchema();
    const validate = newAjv().compile(schema);
    const known = Object.keys(schema.properties as object);
    const { policies } = jsonOf(files, 'firefox/policies.json') as { policies: Record<string, unknown> };
    const profile = plist.parse(text(files.get('macos/aup-guard-firefox.mobileconfig'))) as { PayloadContent: { PayloadContent: Record<string, { Forced: { mcx_preference_settings: Record<string, unknown> }[] }> }[] };
    const { EnterprisePoliciesEnabled: _e, ...macPolicies } = profile.PayloadContent[0]!.PayloadContent[MAC_DOMAINS.firefox]!.Forced[0]!.mcx_preference_settings;
    for (const [where, p] of [['policies.json', policies], ['mobileconfig', macPolicies]] as const) {
      expect(validate(p), `${where}: ${JSON.stringify(validate.errors)}`).toBe(true);
      for (const name of Object.keys(p)) expect(known, `${where}: ${name}`).toContain(name);
    }
    // The validator is live: a wrong type and an unknown mode are refused.
    expect(validate({ ...policies, PrivateBrowsingModeAvailability: 'off' })).toBe(false);
    expect(validate({ ExtensionSettings: { x: { installation_mode: 'sometimes' } } })).toBe(false);
  });

  it('Chrome, Chromium and Edge policies validate against each policy\'s schema from its Chromium YAML (or its documented shape)', () => {
    const ajv = newAjv();
    const checked: string[] = [];
    for (const [browser, path] of [['chrome', LINUX_POLICY_FILES.chrome], ['chrome', LINUX_POLICY_FILES.chromium], ['edge', LINUX_POLICY_FILES.edge]] as const) {
      const { '3rdparty': _t, ...policies } = jsonOf(files, path);
      for (const [name, value] of Object.entries(policies)) {
        const definition = chromiumDefinition(name);
        const documented = DOCUMENTED[name];
        if (browser === 'edge') expect(CHROME_ONLY, `Edge has its own name for ${name}`).not.toContain(name);
        if (definition && !(browser === 'edge' && documented)) {
          expect(definition.supported_on?.some((s) => s.startsWith('chrome.*')), `${name} is a desktop policy`).toBe(true);
          expect(definition.deprecated ?? false, `${name} is not deprecated`).toBe(false);
          expect(ajv.validate(definition.schema, value), `${path}: ${name} ${JSON.stringify(ajv.errors)}`).toBe(true);
        } else {
          expect(documented?.browsers, `${path}: ${name} has no upstream definition and no documented shape`).toContain(browser);
          expect(ajv.validate(documented!.schema, value), `${path}: ${name}`).toBe(true);
        }
        checked.push(name);
      }
    }
    expect(new Set(checked).size).toBeGreaterThanOrEqual(11);
    // The validator is live.
    expect(ajv.validate(chromiumDefinition('IncognitoModeAvailability')!.schema, 3)).toBe(false);
  });
});
