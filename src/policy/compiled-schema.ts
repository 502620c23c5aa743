import { z } from 'zod';
import { ModeActions } from './actions.ts';
import { Id } from './ids.ts';
import { CompiledSchedule } from '../schedule/schema.ts';

/**
 * The policy as it travels inside a signed bundle and as the extension stores it: every
 * cross-reference resolved, every group listing an action for every category.
 */

export const COMPILED_POLICY_VERSION = 1;

export const CompiledCategory = z.strictObject({
  id: Id,
  title: z.string(),
  clause: z.string(),
  description: z.string().nullable(),
  /** See `CategorySource.sensitive`; bundles built before it existed read as not sensitive. */
  sensitive: z.boolean().default(false),
});
export type CompiledCategory = z.infer<typeof CompiledCategory>;

export const CompiledGroup = z.strictObject({
  id: Id,
  title: z.string(),
  description: z.string().nullable(),
  schedule: Id,
  /** See `GroupSource.acceptance`; bundles built before it existed read as `required` (the protective side). */
  acceptance: z.enum(['required', 'not-required']).default('required'),
  actions: z.record(Id, ModeActions),
});
export type CompiledGroup = z.infer<typeof CompiledGroup>;

export const CompiledExemption = z.strictObject({
  id: Id,
  reason: z.string(),
  hosts: z.array(z.string()),
  /** null = every group */
  groups: z.array(Id).nullable(),
});
export type CompiledExemption = z.infer<typeof CompiledExemption>;

export const CompiledPolicy = z.strictObject({
  version: z.literal(COMPILED_POLICY_VERSION),
  council: z.strictObject({ name: z.string() }),
  aup: z.strictObject({ title: z.string(), version: z.string(), url: z.string(), summary: z.string() }),
  help: z.strictObject({
    helpdesk: z.strictObject({
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      url: z.string().nullable(),
    }),
    inadvertentAccess: z.string(),
  }),
  reports: z.strictObject({ endpoint: z.string().nullable() }),
  /** Order matters: a category's index here is its number in the host matcher. */
  categories: z.array(CompiledCategory).max(255),
  schedules: z.record(Id, CompiledSchedule),
  groups: z.array(CompiledGroup).min(1),
  defaultGroup: Id,
  /** Used by a managed device that names no group: fail towards protection. */
  strictestGroup: Id,
  exemptions: z.array(CompiledExemption),
});
export type CompiledPolicy = z.infer<typeof CompiledPolicy>;
