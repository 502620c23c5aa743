import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DEVELOPMENT_POLICY_URL, DEVELOPMENT_REPORT_ENDPOINT, buildInputs } from '../../scripts/build-inputs.ts';

const ROOT = join(import.meta.dirname, '../..');
const KEY = 'pX7JHzmhs4+7VWc+LSUmFGw2+6Q7m033jts3q2rvrBc=';

describe('what a build trusts before ICT\'s settings arrive', () => {
  it('a release build (the default) trusts nothing unless ICT gives its URL and keys', () => {
    expect(buildInputs(ROOT, {})).toEqual({ profile: 'release', defaults: null });
    expect(buildInputs(ROOT, { AUP_POLICY_URL: 'https://aup.council.gov.uk/policy/manifest.json', AUP_TRUSTED_KEYS: ` ${KEY} ` }))
      .toEqual({ profile: 'release', defaults: { policyUrl: 'https://aup.council.gov.uk/policy/manifest.json', trustedKeys: [KEY] } });
  });

  it('refuses half, or wrong, release inputs at build time rather than shipping a worker that cannot start', () => {
    expect(() => buildInputs(ROOT, { AUP_POLICY_URL: 'https://aup.council.gov.uk/m.json' })).toThrow(/together, or neither/);
    expect(() => buildInputs(ROOT, { AUP_POLICY_URL: 'http://aup.council.gov.uk/m.json', AUP_TRUSTED_KEYS: KEY })).toThrow(/AUP_POLICY_URL/);
    expect(() => buildInputs(ROOT, { AUP_POLICY_URL: 'https://aup.council.gov.uk/m.json', AUP_TRUSTED_KEYS: 'not-a-key' })).toThrow(/AUP_TRUSTED_KEYS/);
  });

  it('uses the development server and key only when asked for a development build', () => {
    const dev = buildInputs(ROOT, { AUP_BUILD_PROFILE: 'development' });
    expect(dev.profile).toBe('development');
    expect(dev.defaults?.policyUrl).toBe(DEVELOPMENT_POLICY_URL);
    expect(dev.defaults?.trustedKeys).toHaveLength(1);
    // Reports go to npm start's aup serve, with the token npm start gives both (none: not sent yet).
    expect(dev.defaults?.reportEndpoint).toBe(DEVELOPMENT_REPORT_ENDPOINT);
    expect(dev.defaults?.reportToken).toBeUndefined();
    expect(buildInputs(ROOT, { AUP_BUILD_PROFILE: 'development', AUP_DEV_REPORT_TOKEN: 'shared-dev-token-0123' }).defaults?.reportToken).toBe('shared-dev-token-0123');
    expect(() => buildInputs(ROOT, { AUP_BUILD_PROFILE: 'development', AUP_DEV_REPORT_TOKEN: '' })).toThrow(/AUP_DEV_REPORT_TOKEN/);
    // A release build never carries a report address or token of its own.
    expect(buildInputs(ROOT, { AUP_DEV_REPORT_TOKEN: 'shared-dev-token-0123' }).defaults).toBeNull();
  });

  it('refuses the variables of older builds and unknown profiles', () => {
    expect(() => buildInputs(ROOT, { AUP_DEFAULT_TRUSTED_KEY: KEY })).toThrow(/no longer exist/);
    expect(() => buildInputs(ROOT, { AUP_BUILD_PROFILE: 'prod' })).toThrow(/development" or "release/);
  });
});
