import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DeviceConfig } from '../src/config/device-config.ts';
import { DEVELOPMENT_POLICY_URL, DEVELOPMENT_PUBLIC_KEY_FILE, DEVELOPMENT_REPORT_ENDPOINT } from '../src/config/development-build.ts';

/**
 * What a build of the extension trusts before ICT's settings arrive: the policy URL and public
 * keys it embeds as defaults. They are explicit build inputs, never guessed:
 *
 *  - release (the default: `npm run build`): nothing, unless ICT gives `AUP_POLICY_URL` and
 *    `AUP_TRUSTED_KEYS` (comma-separated base64 keys) — checked here as the extension checks
 *    them. Without them a device applies the built-in baseline as the strictest group and says
 *    "Not configured by ICT" until its managed settings arrive.
 *  - development (`AUP_BUILD_PROFILE=development`, what `npm start` builds and serves): the local
 *    server of `npm start` and the development key in tests/fixtures/keys/, whose private half
 *    is in the repository, and `npm start`'s report server with the report token it shares with
 *    that server (`AUP_DEV_REPORT_TOKEN`). Its pages say it is a development build; it must
 *    never reach a council device.
 */
export type BuildProfile = 'development' | 'release';
export type BuildDefaults = { policyUrl: string; trustedKeys: string[]; reportEndpoint?: string; reportToken?: string };
export type BuildInputs = { profile: BuildProfile; defaults: BuildDefaults | null };

export { DEVELOPMENT_POLICY_URL, DEVELOPMENT_PUBLIC_KEY_FILE, DEVELOPMENT_REPORT_ENDPOINT };

/** Variables older builds read: refused, so a pipeline still setting them learns what changed. */
const RETIRED = ['AUP_DEFAULT_POLICY_URL', 'AUP_DEFAULT_TRUSTED_KEY'];

export function buildInputs(root: string, env: Record<string, string | undefined> = process.env): BuildInputs {
  const retired = RETIRED.filter((name) => env[name] !== undefined);
  if (retired.length > 0) {
    throw new Error(`${retired.join(' and ')} no longer exist: give AUP_POLICY_URL and AUP_TRUSTED_KEYS (a release build), or AUP_BUILD_PROFILE=development`);
  }
  const profile = env.AUP_BUILD_PROFILE ?? 'release';
  if (profile === 'development') {
    const devKey = readFileSync(resolve(root, DEVELOPMENT_PUBLIC_KEY_FILE), 'utf8').trim();
    const reportToken = env.AUP_DEV_REPORT_TOKEN?.trim();
    if (reportToken !== undefined && DeviceConfig.shape.reportToken.safeParse(reportToken).error) throw new Error('AUP_DEV_REPORT_TOKEN is not a usable report token');
    return {
      profile,
      defaults: { policyUrl: DEVELOPMENT_POLICY_URL, trustedKeys: [devKey], reportEndpoint: DEVELOPMENT_REPORT_ENDPOINT, ...(reportToken ? { reportToken } : {}) },
    };
  }
  if (profile !== 'release') throw new Error(`AUP_BUILD_PROFILE must be "development" or "release", not "${profile}"`);
  const policyUrl = env.AUP_POLICY_URL?.trim();
  const trustedKeys = (env.AUP_TRUSTED_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  if (!policyUrl && trustedKeys.length === 0) return { profile, defaults: null };
  if (!policyUrl || trustedKeys.length === 0) throw new Error('a release build takes AUP_POLICY_URL and AUP_TRUSTED_KEYS together, or neither');
  // Checked as the extension will check them: a bad value must stop the build, not the worker.
  const checked = DeviceConfig.pick({ policyUrl: true, trustedKeys: true }).safeParse({ policyUrl, trustedKeys });
  if (!checked.success) {
    throw new Error(`release build inputs: ${checked.error.issues.map((i) => `${i.path[0] === 'policyUrl' ? 'AUP_POLICY_URL' : 'AUP_TRUSTED_KEYS'}: ${i.message}`).join('; ')}`);
  }
  return { profile, defaults: checked.data };
}
