import { describe, expect, it } from 'vitest';
import { configProblemText, type ConfigProblem } from './config-problems.ts';
import { DeviceConfig, effectiveConfig, managedFields, treatAsManaged } from './device-config.ts';

/** The English support staff see (pages word the codes themselves). */
const english = (problems: ConfigProblem[]) => problems.map(configProblemText).join('\n');

const KEY = 'pX7JHzmhs4+7VWc+LSUmFGw2+6Q7m033jts3q2rvrBc=';
const defaults = DeviceConfig.parse({ policyUrl: 'http://127.0.0.1:8080/policy/manifest.json', trustedKeys: [KEY] });
const managed = { policyUrl: 'https://aup.council.gov.uk/policy/manifest.json', trustedKeys: [KEY], group: 'office' };

describe('device configuration', () => {
  it('prefers valid managed configuration', () => {
    expect(effectiveConfig(managed, { ...managed, group: 'open-access' }, defaults)).toMatchObject({ source: 'managed', config: { group: 'office', refreshMinutes: 60 } });
  });

  it('refuses plain http on the internet but allows this machine and .test names', () => {
    expect(DeviceConfig.safeParse({ ...managed, policyUrl: 'http://aup.council.gov.uk/m.json' }).success).toBe(false);
    expect(DeviceConfig.safeParse({ ...managed, policyUrl: 'http://127.0.0.1:9/m.json' }).success).toBe(true);
    expect(DeviceConfig.safeParse({ ...managed, policyUrl: 'http://policy.aup-guard.test:9/m.json' }).success).toBe(true);
    expect(DeviceConfig.safeParse({ ...managed, policyUrl: 'http://evil.test.example.com/m.json' }).success).toBe(false);
  });

  it('reports an invalid managed configuration and keeps its valid group rather than falling back to a weaker local one', () => {
    const result = effectiveConfig({ ...managed, trustedKeys: ['nope'] }, { ...managed, group: 'open-access' }, defaults);
    expect(result.source).toBe('managed');
    expect(english(result.problems)).toMatch(/trustedKeys/);
    expect(result.config.group).toBe('office');
  });

  it('treats a device as managed while the browser has not answered yet', () => {
    const pending = effectiveConfig(null, undefined, defaults);
    expect(pending.source).toBe('pending');
    expect(treatAsManaged(pending.source)).toBe(true);
    expect(treatAsManaged(effectiveConfig({}, undefined, defaults).source)).toBe(false);
  });

  it('treats an extension installed by policy as managed before and without its settings: strictest group, no fetch, local settings ignored', () => {
    for (const answer of [null, {}]) {
      const built = { ...defaults, group: 'open-access', reportEndpoint: 'http://127.0.0.1:8081/api/reports', reportToken: 'development-token-1234' };
      const result = effectiveConfig(answer, { ...managed, group: 'open-access' }, built, { byPolicy: true });
      expect(treatAsManaged(result.source), JSON.stringify(answer)).toBe(true);
      expect(result.config.group, JSON.stringify(answer)).toBeUndefined();
      expect(result.config.reportEndpoint, JSON.stringify(answer)).toBeUndefined();
      expect(result.config.reportToken, JSON.stringify(answer)).toBeUndefined();
      expect(english(result.problems), JSON.stringify(answer)).toMatch(/no policy is fetched/);
    }
    expect(effectiveConfig(managed, undefined, defaults, { byPolicy: true })).toMatchObject({ source: 'managed', problems: [], config: { group: 'office' } });
  });

  it('reports and ignores an unknown or out-of-range optional managed setting, and keeps checking for policies', () => {
    const result = effectiveConfig({ ...managed, refreshMinutes: 0, colour: 'blue' }, undefined, defaults);
    expect(result.problems).toEqual([]);
    expect(english(result.notices)).toMatch(/refreshMinutes/);
    expect(english(result.notices)).toMatch(/colour: not a setting/);
    expect(result.config).toMatchObject({ policyUrl: managed.policyUrl, group: 'office', refreshMinutes: 60 });
  });

  it('stops policy checks when ICT\'s policy URL or keys are missing or invalid', () => {
    expect(english(effectiveConfig({ group: 'office' }, undefined, defaults).problems)).toMatch(/policyUrl: not set by ICT/);
    expect(english(effectiveConfig({ ...managed, policyUrl: 'http://aup.council.gov.uk/m.json' }, undefined, defaults).problems)).toMatch(/policyUrl/);
  });

  it('a release build with no settings from anyone: strictest group, nothing fetched, "not configured by ICT"', () => {
    const result = effectiveConfig({}, undefined, null);
    expect(result.source).toBe('unconfigured');
    expect(treatAsManaged(result.source)).toBe(true);
    expect(english(result.problems)).toMatch(/not configured by ICT/);
    expect(result.config.group).toBeUndefined();
    // An unmanaged install can still be set up on its options page.
    expect(effectiveConfig({}, managed, null)).toMatchObject({ source: 'local', problems: [] });
    expect(effectiveConfig({}, { policyUrl: 'ftp://x' }, null).source).toBe('unconfigured');
  });

  it('uses local settings on an unmanaged install, and defaults when they are invalid', () => {
    expect(effectiveConfig({}, managed, defaults).source).toBe('local');
    const bad = effectiveConfig({}, { policyUrl: 'ftp://x' }, defaults);
    expect(bad.source).toBe('default');
    expect(bad.problems.length).toBeGreaterThan(0);
  });

  it('says, setting by setting, what ICT\'s policy sent and whether it was taken (never the values)', () => {
    const fields = managedFields({ policyUrl: 'http://plain.example.com/m.json', group: 'office', reportToken: 'secret-token-0123', colour: 'blue' });
    const by = Object.fromEntries(fields.map((f) => [f.key, f]));
    expect(by.policyUrl).toMatchObject({ state: 'invalid', required: true });
    expect(by.policyUrl!.message).toMatch(/https/);
    expect(by.policyUrl!.issue, 'the page words it in its own language').toBe('policy-url-rule');
    expect(Object.fromEntries(managedFields({ refreshMinutes: 'often' }).map((f) => [f.key, f])).refreshMinutes).toMatchObject({ state: 'invalid', issue: 'invalid_type' });
    expect(by.trustedKeys).toMatchObject({ state: 'not-set', required: true });
    expect(by.group).toMatchObject({ state: 'valid', required: false });
    expect(by.refreshMinutes).toMatchObject({ state: 'not-set', required: false });
    expect(by.colour).toMatchObject({ state: 'unknown' });
    expect(JSON.stringify(fields)).not.toContain('secret-token');
    expect(effectiveConfig({ policyUrl: 'x' }, undefined, null).fields?.map((f) => f.key)).toContain('policyUrl');
    expect(effectiveConfig({}, undefined, null).fields).toBeUndefined();
  });

  it('with a required managed value broken, keeps ICT\'s valid values and no built-in report address', () => {
    const built = { ...defaults, reportEndpoint: 'http://127.0.0.1:8081/api/reports', reportToken: 'development-token-1234' };
    const result = effectiveConfig({ policyUrl: 'http://plain.example.com/m.json', trustedKeys: defaults.trustedKeys, group: 'office', userIdentity: 'EMP-1', lineManagerEmail: 'm@example.gov.uk' }, undefined, built);
    expect(english(result.problems)).toMatch(/policyUrl/);
    expect(result.config).toMatchObject({ group: 'office', userIdentity: 'EMP-1', lineManagerEmail: 'm@example.gov.uk' });
    expect(result.config.reportEndpoint).toBeUndefined();
    expect(result.config.reportToken).toBeUndefined();
  });

  it('gives every problem as a code with the setting and zod\'s issue code, never a sentence, so pages can word it in Welsh', () => {
    const managedResult = effectiveConfig({ ...managed, policyUrl: 'http://aup.council.gov.uk/m.json', refreshMinutes: 0, colour: 'blue' }, undefined, defaults);
    expect(managedResult.problems).toEqual([{ code: 'managed-invalid', key: 'policyUrl', issue: 'policy-url-rule', required: true, detail: expect.stringMatching(/https/) }]);
    expect(managedResult.notices).toEqual([
      { code: 'managed-invalid', key: 'refreshMinutes', issue: 'too_small', required: false, detail: expect.any(String) },
      { code: 'managed-unknown', key: 'colour', issue: null, required: false, detail: null },
    ]);
    expect(effectiveConfig({ group: 'office' }, undefined, defaults).problems.map((p) => [p.code, p.key])).toEqual([['managed-missing', 'policyUrl'], ['managed-missing', 'trustedKeys']]);
    expect(effectiveConfig(null, undefined, defaults, { byPolicy: true }).problems.map((p) => p.code)).toEqual(['managed-waiting']);
    expect(effectiveConfig({}, undefined, defaults, { byPolicy: true }).problems.map((p) => p.code)).toEqual(['managed-none']);
    const local = effectiveConfig({}, { ...managed, trustedKeys: ['nope'] }, null);
    expect(local.problems.map((p) => [p.code, p.key, p.issue])).toEqual([['local-invalid', 'trustedKeys.0', 'invalid_format'], ['not-configured', null, null]]);
    expect(english(local.problems)).toMatch(/^settings trustedKeys\.0: must be a base64 Ed25519 public key\nnot configured by ICT/);
  });
});
