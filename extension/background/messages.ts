import { decide } from '../../src/decide/decide.ts';
import { hostFromUrl } from '../../src/match/host.ts';
import { DeviceConfig } from '../../src/config/device-config.ts';
import {
  PageToWorker, type BannerReply, type ContinueReply, type EventsReply, type PageContextReply, type SettingsIssue, type SettingsReply,
  type SettingsSaveReply, type StatusReply,
} from '../../src/protocol/messages.ts';
import { extensionVersion, type MessageSender } from '../platform/runtime.ts';
import { loadConfig, saveLocalConfig } from './config.ts';
import { readEvents } from './events.ts';
import { currentContext } from './context.ts';
import { CONTINUE_MINUTES, grantContinue } from './continue-grants.ts';
import { readPolicyState } from './policy-state.ts';
import { latestContext, refreshGuard } from './guard.ts';
import { enforce, readEnforcement } from './enforce.ts';
import { syncPolicy } from './policy-sync.ts';

function clock(instant: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(instant);
}

async function status(): Promise<StatusReply> {
  const [ctx, state, enforcement] = await Promise.all([currentContext(), readPolicyState(), readEnforcement()]);
  const m = ctx.active.manifest;
  const problems = ctx.config.problems;
  return {
    type: 'status',
    version: extensionVersion(),
    managed: ctx.config.source === 'managed',
    group: ctx.group.group.id,
    mode: ctx.mode.mode,
    policy: m
      ? { serial: m.serial, issuedAt: m.issuedAt, expiresAt: m.expiresAt, fetchedAt: state.fetchedAt, source: 'bundle' }
      : null,
    lastError: problems.length > 0 ? problems.join('; ') : (state.lastError?.message ?? null),
    lastErrorCode: problems.length > 0 ? 'config' : (state.lastError?.code ?? null),
    configSource: ctx.config.source,
    groupTitle: ctx.group.group.title,
    checkedAt: state.checkedAt,
    modeUntil: ctx.mode.until === null ? null : new Date(ctx.mode.until).toISOString(),
    enforcedAt: enforcement.enforcedAt,
    enforcedSerial: enforcement.serial,
  };
}

async function banner(url: string): Promise<BannerReply> {
  // Asked on every page load: answer from the guard's snapshot, not from storage.
  const ctx = await latestContext();
  const result = decide(ctx.active.index, url, { ...ctx.decision, at: Date.now() });
  if (!result.ok || result.decision.action !== 'allow-banner') return { type: 'banner', show: false };
  const until = result.decision.schedule.until;
  if (until === null) return { type: 'banner', show: false };
  const zone = ctx.active.policy.schedules[ctx.group.group.schedule]?.zone ?? 'Europe/London';
  return { type: 'banner', show: true, until: clock(until, zone) };
}

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
  const result = decide(ctx.active.index, url, ctx.decision);
  if (!result.ok) return { type: 'warn/continue', ok: false, error: result.error };
  // Only a warning can be passed; a host that is blocked stays blocked whatever a page asks.
  if (result.decision.action !== 'warn') return { type: 'warn/continue', ok: false, error: `this site is not one you can continue to (${result.decision.action})` };
  const host = hostFromUrl(url);
  if (!host.ok) return { type: 'warn/continue', ok: false, error: host.error };
  const until = await grantContinue(sender.tabId, host.host, category, url);
  await refreshGuard();
  return { type: 'warn/continue', ok: true, until };
}

/** Serialised with the alarms' syncs by enforce(); returns the status after the attempt. */
async function refreshNow(): Promise<StatusReply> {
  if ((await syncPolicy()) === 'updated') {
    await enforce();
    await refreshGuard();
  }
  return status();
}

/** The configuration in force, for the options page; the report token never leaves the worker. */
async function settings(): Promise<SettingsReply> {
  const { source, config, problems } = await loadConfig();
  return {
    type: 'settings',
    source,
    managed: source === 'managed',
    config: {
      policyUrl: config.policyUrl,
      trustedKeys: config.trustedKeys,
      group: config.group ?? null,
      refreshMinutes: config.refreshMinutes,
      userIdentity: config.userIdentity ?? null,
      reportEndpoint: config.reportEndpoint ?? null,
      reportTokenSet: !!config.reportToken,
    },
    problems,
  };
}

/**
 * Options page of an unmanaged install: validate again here (the page is not trusted blindly),
 * store the settings, then check for the policy they name and answer with the new status.
 * ICT's managed settings always win: they cannot be changed from a page.
 */
async function saveSettings(raw: Record<string, unknown>, sender: MessageSender): Promise<SettingsSaveReply> {
  const refuse = (reason: 'managed' | 'pending' | 'invalid' | 'forbidden', issues: SettingsIssue[] = []): SettingsSaveReply =>
    ({ type: 'settings/save', ok: false, reason, issues });
  if (!sender.fromExtensionPage) return refuse('forbidden');
  const { source, config: current } = await loadConfig();
  if (source === 'managed' || source === 'pending') return refuse(source);
  // The form edits some fields; keep the others (identity, report endpoint and token) as stored.
  const kept = source === 'local'
    ? Object.fromEntries(Object.entries({ userIdentity: current.userIdentity, reportEndpoint: current.reportEndpoint, reportToken: current.reportToken }).filter(([, v]) => v !== undefined))
    : {};
  const parsed = DeviceConfig.safeParse({ ...kept, ...raw });
  if (!parsed.success) {
    return refuse('invalid', parsed.error.issues.map((i) => ({
      path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
      message: i.message,
    })));
  }
  await saveLocalConfig(parsed.data);
  return { type: 'settings/save', ok: true, status: await refreshNow() };
}

/** What is recorded about the person using the device, with category titles from the policy in force. */
async function events(): Promise<EventsReply> {
  const [list, ctx] = await Promise.all([readEvents(), currentContext()]);
  const titles = new Map(ctx.active.policy.categories.map((c) => [c.id, c.title]));
  return {
    type: 'events',
    events: list.map((e) => ({ ...e, categoryTitle: titles.get(e.category) ?? null })),
  };
}

/** Validate every message before acting on it; unknown messages get no answer. */
export function handleMessage(raw: unknown, sender: MessageSender): Promise<unknown> | undefined {
  const parsed = PageToWorker.safeParse(raw);
  if (!parsed.success) return undefined;
  const message = parsed.data;
  switch (message.type) {
    case 'status/get':
      return status();
    case 'banner/get':
      return banner(message.url);
    case 'page/context':
      return pageContext(message.category);
    case 'warn/continue':
      return continueTo(message.url, message.category, sender);
    // Checking for a policy, settings and the record of events are for the extension's own pages.
    case 'policy/refresh':
      return sender.fromExtensionPage ? refreshNow() : undefined;
    case 'settings/get':
      return sender.fromExtensionPage ? settings() : undefined;
    case 'settings/save':
      return saveSettings(message.config, sender);
    case 'events/get':
      return sender.fromExtensionPage ? events() : undefined;
  }
}
