import { CHECKIN_LIMITS, withoutAddresses, type Finding } from '../protocol/checkin-wire.ts';

/*
 * The posture self-check's decisions (issue 15), pure: what the browser told the worker
 * (extension/platform/posture.ts gathers it) → the findings of the check-in contract
 * (src/protocol/checkin-wire.ts). The popup, the options page and ICT's fleet page all show
 * these same findings. Nothing here reads a URL or anything about browsing.
 */

/** Another extension as the management API describes it: only what a finding may name. */
export type OtherExtension = { id: string; name: string; enabled: boolean; installType: string; permissions: readonly string[] };

/**
 * What the browser can tell about private windows. `allowed`: AUP Guard runs in them
 * (extension.isAllowedIncognitoAccess). `windows`: whether they can be opened at all —
 * Chromium says so when asked to open one ('disabled': IncognitoModeAvailability = 1);
 * Firefox tells an extension nothing about PrivateBrowsingModeAvailability ('unknown').
 */
export type IncognitoFacts = { allowed: boolean | null; windows: 'available' | 'disabled' | 'unknown' };

/**
 * proxy.settings: `levelOfControl` as the browser says it ('controlled_by_other_extensions',
 * 'controllable_by_this_extension', 'controlled_by_this_extension', 'not_controllable' — the
 * last when set by enterprise policy), and whether its value routes traffic somewhere ('manual':
 * a fixed proxy or a PAC script) rather than directly or as the system says. Null: not readable.
 */
export type ProxyFacts = { levelOfControl: string; routed: boolean } | null;

export type ManagedFacts = {
  /** The configuration's source (src/config/device-config.ts ConfigSource). */
  source: string;
  /** Required settings missing (keys) and settings refused (keys), as src/config names them. */
  missing: readonly string[];
  refused: readonly string[];
  requiredRefused: boolean;
};

export type PolicyFacts = {
  source: 'bundle' | 'baseline';
  serial: number | null;
  issuedAt: string | null;
  expiresAt: string | null;
  /** The last successful sync (a new bundle or a 304), ISO; null: never. */
  lastSyncAt: string | null;
  lastError: { code: string; message: string } | null;
  /** How often the device checks (minutes): "behind" allows for a few missed checks. */
  refreshMinutes: number;
};

/** Our rules per scope: how many our records say are in force, how many the browser holds. Null: an update is under way. */
export type RuleCounts = { session: { expected: number; inForce: number }; dynamic: { expected: number; inForce: number } } | null;

export type PostureFacts = {
  /** management.getSelf().installType: 'admin' when installed by enterprise policy. */
  installType: string;
  managed: ManagedFacts;
  incognito: IncognitoFacts;
  proxy: ProxyFacts;
  /** Every other extension the management API lists (empty when it cannot be asked). */
  others: readonly OtherExtension[];
  policy: PolicyFacts;
  rules: RuleCounts;
  hostAccess: boolean;
  now: number;
};

/** Permissions that let an extension route or tunnel the browser's traffic. */
const PROXY_PERMISSIONS = ['proxy', 'vpnProvider', 'webRequestAuthProvider'] as const;

/** A device is behind after missing this many checks, and never sooner than a day. */
export const BEHIND_AFTER_CHECKS = 3;
export const BEHIND_AT_LEAST_MS = 24 * 3_600_000;

function named(e: OtherExtension): string {
  return withoutAddresses(`${e.name} (${e.id})`, CHECKIN_LIMITS.detail);
}

function text(value: string): string {
  return withoutAddresses(value, CHECKIN_LIMITS.detail);
}

export function routesTraffic(e: OtherExtension): boolean {
  return e.enabled && e.permissions.some((p) => (PROXY_PERMISSIONS as readonly string[]).includes(p));
}

function installFindings(f: PostureFacts): Finding[] {
  return f.installType === 'admin' ? [] : [{ id: 'not-installed-by-policy', severity: 'high', detail: text(`install type: ${f.installType}`) }];
}

function managedFindings({ managed }: PostureFacts): Finding[] {
  const found: Finding[] = [];
  if (managed.source !== 'managed' || managed.missing.length > 0) {
    const detail = managed.source !== 'managed' ? `settings from: ${managed.source}` : `not set: ${managed.missing.join(', ')}`;
    found.push({ id: 'managed-settings-missing', severity: 'high', detail: text(detail) });
  }
  if (managed.refused.length > 0) {
    found.push({ id: 'managed-settings-invalid', severity: managed.requiredRefused ? 'high' : 'medium', detail: text(`refused: ${managed.refused.join(', ')}`) });
  }
  return found;
}

function incognitoFindings({ incognito }: PostureFacts): Finding[] {
  if (incognito.allowed === true || incognito.windows === 'disabled') return [];
  const detail = incognito.windows === 'available' ? 'private windows can be opened; AUP Guard is not allowed in them' : 'AUP Guard is not allowed in private windows; the browser does not say whether they can be opened';
  return [{ id: 'incognito-available', severity: 'high', detail }];
}

function proxyFindings(f: PostureFacts): Finding[] {
  const found: Finding[] = [];
  const routing = f.others.filter(routesTraffic);
  if (f.proxy?.levelOfControl === 'controlled_by_other_extensions') {
    // Only one extension controls the setting; the management API does not say which, but only
    // one with the proxy permission can. Name them all if several could.
    const candidates = routing.filter((e) => e.permissions.includes('proxy'));
    const who = candidates.length === 0 ? 'another extension' : candidates.length === 1 ? named(candidates[0]!) : `one of: ${candidates.map(named).join('; ')}`;
    found.push({ id: 'proxy-controlled-by-other', severity: 'high', detail: text(`set by ${who}`) });
  } else if (f.proxy?.routed && f.proxy.levelOfControl !== 'not_controllable') {
    // Not an extension and not enterprise policy (that is 'not_controllable'): the person, or a preference.
    found.push({ id: 'proxy-controlled-by-other', severity: 'high', detail: 'set in the browser\'s own settings' });
  }
  for (const e of routing) found.push({ id: 'proxy-extension-installed', severity: 'high', detail: named(e) });
  return found;
}

/** Developer mode cannot be read by an extension; an unpacked (Chromium) or temporary (Firefox) extension shows it is on. */
function developerFindings(f: PostureFacts): Finding[] {
  const unpacked = f.others.filter((e) => e.installType === 'development');
  if (f.installType !== 'development' && unpacked.length === 0) return [];
  const which = [...(f.installType === 'development' ? ['AUP Guard itself'] : []), ...unpacked.map(named)].join('; ');
  return [{ id: 'developer-mode', severity: 'medium', detail: text(`loaded as a development copy: ${which}`) }];
}

export function isBehind(policy: PolicyFacts, now: number): boolean {
  if (policy.lastSyncAt === null) return policy.source === 'bundle';
  const allowed = Math.max(BEHIND_AT_LEAST_MS, BEHIND_AFTER_CHECKS * policy.refreshMinutes * 60_000);
  return now - Date.parse(policy.lastSyncAt) > allowed;
}

function policyFindings({ policy, now }: PostureFacts): Finding[] {
  const found: Finding[] = [];
  const error = policy.lastError ? text(`${policy.lastError.code}: ${policy.lastError.message}`) : undefined;
  if (policy.source === 'baseline') found.push({ id: 'baseline-only', severity: 'high', ...(error ? { detail: error } : {}) });
  if (policy.expiresAt !== null && Date.parse(policy.expiresAt) <= now) {
    found.push({ id: 'bundle-expired', severity: 'high', detail: text(`serial ${policy.serial}, expired ${policy.expiresAt}`) });
  }
  if (policy.source === 'bundle' && isBehind(policy, now)) {
    const since = policy.lastSyncAt ? `last successful check ${policy.lastSyncAt}` : 'never checked successfully';
    found.push({ id: 'bundle-behind', severity: 'medium', detail: text(error ? `${since}; ${error}` : since) });
  }
  return found;
}

function ruleFindings({ rules, hostAccess }: PostureFacts): Finding[] {
  const found: Finding[] = [];
  if (rules && (rules.session.expected !== rules.session.inForce || rules.dynamic.expected !== rules.dynamic.inForce)) {
    const detail = `session rules ${rules.session.inForce} of ${rules.session.expected}, dynamic rules ${rules.dynamic.inForce} of ${rules.dynamic.expected}`;
    found.push({ id: 'rules-mismatch', severity: 'high', detail });
  }
  if (!hostAccess) found.push({ id: 'host-access-withdrawn', severity: 'high' });
  return found;
}

const ORDER = { high: 0, medium: 1, low: 2 } as const;

/** Every finding, most severe first, at most the contract's 50. */
export function assessPosture(f: PostureFacts): Finding[] {
  const all = [
    ...installFindings(f), ...managedFindings(f), ...incognitoFindings(f), ...proxyFindings(f),
    ...developerFindings(f), ...policyFindings(f), ...ruleFindings(f),
  ];
  return all.map((finding, i) => ({ finding, i }))
    .sort((a, b) => ORDER[a.finding.severity] - ORDER[b.finding.severity] || a.i - b.i)
    .map(({ finding }) => finding)
    .slice(0, CHECKIN_LIMITS.findings);
}
