import { z } from 'zod';
import { ConfigProblem } from '../config/config-problems.ts';
import { CONFIG_SOURCES } from '../config/device-config.ts';
import { SelfBreakStatus } from './breaks.ts';

/** Status of the device's protection (popup, options page), and 'check for a policy now'. */

export const StatusRequest = z.object({ type: z.literal('status/get') });

export const PolicyStatus = z.object({
  serial: z.number().int().nonnegative(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  fetchedAt: z.string().nullable(),
  source: z.enum(['bundle', 'baseline']),
});
export type PolicyStatus = z.infer<typeof PolicyStatus>;

export const StatusReply = z.object({
  type: z.literal('status'),
  version: z.string(),
  managed: z.boolean(),
  group: z.string().nullable(),
  mode: z.enum(['work', 'break', 'personal']).nullable(),
  policy: PolicyStatus.nullable(),
  lastError: z.string().nullable(),
  lastErrorCode: z.string().nullable(),
  /** With lastErrorCode `config`: what is wrong with the settings, as codes the page words in its language (lastError: the English). */
  configProblems: z.array(ConfigProblem).optional(),
  configSource: z.enum(CONFIG_SOURCES),
  /** When the browser's rules last matched the policy, and which bundle they came from (null: baseline). */
  enforcedAt: z.string().nullable().optional(),
  enforcedSerial: z.number().nullable().optional(),
  /** Optional additions (older workers omit them): the group's title from the policy, */
  groupTitle: z.string().nullable().optional(),
  /** when the worker last asked for a new policy (ISO), and when the current mode ends (ISO; changes of reason only are skipped). */
  checkedAt: z.string().nullable().optional(),
  modeUntil: z.string().nullable().optional(),
  /** Why the mode is what it is, the fixed break's label, and the schedule's zone (times are shown in it). */
  modeReason: z.enum(['working-hours', 'fixed-break', 'self-declared-break', 'outside-hours', 'weekend', 'bank-holiday']).nullable().optional(),
  modeLabel: z.string().nullable().optional(),
  zone: z.string().optional(),
  /** Self-declared breaks, when the group's schedule offers them (null: it does not). */
  selfBreak: SelfBreakStatus.nullable().optional(),
  /** An internal failure since the rules were last applied successfully (what was being done, the error, when). */
  internalError: z.object({ what: z.string(), message: z.string(), at: z.string() }).nullable().optional(),
  /** False when the extension's access to sites was withdrawn (blocking adapts; ICT should know). */
  hostAccess: z.boolean().optional(),
  /** When this run of the worker (service worker / event page) started: support staff see restarts. */
  workerStartedAt: z.string().optional(),
  /** Policy texts above (group title, break label) shown in English on a page in another language: marked lang="en". */
  englishOnly: z.array(z.string()).optional(),
});
export type StatusReply = z.infer<typeof StatusReply>;

/** Options page and support staff: check for a new policy now, then report the status. */
export const RefreshRequest = z.object({ type: z.literal('policy/refresh') });

