import { decide } from '../../../src/decide/decide.ts';
import type { BannerReply } from '../../../src/protocol/banner.ts';
import { contextAt } from '../context.ts';
import { latestContext } from '../guard.ts';
import { route } from '../router.ts';

/** The personal-use banner asks whether its page should show it, and until when. */
function clock(instant: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(instant);
}

async function banner(url: string): Promise<BannerReply> {
  // Asked on every page load: answer from the guard's snapshot, not from storage.
  const ctx = contextAt(await latestContext(), Date.now());
  const result = decide(ctx.active.index, url, ctx.situation);
  if (!result.ok || result.decision.action !== 'allow-banner') return { type: 'banner', show: false };
  const until = result.decision.schedule.until;
  if (until === null) return { type: 'banner', show: false };
  const zone = ctx.active.policy.schedules[ctx.group.group.schedule]?.zone ?? 'Europe/London';
  return { type: 'banner', show: true, until: clock(until, zone) };
}

export const bannerRoutes = [route('banner/get', 'anyone', (m) => banner(m.url))];
