import { z } from 'zod';

/**
 * What ICT configures on a device: by enterprise policy (`storage.managed`: Chrome/Edge through
 * public/managed_schema.json, Firefox through policies.json `3rdparty`), or on the options page of
 * an unmanaged (development) install. Keep public/managed_schema.json in step with this schema.
 */

/**
 * https everywhere; plain http only for this machine and for the reserved `.test` names
 * (RFC 6761: they never resolve on the internet), which development and the tests use.
 */
const PolicyUrl = z
  .url({ protocol: /^https?$/ })
  .refine((u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]|[a-z0-9.-]+\.test)(:\d+)?\//i.test(u), {
    message: 'must be an https URL (http only for 127.0.0.1, localhost or a .test name)',
  });

export const DeviceConfig = z.strictObject({
  /** URL of the bundle's manifest.json; chunks are fetched beside it. */
  policyUrl: PolicyUrl,
  /** Ed25519 public keys (32 bytes, base64) whose signatures the device accepts. */
  trustedKeys: z.array(z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be a base64 Ed25519 public key')).min(1).max(8),
  /** The policy group of this device's users; a managed device without one gets the strictest group. */
  group: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/).optional(),
  /** Who uses the device, when ICT chooses to send it with reports (e.g. an employee number). */
  userIdentity: z.string().min(1).max(200).optional(),
  /** Where reports go; the policy's endpoint when absent. */
  reportEndpoint: PolicyUrl.optional(),
  reportToken: z.string().min(1).max(500).optional(),
  /** Minutes between policy checks. */
  refreshMinutes: z.number().int().min(5).max(1440).default(60),
});
export type DeviceConfig = z.infer<typeof DeviceConfig>;

/** `pending`: the browser has not yet said whether ICT manages this device (first seconds after install). */
export type ConfigSource = 'managed' | 'pending' | 'local' | 'default';
export type EffectiveConfig = { source: ConfigSource; config: DeviceConfig; problems: string[] };

/** Whether decisions treat the device as managed (a pending answer counts: fail towards protection). */
export function treatAsManaged(source: ConfigSource): boolean {
  return source === 'managed' || source === 'pending';
}

/**
 * Choose the configuration in force. Managed values win whenever ICT has set any; an invalid
 * managed configuration is reported, never silently replaced by a weaker local one: the
 * device keeps enforcing its last good bundle (or the baseline) and says why.
 */
export function effectiveConfig(managed: unknown, local: unknown, defaults: DeviceConfig): EffectiveConfig {
  if (managed === null) {
    // Not known yet: take the local settings for where to fetch, but decide as a managed device
    // would (a device without a group gets the strictest group) until the answer comes.
    const settled = effectiveConfig({}, local, defaults);
    return { ...settled, source: 'pending' };
  }
  const hasManaged = !!managed && typeof managed === 'object' && Object.keys(managed).length > 0;
  if (hasManaged) {
    const parsed = DeviceConfig.safeParse(managed);
    if (parsed.success) return { source: 'managed', config: parsed.data, problems: [] };
    const problems = parsed.error.issues.map((i) => `managed ${i.path.join('.') || 'config'}: ${i.message}`);
    // Keep what is valid (e.g. the group) so protection does not drop to the default group.
    const groupField = DeviceConfig.shape.group.safeParse((managed as { group?: unknown }).group);
    const group = groupField.success ? groupField.data : undefined;
    return { source: 'managed', config: { ...defaults, ...(group ? { group } : {}), policyUrl: defaults.policyUrl }, problems };
  }
  if (local) {
    const parsed = DeviceConfig.safeParse(local);
    if (parsed.success) return { source: 'local', config: parsed.data, problems: [] };
    return { source: 'default', config: defaults, problems: parsed.error.issues.map((i) => `settings ${i.path.join('.')}: ${i.message}`) };
  }
  return { source: 'default', config: defaults, problems: [] };
}
