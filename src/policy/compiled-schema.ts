import { z } from 'zod';
import { ModeActions } from './actions.ts';
import { Id } from './ids.ts';
import { CompiledSchedule } from '../schedule/schema.ts';
import { CompiledDownloads, CompiledSafeSearch, NO_DOWNLOAD_POLICY } from './downloads-schema.ts';
import { CompiledTranslations } from './policy-text.ts';

/**
 * The policy as it travels inside a signed bundle and as the extension stores it: every
 * cross-reference resolved, every group listing an action for every category.
 */

/**
 * The compiled format's version. Raise it when a bundle made by this code would be wrong in the
 * hands of an older extension, and read the older versions below (a device keeps its last
 * bundle across an extension update, and ICT's server may still serve an older one). An older
 * extension refuses a newer bundle outright (`version` is a literal, the objects are strict) and
 * keeps enforcing the bundle it holds: it never half-reads one.
 *   1: categories, groups, schedules, exemptions.
 *   2: + `downloads` and `safeSearch` (a version-1 policy is read as asking nothing of either).
 *   3: + `retention` and `translations` (Welsh texts), both optional. The compiler writes format 3
 *      only when the policy uses one of them, so a policy without them still reaches extensions
 *      that know only format 2; `aup check` warns when a policy needs format 3.
 */
export const COMPILED_POLICY_VERSION = 3;

/** The oldest format the compiler still writes: what a policy without format-3 features is. */
export const BASE_COMPILED_POLICY_VERSION = 2;

/** How long local policy events are kept when the bundle does not say (format 2, or no `retention` in rules/). */
export const DEFAULT_EVENT_RETENTION_DAYS = 90;

export const CompiledRetention = z.strictObject({ eventDays: z.number().int().min(1).max(3650) });

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

const CurrentCompiledPolicy = z.strictObject({
  version: z.union([z.literal(BASE_COMPILED_POLICY_VERSION), z.literal(COMPILED_POLICY_VERSION)]),
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
  // Version 2: downloads (src/downloads) and safe search (src/dnr/safe-search.ts).
  downloads: CompiledDownloads,
  safeSearch: CompiledSafeSearch,
  // Version 3: how long local events are kept, and the Welsh of the policy's texts.
  retention: CompiledRetention.optional(),
  translations: CompiledTranslations.optional(),
}).superRefine((policy, ctx) => {
  // A format-2 bundle cannot carry them: an extension that knows only format 2 would refuse it.
  if (policy.version === BASE_COMPILED_POLICY_VERSION && (policy.retention || policy.translations)) {
    ctx.addIssue({ code: 'custom', path: ['version'], message: 'retention and translations need compiled format 3' });
  }
});

/** A version-1 policy as version 2: it carried no download or safe-search policy, so none is enforced. */
function fromVersion1(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || (raw as { version?: unknown }).version !== 1) return raw;
  // A version-1 policy that already has the new blocks is malformed: left as it is, it fails the literal.
  if ('downloads' in raw || 'safeSearch' in raw) return raw;
  return { ...raw, version: BASE_COMPILED_POLICY_VERSION, downloads: NO_DOWNLOAD_POLICY, safeSearch: {} };
}

export const CompiledPolicy = z.preprocess(fromVersion1, CurrentCompiledPolicy);
export type CompiledPolicy = z.infer<typeof CurrentCompiledPolicy>;

/** How many days local policy events are kept under this policy. */
export function eventRetentionDays(policy: Pick<CompiledPolicy, 'retention'>): number {
  return policy.retention?.eventDays ?? DEFAULT_EVENT_RETENTION_DAYS;
}
