import type { FindingId, Severity } from '../../protocol/checkin-wire.ts';
import type { FleetShow } from '../checkin-store.ts';
import { NOT_SEEN_DAYS } from '../checkin-store.ts';
import type { MessageKey, Translator } from './i18n.ts';

/**
 * The fleet pages' words for what devices send as ids: each finding's title and the fix ICT
 * can make (the hardening policy that closes it, as in docs/deploying.md "What each hardening
 * policy closes"), severities, the quick filters. Tables of literal keys, so the locale test
 * sees every key used.
 */

export const FINDING_WORDS: Record<FindingId, { title: MessageKey; fix: MessageKey }> = {
  'incognito-available': { title: 'findingIncognitoAvailable', fix: 'fixIncognitoAvailable' },
  'not-installed-by-policy': { title: 'findingNotInstalledByPolicy', fix: 'fixNotInstalledByPolicy' },
  'managed-settings-missing': { title: 'findingManagedSettingsMissing', fix: 'fixManagedSettingsMissing' },
  'managed-settings-invalid': { title: 'findingManagedSettingsInvalid', fix: 'fixManagedSettingsInvalid' },
  'proxy-controlled-by-other': { title: 'findingProxyControlledByOther', fix: 'fixProxyControlledByOther' },
  'proxy-extension-installed': { title: 'findingProxyExtensionInstalled', fix: 'fixProxyExtensionInstalled' },
  'developer-mode': { title: 'findingDeveloperMode', fix: 'fixDeveloperMode' },
  'bundle-expired': { title: 'findingBundleExpired', fix: 'fixBundleExpired' },
  'bundle-behind': { title: 'findingBundleBehind', fix: 'fixBundleBehind' },
  'baseline-only': { title: 'findingBaselineOnly', fix: 'fixBaselineOnly' },
  'rules-mismatch': { title: 'findingRulesMismatch', fix: 'fixRulesMismatch' },
  'host-access-withdrawn': { title: 'findingHostAccessWithdrawn', fix: 'fixHostAccessWithdrawn' },
};

export const SEVERITY_WORDS: Record<Severity, MessageKey> = { high: 'severityHigh', medium: 'severityMedium', low: 'severityLow' };

/** Browser names are names: the same in every language. */
export const BROWSER_NAMES = { chrome: 'Chrome', edge: 'Edge', firefox: 'Firefox' } as const;

export function showWords({ t }: Translator, show: FleetShow): string {
  switch (show) {
    case 'not-seen': return t('sumNotSeen', NOT_SEEN_DAYS);
    case 'behind': return t('sumBehind');
    case 'high': return t('sumWithHigh');
    case 'not-newest': return t('sumNotNewest');
    case 'not-installed-by-policy': return t('sumNotInstalledByPolicy');
  }
}
