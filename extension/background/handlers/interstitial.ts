import { decide } from '../../../src/decide/decide.ts';
import type { ContinueReply, PageContextReply } from '../../../src/protocol/interstitial.ts';
import type { MessageSender } from '../../platform/runtime.ts';
import { currentContext } from '../context.ts';
import { CONTINUE_MINUTES, grantContinue } from '../continue-grants.ts';
import { refreshGuard } from '../guard.ts';
import { route } from '../router.ts';

/** The block and warn pages: what to show about a category, and the warn page's Continue. */
async function pageContext(categoryId: string): Promise<PageContextReply> {
  const { active } = await currentContext();
  const p = active.policy;
  const category = p.categories.find((c) => c.id === categoryId);
  return {
    type: 'page/context',
    council: p.council.name,
    category: category ? { id: category.id, title: category.title, clause: category.clause } : null,
    aup: { title: p.aup.title, version: p.aup.version, url: p.aup.url },
    helpdesk: p.help.helpdesk,
    inadvertentAccess: p.help.inadvertentAccess,
    continueMinutes: CONTINUE_MINUTES,
  };
}

/**
 * The warn page's Continue. Accepted only from the top frame of an extension page in a tab (a
 * warn page framed by a site could be click-jacked), only for a host the policy warns about now
 * (decided without this tab's grants: a blocked host stays blocked whatever a page asks), and
 * what is recorded comes from that decision, not from the message.
 */
async function continueTo(url: string, sender: MessageSender): Promise<ContinueReply> {
  const refuse = (error: string): ContinueReply => ({ type: 'warn/continue', ok: false, error });
  if (!sender.fromExtensionPage || sender.tabId === null) return refuse('not from a warn page tab');
  if (sender.frameId !== 0) return refuse('not from the top of the tab: open the page in its own tab to continue');
  const ctx = await currentContext();
  const result = decide(ctx.active.index, url, ctx.situation);
  if (!result.ok) return refuse(result.error);
  const d = result.decision;
  if (d.action !== 'warn') return refuse(`this site is not one you can continue to (${d.action})`);
  const until = await grantContinue(sender.tabId, d.host, d.deciding[0]?.id ?? '', url);
  await refreshGuard();
  return { type: 'warn/continue', ok: true, until };
}

export const interstitialRoutes = [
  route('page/context', 'anyone', (m) => pageContext(m.category)),
  // Answers any sender, so a page that is not a warn page tab hears why it was refused.
  route('warn/continue', 'anyone', (m, sender) => continueTo(m.url, sender)),
];
