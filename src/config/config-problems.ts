import { z } from 'zod';

/*
 * What is wrong with the device's settings, as a code and its parameters (never a sentence): the
 * options page and the popup say it in their own language through the locale files
 * (`settingsProblem…` keys), so a Welsh page is never handed English. `configProblemText` gives
 * the English for support staff (the status's technical message, the policy check's error).
 */

export const CONFIG_PROBLEM_CODES = [
  // ICT's managed settings.
  'managed-unknown', // a key this version does not know: ignored
  'managed-invalid', // a value refused (required: no policy check; optional: ignored)
  'managed-missing', // a required setting ICT did not give
  'managed-waiting', // installed by policy, the browser has not answered yet
  'managed-none', // installed by policy, ICT has sent nothing
  'not-configured', // a release build nobody configured
  // Settings typed on the options page of an unmanaged install.
  'local-invalid',
  'local-unreadable',
] as const;
export const ConfigProblemCode = z.enum(CONFIG_PROBLEM_CODES);
export type ConfigProblemCode = z.infer<typeof ConfigProblemCode>;

export const ConfigProblem = z.object({
  code: ConfigProblemCode,
  /** The setting concerned (a DeviceConfig key, or a path such as `trustedKeys.0`). */
  key: z.string().max(200).nullable().default(null),
  /** zod's issue code (`invalid_type`, `too_big`…, or `policy-url-rule`), which a page words in its language. */
  issue: z.string().max(100).nullable().default(null),
  /** A refused required setting stops policy checks; a refused optional one is only ignored. */
  required: z.boolean().default(false),
  /** zod's (or the storage record's) English, for support staff. */
  detail: z.string().max(300).nullable().default(null),
});
export type ConfigProblem = z.infer<typeof ConfigProblem>;

export function configProblem(code: ConfigProblemCode, fields: Partial<Omit<ConfigProblem, 'code'>> = {}): ConfigProblem {
  return { code, key: fields.key ?? null, issue: fields.issue ?? null, required: fields.required ?? false, detail: fields.detail ?? null };
}

/** The English for support staff and records (pages use the locale files instead). */
export function configProblemText(p: ConfigProblem): string {
  const detail = p.detail ?? 'invalid';
  switch (p.code) {
    case 'managed-unknown': return `managed ${p.key}: not a setting AUP Guard knows; ignored`;
    case 'managed-invalid': return p.required ? `managed ${p.key}: ${detail}` : `managed ${p.key}: ${detail}; ignored`;
    case 'managed-missing': return `managed ${p.key}: not set by ICT`;
    case 'managed-waiting': return 'AUP Guard is waiting for ICT\'s settings: no policy is fetched until they arrive';
    case 'managed-none': return 'ICT has not sent this device its settings: no policy is fetched until they arrive';
    case 'not-configured': return 'not configured by ICT: no policy is fetched and the built-in rules apply';
    case 'local-invalid': return `settings ${p.key ?? ''}: ${detail}`;
    case 'local-unreadable': return `settings: ${detail}`;
  }
}
