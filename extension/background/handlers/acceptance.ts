import type { AcceptReply, AcceptanceStatusReply } from '../../../src/protocol/acceptance.ts';
import { SEVERITY, MODES } from '../../../src/policy/actions.ts';
import { weekLines } from '../../../src/schedule/week-lines.ts';
import { acceptanceDeliveryFor, recordAcceptance, viewOf } from '../acceptance.ts';
import { acceptanceOutbox } from '../acceptance-outbox.ts';
import { currentContext, type EnforcementContext } from '../context.ts';
import { reportFailure } from '../internal-errors.ts';
import { enforceNow } from '../pipeline.ts';
import { route } from '../router.ts';
import { policyWords } from '../policy-words.ts';

/** The categories the group blocks or warns at some time, in policy order, with the clause each enforces. */
function keyRules(ctx: EnforcementContext, say: (text: string) => string): AcceptanceStatusReply['rules'] {
  const group = ctx.group.group;
  return ctx.active.policy.categories.flatMap((c) => {
    const actions = group.actions[c.id];
    if (!actions || !MODES.some((m) => SEVERITY[actions[m]] >= SEVERITY.warn)) return [];
    return [{ id: c.id, title: say(c.title), clause: say(c.clause), actions }];
  });
}

function times(ctx: EnforcementContext): AcceptanceStatusReply['times'] {
  const schedule = ctx.situation.schedule;
  if (!schedule) return null;
  const workingHours = weekLines(schedule.workingHours);
  if (workingHours.length === 0) return null; // "always personal time": nothing to tell
  return { zone: schedule.zone, workingHours, breaks: weekLines(schedule.fixedBreaks) };
}

async function status(): Promise<AcceptanceStatusReply> {
  const [ctx, entries] = await Promise.all([currentContext(), acceptanceOutbox.entries()]);
  const { policy } = ctx.active;
  const history = ctx.acceptances.map((a) => viewOf(a, entries));
  const words = policyWords(policy);
  return {
    type: 'acceptance/status',
    council: words.say(policy.council.name),
    aup: { ...policy.aup, title: words.say(policy.aup.title), summary: words.say(policy.aup.summary) },
    group: { id: ctx.group.group.id, title: words.say(ctx.group.group.title) },
    required: ctx.group.group.acceptance === 'required',
    accepted: history.find((a) => a.aupVersion === policy.aup.version) ?? null,
    history,
    rules: keyRules(ctx, words.say),
    times: times(ctx),
    englishOnly: words.englishOnly(),
  };
}

/**
 * "I have read and agree": record it, lift the gate (the rules are enforced again before the
 * answer, so the page can send the person on), then try to deliver it to ICT. Delivery is not
 * waited for: the outbox's alarm retries it, and the options page shows where it stands.
 */
async function accept(aupVersion: string): Promise<AcceptReply> {
  const outcome = await recordAcceptance(aupVersion);
  if (!outcome.ok) return { type: 'acceptance/accepted', ...outcome };
  if (outcome.isNew) await enforceNow();
  const ctx = await currentContext();
  void acceptanceOutbox.deliverDue(acceptanceDeliveryFor(ctx)).catch(reportFailure('acceptance delivery'));
  return { type: 'acceptance/accepted', ok: true, acceptance: viewOf(outcome.acceptance, await acceptanceOutbox.entries()) };
}

export const acceptanceRoutes = [
  route('acceptance/status', 'extension-page', () => status()),
  route('acceptance/accept', 'extension-page', (m) => accept(m.aupVersion)),
];
