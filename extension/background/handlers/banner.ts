import { decide } from '../../../src/decide/decide.ts';
import { siteDecisionUntil } from '../../../src/decide/decision-changes.ts';
import type { BannerReply } from '../../../src/protocol/banner.ts';
import { formatChangeTime } from '../../../src/schedule/format-time.ts';
import { messagesLocale } from '../../platform/i18n.ts';
import { contextAt, type EnforcementContext } from '../context.ts';
import { latestContext } from '../guard.ts';
import { bannerDismissedRecord } from '../records.ts';
import { route } from '../router.ts';
import { policyWords } from '../policy-words.ts';

/**
 * The personal-use banner asks whether its page should show it, and until when: the time the
 * decision for *this site* next changes (a lunch break that runs into the evening is one stretch
 * of personal use), formatted in the schedule's zone.
 */
async function banner(url: string): Promise<BannerReply> {
  const hidden: BannerReply = { type: 'banner', show: false };
  // Asked on every page load of a banner site: answer from the guard's snapshot, not from storage.
  const now = Date.now();
  const ctx = contextAt(await latestContext(), now);
  const result = decide(ctx.active.index, url, ctx.situation);
  if (!result.ok || result.decision.action !== 'allow-banner') return hidden;
  const until = siteDecisionUntil(ctx.active.index, url, ctx.situation);
  if (await isDismissed(result.decision.host, now)) return hidden;
  const mode = ctx.situation.mode;
  return {
    type: 'banner',
    show: true,
    until: until === null ? null : formatChangeTime(until, now, zoneOf(ctx), messagesLocale()),
    untilAt: until,
    why: mode.mode === 'break' ? (mode.reason === 'self-declared-break' ? 'self-declared-break' : 'fixed-break') : mode.mode === 'personal' ? 'personal' : 'working-time',
    label: mode.label === undefined ? null : policyWords(ctx.active.policy).say(mode.label),
    aupTitle: policyWords(ctx.active.policy).say(ctx.active.policy.aup.title),
  };
}

function zoneOf(ctx: EnforcementContext): string {
  return ctx.situation.schedule?.zone ?? 'Europe/London';
}

async function isDismissed(host: string, now: number): Promise<boolean> {
  const until = (await bannerDismissedRecord.read()).hosts[host];
  return until !== undefined && now < until;
}

/** Closed by the person: hidden on this host until the decision for it changes (then they are told again). */
async function dismiss(url: string): Promise<{ type: 'banner/dismissed'; ok: boolean }> {
  const now = Date.now();
  const ctx = contextAt(await latestContext(), now);
  const result = decide(ctx.active.index, url, ctx.situation);
  if (!result.ok || result.decision.action !== 'allow-banner') return { type: 'banner/dismissed', ok: false };
  // Closed until the decision for the site changes, or for this browser session if it does not within 14 days.
  const until = siteDecisionUntil(ctx.active.index, url, ctx.situation) ?? Number.MAX_SAFE_INTEGER;
  const stored = await bannerDismissedRecord.read();
  // Expired entries go, so the record stays as small as the sites closed in this stretch of personal time.
  const hosts = Object.fromEntries(Object.entries(stored.hosts).filter(([, at]) => at > now));
  hosts[result.decision.host] = until;
  await bannerDismissedRecord.write({ version: 1, hosts });
  return { type: 'banner/dismissed', ok: true };
}

export const bannerRoutes = [
  route('banner/get', 'anyone', (m) => banner(m.url)),
  route('banner/dismiss', 'anyone', (m) => dismiss(m.url)),
];
