import { decide } from '../../../src/decide/decide.ts';
import type { ContinueReply, PageContextReply, SiteTimes } from '../../../src/protocol/interstitial.ts';
import { siteDecisionTimes } from '../../../src/decide/decision-changes.ts';
import { modeOnlyAt } from '../../../src/schedule/mode.ts';
import { formatChangeTime } from '../../../src/schedule/format-time.ts';
import type { EnforcementContext } from '../context.ts';
import { messagesLocale } from '../../platform/i18n.ts';
import type { MessageSender } from '../../platform/runtime.ts';
import { currentContext } from '../context.ts';
import { CONTINUE_MINUTES, grantContinue } from '../continue-grants.ts';
import { refreshGuard } from '../guard.ts';
import { route } from '../router.ts';
import { policyWords } from '../policy-words.ts';
import { problem, type WorkerProblem } from '../../../src/protocol/worker-problems.ts';

/** The block and warn pages: what to show about a category, and the warn page's Continue. */
async function pageContext(categoryId: string, url: string | undefined): Promise<PageContextReply> {
  const now = Date.now();
  const ctx = await currentContext(now);
  const { active } = ctx;
  const p = active.policy;
  const category = p.categories.find((c) => c.id === categoryId);
  const words = policyWords(p);
  return {
    type: 'page/context',
    council: words.say(p.council.name),
    category: category ? { id: category.id, title: words.say(category.title), clause: words.say(category.clause) } : null,
    aup: { title: words.say(p.aup.title), version: p.aup.version, url: p.aup.url },
    helpdesk: { ...p.help.helpdesk, name: words.say(p.help.helpdesk.name) },
    inadvertentAccess: words.say(p.help.inadvertentAccess),
    continueMinutes: CONTINUE_MINUTES,
    times: url === undefined ? null : siteTimes(ctx, url, now),
    englishOnly: words.englishOnly(),
  };
}

/** When this site opens again, and when personal use of it ended (the block page's "Your break ended at 13:30"). */
function siteTimes(ctx: EnforcementContext, url: string, now: number): SiteTimes | null {
  const schedule = ctx.situation.schedule;
  const { since, until, actions } = siteDecisionTimes(ctx.active.index, url, ctx.situation);
  if (!schedule || !actions) return null;
  const opensMode = until === null ? null : modeOnlyAt(schedule, until, ctx.situation.breakState).mode;
  const opens = opensMode !== null && (actions[opensMode] === 'allow' || actions[opensMode] === 'allow-banner') ? until : null;
  const beforeMode = since === null ? null : modeOnlyAt(schedule, since - 1, ctx.situation.breakState).mode;
  const wasOpen = beforeMode !== null && beforeMode !== 'work' && (actions[beforeMode] === 'allow' || actions[beforeMode] === 'allow-banner');
  return {
    opens: opens === null ? null : formatChangeTime(opens, now, schedule.zone, messagesLocale()),
    opensAt: opens,
    ended: wasOpen && since !== null ? formatChangeTime(since, now, schedule.zone, messagesLocale()) : null,
    endedWas: wasOpen ? (beforeMode as 'break' | 'personal') : null,
  };
}

/**
 * The warn page's Continue. Accepted only from the top frame of an extension page in a tab (a
 * warn page framed by a site could be click-jacked), only for a host the policy warns about now
 * (decided without this tab's grants: a blocked host stays blocked whatever a page asks), and
 * what is recorded comes from that decision, not from the message.
 */
async function continueTo(url: string, sender: MessageSender): Promise<ContinueReply> {
  const refuse = (error: string, why: WorkerProblem): ContinueReply => ({ type: 'warn/continue', ok: false, error, problem: why });
  if (!sender.fromExtensionPage || sender.tabId === null) return refuse('not from a warn page tab', problem('continue-not-warn-tab'));
  if (sender.frameId !== 0) return refuse('not from the top of the tab: open the page in its own tab to continue', problem('continue-framed'));
  const ctx = await currentContext();
  const result = decide(ctx.active.index, url, ctx.situation);
  if (!result.ok) return refuse(result.error, problem('continue-undecidable'));
  const d = result.decision;
  if (d.action !== 'warn') return refuse(`this site is not one you can continue to (${d.action})`, problem('continue-not-warned'));
  const until = await grantContinue(sender.tabId, d.host, d.deciding[0]?.id ?? '', url);
  await refreshGuard();
  return { type: 'warn/continue', ok: true, until };
}

export const interstitialRoutes = [
  route('page/context', 'anyone', (m) => pageContext(m.category, m.url)),
  // Answers any sender, so a page that is not a warn page tab hears why it was refused.
  route('warn/continue', 'anyone', (m, sender) => continueTo(m.url, sender)),
];
