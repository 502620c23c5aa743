import { configProblemText } from '../../../src/config/config-problems.ts';
import type { StatusReply } from '../../../src/protocol/status.ts';
import { extensionVersion } from '../../platform/runtime.ts';
import { currentContext } from '../context.ts';
import { readPolicyState } from '../policy-state.ts';
import { readEnforcement } from '../enforce.ts';
import { checkForPolicy } from '../pipeline.ts';
import { readLastInternalError } from '../internal-errors.ts';
import { hasHostAccess } from '../../platform/permissions.ts';
import { route } from '../router.ts';
import { policyWords } from '../policy-words.ts';
import { readBreak } from '../break-state.ts';
import { selfDeclaredStatus } from '../../../src/schedule/self-declared.ts';
import type { SelfBreakStatus } from '../../../src/protocol/breaks.ts';
import type { EnforcementContext } from '../context.ts';

/** This run of the worker: the browser stops and restarts it at will (idle, updates, crashes). */
const WORKER_STARTED_AT = new Date().toISOString();

/** Self-declared breaks for the popup: null when the group's schedule does not offer them. */
async function selfBreak(ctx: EnforcementContext, now: number): Promise<SelfBreakStatus | null> {
  const schedule = ctx.situation.schedule;
  if (!schedule?.selfDeclared) return null;
  const stored = await readBreak();
  const s = selfDeclaredStatus(schedule, now, stored.state, stored.usage);
  return {
    onBreakUntil: s.onBreakUntil === null ? null : new Date(s.onBreakUntil).toISOString(),
    canStart: s.canStart,
    reason: s.reason,
    minutesLeft: s.minutesLeft,
    longestMinutes: s.longestMinutes,
    maxMinutesPerDay: s.maxMinutesPerDay,
  };
}

/** Status of the device's protection (popup, options page), and "check for a policy now". */
export async function status(): Promise<StatusReply> {
  const now = Date.now();
  const [ctx, state, enforcement, internal, hostAccess] = await Promise.all([currentContext(now), readPolicyState(), readEnforcement(), readLastInternalError(), hasHostAccess()]);
  const m = ctx.active.manifest;
  const problems = ctx.config.problems;
  const words = policyWords(ctx.active.policy);
  const groupTitle = words.say(ctx.group.group.title);
  const modeLabel = ctx.mode.label === undefined ? null : words.say(ctx.mode.label);
  return {
    type: 'status',
    version: extensionVersion(),
    managed: ctx.config.source === 'managed',
    group: ctx.group.group.id,
    mode: ctx.mode.mode,
    policy: m
      ? { serial: m.serial, issuedAt: m.issuedAt, expiresAt: m.expiresAt, fetchedAt: state.fetchedAt, source: 'bundle' }
      : null,
    // The English for support staff; pages word `configProblems` in their own language.
    lastError: problems.length > 0 ? problems.map(configProblemText).join('; ') : (state.lastError?.message ?? null),
    lastErrorCode: problems.length > 0 ? 'config' : (state.lastError?.code ?? null),
    configProblems: problems,
    configSource: ctx.config.source,
    groupTitle,
    checkedAt: state.checkedAt,
    // What people are told: the end of the mode, not of its reason (weekend → outside hours).
    modeUntil: ctx.mode.modeUntil === null ? null : new Date(ctx.mode.modeUntil).toISOString(),
    modeReason: ctx.mode.reason,
    modeLabel,
    zone: ctx.situation.schedule?.zone ?? 'Europe/London',
    selfBreak: await selfBreak(ctx, now),
    enforcedAt: enforcement.enforcedAt,
    enforcedSerial: enforcement.serial,
    // Shown until the rules are next applied successfully (then it is history, kept for support).
    internalError: internal && (!enforcement.enforcedAt || internal.at > enforcement.enforcedAt) ? internal : null,
    hostAccess,
    workerStartedAt: WORKER_STARTED_AT,
    englishOnly: words.englishOnly(),
  };
}

/** Check for a new policy now (serialised with the alarms' checks); the status after the attempt. */
export async function refreshNow(): Promise<StatusReply> {
  await checkForPolicy('user');
  return status();
}

export const statusRoutes = [
  route('status/get', 'anyone', () => status()),
  route('policy/refresh', 'extension-page', () => refreshNow()),
];
