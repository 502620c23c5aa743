import { z } from 'zod';
import { configProblem, type ConfigProblem } from './config-problems.ts';

/**
 * What ICT configures on a device: by enterprise policy (`storage.managed`: Chrome/Edge through
 * public/managed_schema.json, Firefox through policies.json `3rdparty`), or on the options page of
 * an unmanaged (development) install. This schema is the one source: public/managed_schema.json
 * is generated from it (`npm run managed-schema`, src/deploy/managed-schema.ts), with the titles
 * and descriptions below, which ICT reads in Group Policy, Intune and chrome://policy.
 */

/**
 * https everywhere; plain http only for this machine and for the reserved `.test` names
 * (RFC 6761: they never resolve on the internet), which development and the tests use.
 * A plain pattern (no lookaround, no flags) so that Chrome's RE2 can check it too.
 */
export const POLICY_URL_PATTERN = new RegExp('^(https://|http://(127\\.0\\.0\\.1|localhost|\\[::1\\]|[a-zA-Z0-9.-]+\\.test)(:[0-9]+)?/)');
const POLICY_URL_RULE = 'must be an https URL (http only for 127.0.0.1, localhost or a .test name)';
const policyUrl = () => z.url({ protocol: /^https?$/ }).regex(POLICY_URL_PATTERN, POLICY_URL_RULE);

/**
 * Who uses the device (e.g. an employee number), as ICT sets it. No control characters: it is
 * written into emails, CSV and registry files, where a line break could forge a line.
 */
// The control characters are the point of this pattern (written so Chrome's RE2 reads it too).
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\x00-\x1f\x7f]*$/;
export const UserIdentity = z.string().min(1).max(200).regex(NO_CONTROL, 'must not contain control characters such as line breaks');

export const DeviceConfig = z.strictObject({
  /** URL of the bundle's manifest.json; chunks are fetched beside it. */
  policyUrl: policyUrl().meta({
    title: 'Policy bundle URL',
    description: 'HTTPS address of the signed policy bundle\'s manifest.json, as published by ICT. Required.',
  }),
  /** Ed25519 public keys (32 bytes, base64) whose signatures the device accepts. */
  trustedKeys: z
    .array(z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be a base64 Ed25519 public key').meta({ title: 'Public key', description: 'One key from aup keygen (the *.public.txt file).' }))
    .min(1)
    .max(8)
    .meta({
      title: 'Trusted signing keys',
      description: 'Public keys (base64, from aup keygen) whose signatures this device accepts: 1 to 8. To change keys, add the new one, publish with it, then remove the old one. Required.',
    }),
  /** The policy group of this device's users; a managed device without one gets the strictest group. */
  group: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/).optional().meta({
    title: 'Policy group',
    description: 'The policy group of this device\'s users, as named in the policy (for example office, childrens-homes or open-access). Without it, or with a group the policy does not have, the strictest group applies.',
  }),
  /** Who uses the device, when ICT chooses to send it with reports (e.g. an employee number). */
  userIdentity: UserIdentity.optional().meta({
    title: 'User identity',
    description: 'Optional. Sent with reports and AUP acceptances so ICT knows who made them, for example an employee number (up to 200 characters).',
  }),
  /** The line manager who is copied on this device's reports, when ICT presets it (the person cannot change it then). */
  lineManagerEmail: z.email().max(254).optional().meta({
    title: 'Line manager\'s email',
    description: 'Optional. The line manager copied on this device\'s reports of accidental access; when set here, the person cannot change it.',
  }),
  /** Where reports go; the policy's endpoint when absent. */
  reportEndpoint: policyUrl().optional().meta({
    title: 'Report endpoint',
    description: 'Optional. HTTPS address that receives reports (aup serve: https://<host>/api/reports). Without it, the endpoint named in the policy is used.',
  }),
  reportToken: z.string().min(1).max(500).regex(NO_CONTROL, 'must not contain control characters such as line breaks').optional().meta({
    title: 'Report token',
    description: 'Optional. The bearer token sent with reports: the same token as in aup serve\'s --report-token-file.',
    // Chrome masks it on chrome://policy and in its policy exports.
    sensitiveValue: true,
  }),
  /** What the fleet page calls this device, when ICT names it (sent with each check-in; never an address). */
  deviceName: z.string().min(1).max(100).regex(NO_CONTROL, 'must not contain control characters such as line breaks')
    // Not a pattern: Chrome's RE2 has no lookahead. The check-in contract refuses '://' too.
    .refine((name) => !name.includes('://'), 'must not contain an address (://)').optional().meta({
      title: 'Device name',
      description: 'Optional. The name ICT knows this device by (for example an asset tag, up to 100 characters): shown on the fleet page of aup serve beside its check-ins.',
    }),
  /** Hours between check-ins when nothing else prompts one (start, a new bundle or sync error do). */
  checkinHours: z.number().int().min(1).max(24).default(6).meta({
    title: 'Check-in interval (hours)',
    description: 'Optional. How often the device sends ICT its protection status (policy in force, findings) when nothing has changed: 1 to 24 hours (default 6).',
  }),
  /** Minutes between policy checks. */
  refreshMinutes: z.number().int().min(5).max(1440).default(60).meta({
    title: 'Policy check interval (minutes)',
    description: 'Optional. How often the device checks for a new policy bundle: 5 to 1440 minutes (default 60).',
  }),
});
export type DeviceConfig = z.infer<typeof DeviceConfig>;

/**
 * `pending`: the browser has not yet said whether ICT manages this device (first seconds after
 * install); `unconfigured`: a release build with no settings from anyone — nothing is fetched.
 */
export type ConfigSource = 'managed' | 'pending' | 'local' | 'default' | 'unconfigured';
export const CONFIG_SOURCES = ['managed', 'pending', 'local', 'default', 'unconfigured'] as const satisfies readonly ConfigSource[];

/**
 * Stands in where no configuration exists, so the rest of the code has a shape to read; it is
 * never fetched from (`.invalid` never resolves, RFC 2606), because it always comes with a problem.
 */
const UNCONFIGURED: DeviceConfig = { policyUrl: 'https://not-configured.invalid/manifest.json', trustedKeys: [], refreshMinutes: 60, checkinHours: 6 };
/**
 * `problems` stop policy checks (there is no trustworthy place to fetch from); `notices` are
 * reported and the value concerned ignored (an unknown or out-of-range managed setting). Both are
 * codes (src/config/config-problems.ts): pages word them in their language.
 */
export type EffectiveConfig = { source: ConfigSource; config: DeviceConfig; problems: ConfigProblem[]; notices: ConfigProblem[]; fields?: ManagedField[] };

/**
 * One managed setting as it arrived, for the options page: received and valid, refused (and why), not set
 * by ICT, or a key this version does not know. Never the value itself (the report token is a secret).
 */
/**
 * `message` is zod's English (for support staff); `issue` its code (`invalid_type`, `too_big`…),
 * which the options page puts in its own language.
 */
export type ManagedField = { key: string; state: 'valid' | 'invalid' | 'not-set' | 'unknown'; required: boolean; message: string | null; issue?: string | null };

export function managedFields(managed: Record<string, unknown>): ManagedField[] {
  const shape = DeviceConfig.shape as Record<string, z.ZodType>;
  const known = Object.keys(shape).map((key): ManagedField => {
    const required = (REQUIRED as readonly string[]).includes(key);
    if (!(key in managed)) return { key, state: 'not-set', required, message: null };
    const parsed = shape[key]!.safeParse(managed[key]);
    if (parsed.success) return { key, state: 'valid', required, message: null };
    const first = parsed.error.issues[0];
    const issue = issueCode(first);
    return { key, state: 'invalid', required, message: first?.message ?? 'invalid', issue };
  });
  const unknown = Object.keys(managed).filter((key) => !(key in shape)).map((key): ManagedField => ({ key, state: 'unknown', required: false, message: null }));
  return [...known, ...unknown];
}

/** zod's issue code; the policy address's own rule has its own words. Pages word each in their language. */
export function issueCode(issue: { code: string; message: string } | undefined): string | null {
  if (!issue) return null;
  return issue.message === POLICY_URL_RULE ? 'policy-url-rule' : issue.code;
}

/** Whether decisions treat the device as managed (a pending answer counts: fail towards protection). */
export function treatAsManaged(source: ConfigSource): boolean {
  return source === 'managed' || source === 'pending' || source === 'unconfigured';
}

/** What the browser says about how the extension was installed. */
export type InstallFacts = { byPolicy: boolean };

const REQUIRED = ['policyUrl', 'trustedKeys'] as const;

/**
 * ICT's values, field by field: a required field that is missing or invalid is a problem (no
 * policy check until ICT fixes it); an optional one that is invalid, or a key this version does
 * not know, is a notice and is ignored, so one typo does not stop the device from updating.
 */
function parseManaged(managed: Record<string, unknown>, defaults: DeviceConfig | null): { config: DeviceConfig; problems: ConfigProblem[]; notices: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const notices: ConfigProblem[] = [];
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(managed)) {
    const field = (DeviceConfig.shape as Record<string, z.ZodType | undefined>)[key];
    if (!field) {
      notices.push(configProblem('managed-unknown', { key }));
      continue;
    }
    const parsed = field.safeParse(value);
    if (parsed.success) {
      kept[key] = parsed.data;
      continue;
    }
    const first = parsed.error.issues[0];
    const required = (REQUIRED as readonly string[]).includes(key);
    (required ? problems : notices).push(configProblem('managed-invalid', { key, required, issue: issueCode(first), detail: first?.message ?? null }));
  }
  for (const key of REQUIRED) if (!(key in managed)) problems.push(configProblem('managed-missing', { key, required: true }));
  if (problems.length > 0) {
    // Keep ICT's valid values (the group, so protection does not drop to the default group; who
    // reports go to), and nothing built in that ICT did not give: no development report address.
    const { reportEndpoint: _e, reportToken: _t, ...base } = defaults ?? UNCONFIGURED;
    const { policyUrl: _p, trustedKeys: _k, ...valid } = kept;
    return { config: { ...base, ...valid } as DeviceConfig, problems, notices };
  }
  return { config: DeviceConfig.parse(kept), problems, notices };
}

/**
 * Choose the configuration in force. Managed values win whenever ICT has set any; an invalid
 * managed configuration is reported, never silently replaced by a weaker local one: the
 * device keeps enforcing its last good bundle (or the baseline) and says why.
 *
 * An extension installed by enterprise policy is managed whatever its managed storage says:
 * until ICT's settings arrive it decides as the strictest group and fetches from nowhere — the
 * built-in defaults (a development server and key, in a development build) are never trusted
 * on such a device.
 */
export function effectiveConfig(managed: unknown, local: unknown, defaults: DeviceConfig | null, install: InstallFacts = { byPolicy: false }): EffectiveConfig {
  const hasManaged = !!managed && typeof managed === 'object' && Object.keys(managed).length > 0;
  if (hasManaged) {
    const { config, problems, notices } = parseManaged(managed as Record<string, unknown>, defaults);
    return { source: 'managed', config, problems, notices, fields: managedFields(managed as Record<string, unknown>) };
  }
  if (install.byPolicy) {
    // Nothing built in is trusted here: no group, and no report address or token of a development build.
    const { group: _g, reportEndpoint: _e, reportToken: _t, ...withoutGroup } = defaults ?? UNCONFIGURED;
    return { source: managed === null ? 'pending' : 'managed', config: withoutGroup, problems: [configProblem(managed === null ? 'managed-waiting' : 'managed-none')], notices: [] };
  }
  if (managed === null) {
    // Not known yet: take the local settings for where to fetch, but decide as a managed device
    // would (a device without a group gets the strictest group) until the answer comes.
    const settled = effectiveConfig({}, local, defaults);
    return { ...settled, source: 'pending' };
  }
  let problems: ConfigProblem[] = [];
  if (local) {
    const parsed = DeviceConfig.safeParse(local);
    if (parsed.success) return { source: 'local', config: parsed.data, problems: [], notices: [] };
    problems = parsed.error.issues.map((i) => configProblem('local-invalid', { key: i.path.map(String).join('.'), issue: issueCode(i), detail: i.message }));
  }
  if (!defaults) return { source: 'unconfigured', config: UNCONFIGURED, problems: [...problems, configProblem('not-configured')], notices: [] };
  return { source: 'default', config: defaults, problems, notices: [] };
}
