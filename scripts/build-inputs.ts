import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DeviceConfig } from '../src/config/device-config.ts';

/**
 * What a build of the extension trusts before ICT's managed settings arrive: the policy URL and
 * the public keys it embeds as defaults. They are explicit build inputs, never guessed:
 *
 *  - `AUP_BUILD_PROFILE=development` (the default of `npm run build` and `npm start`): the
 *    local server of `npm start` and the development key in tests/fixtures/keys/ — whose
 *    private half is in the repository, so such a build must never reach a council device;
 *  - `AUP_BUILD_PROFILE=release`: `AUP_POLICY_URL` and `AUP_TRUSTED_KEYS` (comma-separated
 *    base64 SPKI keys) must be given; nothing is taken from the development fixtures.
 */
export type BuildProfile = 'development' | 'release';
export type BuildInputs = { profile: BuildProfile; policyUrl: string; trustedKeys: string[] };

export const DEVELOPMENT_POLICY_URL = 'http://127.0.0.1:8080/policy/manifest.json';
export const DEVELOPMENT_PUBLIC_KEY_FILE = 'tests/fixtures/keys/dev.public.txt';

/** Variables older builds read: refused, so a pipeline still setting them cannot get a development build by mistake. */
const RETIRED = ['AUP_DEFAULT_POLICY_URL', 'AUP_DEFAULT_TRUSTED_KEY'];

export function buildInputs(root: string, env: Record<string, string | undefined> = process.env): BuildInputs {
  const retired = RETIRED.filter((name) => env[name] !== undefined);
  if (retired.length > 0) {
    throw new Error(`${retired.join(' and ')} no longer exist: set AUP_BUILD_PROFILE=release with AUP_POLICY_URL and AUP_TRUSTED_KEYS`);
  }
  const profile = env.AUP_BUILD_PROFILE ?? 'development';
  if (profile === 'development') {
    const devKey = readFileSync(resolve(root, DEVELOPMENT_PUBLIC_KEY_FILE), 'utf8').trim();
    return { profile, policyUrl: DEVELOPMENT_POLICY_URL, trustedKeys: [devKey] };
  }
  if (profile !== 'release') throw new Error(`AUP_BUILD_PROFILE must be "development" or "release", not "${profile}"`);
  const policyUrl = env.AUP_POLICY_URL?.trim();
  const trustedKeys = (env.AUP_TRUSTED_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  if (!policyUrl || trustedKeys.length === 0) {
    throw new Error('a release build needs AUP_POLICY_URL and AUP_TRUSTED_KEYS (ICT\'s policy URL and public signing keys)');
  }
  // Checked as the extension will check them: a bad value must stop the build, not the worker.
  const checked = DeviceConfig.pick({ policyUrl: true, trustedKeys: true }).safeParse({ policyUrl, trustedKeys });
  if (!checked.success) {
    throw new Error(`release build inputs: ${checked.error.issues.map((i) => `${i.path.join('.') === 'policyUrl' ? 'AUP_POLICY_URL' : 'AUP_TRUSTED_KEYS'}: ${i.message}`).join('; ')}`);
  }
  return { profile, ...checked.data };
}
