import { z } from 'zod';
import { ModeActions } from './actions.ts';
import { Id } from './ids.ts';
import { ApprovedSourceSource, DownloadRule, FileTypesSource, SafeSearchSource } from './downloads-schema.ts';
import { ScheduleSource } from '../schedule/schema.ts';
import { TranslatableText } from './policy-text.ts';

/**
 * rules/policy.yaml as ICT writes it (schema version 1). Documented for ICT in rules/README.md;
 * keep the two in step. Cross-references (a group naming an unknown category, …) are checked
 * when the policy is compiled, with messages that name the path.
 */

export const POLICY_SOURCE_VERSION = 1;

const Text = z.string().trim().min(1);
/** A text people read: English, or `{ en: …, cy: … }` with its Welsh (src/policy/policy-text.ts). */
const Words = TranslatableText();
const HttpsUrl = z.url({ protocol: /^https?$/ });

export const CategorySource = z.strictObject({
  title: Words,
  /** The AUP clause this category enforces, shown on the block page. */
  clause: Words,
  description: Words.optional(),
  /** List file in rules/categories without `.txt`; defaults to the category id. */
  list: Id.optional(),
  /**
   * Material that may be unlawful to pass on (IWF guidance): a report's copy for the line manager
   * then carries the date, time and category but never the address, and the ICT inbox offers the
   * IWF's reporting link.
   */
  sensitive: z.boolean().default(false),
});

/** An action set is a name for a {work, break, personal} triple; groups refer to it. */
export const CategoryRule = z.union([Id, ModeActions]);

export const GroupSource = z.strictObject({
  title: Words,
  description: Words.optional(),
  /** The group used when a device names no group and is not managed. Exactly one group has it. */
  default: z.boolean().optional(),
  schedule: Id,
  /**
   * Whether people in this group must accept the AUP (its `aup.version`) before they browse.
   * Every council AUP asks for it, so it is the default; `not-required` is for kiosks and the like.
   */
  acceptance: z.enum(['required', 'not-required']).default('required'),
  /** Category → action set name or explicit triple. A category not named here is allowed. */
  categories: z.record(Id, CategoryRule),
  /** File-type class → action or per-mode actions; a class not named gets its `default`. */
  downloads: z.record(Id, DownloadRule).default({}),
  /** Safe search per engine; absent: every engine safe, YouTube moderate. */
  safeSearch: SafeSearchSource.prefault({}),
});

export const ExemptionSource = z.strictObject({
  id: Id,
  reason: Text,
  hosts: z.array(z.string().min(1)).min(1),
  /** Groups the exemption applies to; all groups when absent. */
  groups: z.array(Id).optional(),
});

export const PolicySource = z.strictObject({
  schemaVersion: z.literal(POLICY_SOURCE_VERSION),
  council: z.strictObject({ name: Words }),
  release: z
    .strictObject({
      serial: z.number().int().positive(),
      /** How long a bundle stays valid after it is issued; a device holding an expired one keeps enforcing it but says so. */
      validDays: z.number().int().min(1).max(366).default(30),
    }),
  aup: z.strictObject({ title: Words, version: Text, url: HttpsUrl, summary: Words }),
  help: z.strictObject({
    helpdesk: z.strictObject({ name: Words, email: z.email().optional(), phone: Text.optional(), url: HttpsUrl.optional() }),
    /** What staff must do after reaching a site by accident (the AUP's words). */
    inadvertentAccess: Words,
  }),
  reports: z.strictObject({ endpoint: HttpsUrl.nullable() }),
  /**
   * How long a device keeps its record of policy events (warn-page continues, breaks) before
   * deleting them. Absent: the extension's default (DEFAULT_EVENT_RETENTION_DAYS, 90 days).
   */
  retention: z.strictObject({ eventDays: z.number().int().min(1).max(3650) }).optional(),
  categories: z.record(Id, CategorySource),
  actionSets: z.record(Id, ModeActions),
  schedules: z.record(Id, ScheduleSource),
  groups: z.record(Id, GroupSource),
  exemptions: z.array(ExemptionSource).default([]),
  /** rules/file-types.yaml, placed here by the loader (src/rules/load-rules.ts); absent: no file-type classes. */
  fileTypes: FileTypesSource.optional(),
  /** Hosts whose downloads are never touched, each with ICT's reason. */
  approvedDownloadSources: z.array(ApprovedSourceSource).default([]),
});
export type PolicySource = z.infer<typeof PolicySource>;
