import { decide } from '../../../src/decide/decide.ts';
import { hostFromUrl } from '../../../src/match/host.ts';
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

async function continueTo(url: string, category: string, sender: MessageSender): Promise<ContinueReply> {
  if (!sender.fromExtensionPage || sender.tabId === null) return { type: 'warn/continue', ok: false, error: 'not from a warn page tab' };
  const ctx = await currentContext();
  // Without this tab's grants: only a warning can be passed, whatever a page asks.
  const result = decide(ctx.active.index, url, ctx.situation);
  if (!result.ok) return { type: 'warn/continue', ok: false, error: result.error };
  // Only a warning can be passed; a host that is blocked stays blocked whatever a page asks.
  if (result.decision.action !== 'warn') return { type: 'warn/continue', ok: false, error: `this site is not one you can continue to (${result.decision.action})` };
  const host = hostFromUrl(url);
  if (!host.ok) return { type: 'warn/continue', ok: false, error: host.error };
  const until = await grantContinue(sender.tabId, host.host, category, url);
  await refreshGuard();
  return { type: 'warn/continue', ok: true, until };
}

export const interstitialRoutes = [
  route('page/context', 'anyone', (m) => pageContext(m.category)),
  // Answers any sender, so a page that is not a warn page tab hears why it was refused.
  route('warn/continue', 'anyone', (m, sender) => continueTo(m.url, m.category, sender)),
];
