import { z } from 'zod';
import { ConfigProblem } from '../config/config-problems.ts';
import { CONFIG_SOURCES } from '../config/device-config.ts';
import { StatusReply } from './status.ts';

/** Options page: the configuration in force, to show (managed) or prefill the form (unmanaged). */
export const SettingsRequest = z.object({ type: z.literal('settings/get') });

/** The effective configuration as a page may see it: the report token is a secret, so only whether it is set. */
export const SettingsView = z.object({
  policyUrl: z.string(),
  trustedKeys: z.array(z.string()),
  group: z.string().nullable(),
  refreshMinutes: z.number(),
  userIdentity: z.string().nullable(),
  /** The name ICT gave this device, sent with its check-ins (optional: older workers omit it). */
  deviceName: z.string().nullable().optional(),
  /** Hours between check-ins when nothing changes. */
  checkinHours: z.number().optional(),
  reportEndpoint: z.string().nullable(),
  reportTokenSet: z.boolean(),
});
export type SettingsView = z.infer<typeof SettingsView>;

/** One managed setting as it arrived (src/config/device-config.ts `managedFields`). */
export const ManagedFieldView = z.object({
  key: z.string(),
  state: z.enum(['valid', 'invalid', 'not-set', 'unknown']),
  required: z.boolean(),
  message: z.string().nullable(),
  /** zod's issue code for an invalid value, which the page words in its language (older workers omit it). */
  issue: z.string().nullable().optional(),
});
export type ManagedFieldView = z.infer<typeof ManagedFieldView>;

export const SettingsReply = z.object({
  type: z.literal('settings'),
  /** `pending`: the browser has not yet said whether ICT manages this device (first seconds after install). */
  source: z.enum(CONFIG_SOURCES),
  managed: z.boolean(),
  config: SettingsView,
  /** What is wrong with the settings (problems and ignored values), as codes the page words in its language. */
  problems: z.array(ConfigProblem),
  /** Managed devices: each setting ICT's policy gave, and whether it was taken. */
  fields: z.array(ManagedFieldView).optional(),
});
export type SettingsReply = z.infer<typeof SettingsReply>;

/**
 * Options page of an unmanaged install: store these settings (storage.local `aup.localConfig`).
 * The shape is checked here; the worker validates the content with `DeviceConfig` and answers
 * with the problems, so a bad value gets a reply rather than silence.
 */
export const SettingsSaveRequest = z.object({
  type: z.literal('settings/save'),
  config: z.record(z.string().max(64), z.unknown()),
});

/** One refused value: where, zod's English (support) and its issue code, which the page words in its language. */
export const SettingsIssue = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string(), issue: z.string().nullable().optional() });
export type SettingsIssue = z.infer<typeof SettingsIssue>;

export const SettingsSaveReply = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('settings/save'), ok: z.literal(true), status: StatusReply }),
  z.object({
    type: z.literal('settings/save'),
    ok: z.literal(false),
    /**
     * managed: ICT's settings win and cannot be changed here; pending: not yet known whether ICT
     * manages the device (try again in a few seconds); invalid: see issues; forbidden: not from an extension page.
     */
    reason: z.enum(['managed', 'pending', 'invalid', 'forbidden']),
    issues: z.array(SettingsIssue),
  }),
]);
export type SettingsSaveReply = z.infer<typeof SettingsSaveReply>;
