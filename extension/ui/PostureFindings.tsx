import { useEffect, useState } from 'preact/hooks';
import type { FindingId } from '../../src/protocol/checkin-wire.ts';
import type { PostureReply } from '../../src/protocol/posture.ts';
import { t } from '../platform/i18n.ts';
import { fetchPosture } from './worker-client.ts';
import { formatDateTime } from './status-view.tsx';

/*
 * The posture self-check's findings in plain words, for the person using the device (popup and
 * options page): the same list ICT sees on its fleet page, without blame — nothing here is the
 * person's doing, and ICT is the one to put it right. A finding's detail (another extension's
 * name, an install type) is shown as text for ICT's helpdesk, never as a link.
 */

/** A table of literal keys, so the locale test sees every one used. */
const FINDING_TEXT: Record<FindingId, string> = {
  'incognito-available': 'postureIncognitoAvailable',
  'not-installed-by-policy': 'postureNotInstalledByPolicy',
  'managed-settings-missing': 'postureManagedSettingsMissing',
  'managed-settings-invalid': 'postureManagedSettingsInvalid',
  'proxy-controlled-by-other': 'postureProxyControlledByOther',
  'proxy-extension-installed': 'postureProxyExtensionInstalled',
  'developer-mode': 'postureDeveloperMode',
  'bundle-expired': 'postureBundleExpired',
  'bundle-behind': 'postureBundleBehind',
  'baseline-only': 'postureBaselineOnly',
  'rules-mismatch': 'postureRulesMismatch',
  'host-access-withdrawn': 'postureHostAccessWithdrawn',
};

type State = { kind: 'loading' } | { kind: 'ready'; posture: PostureReply } | { kind: 'failed' };

function lastCheckinText(posture: PostureReply): string | null {
  const last = posture.lastCheckin;
  if (!last) return null;
  if (last.state === 'delivered') return t('postureCheckinDelivered', formatDateTime(last.deliveredAt));
  return t('postureCheckinWaiting');
}

/** `showDetails`: the options page adds each finding's detail (for ICT's helpdesk) and the last check-in; the popup keeps to the plain words. */
export function PostureFindings({ showDetails }: { showDetails: boolean }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    fetchPosture().then((posture) => setState({ kind: 'ready', posture }), () => setState({ kind: 'failed' }));
  }, []);
  return (
    <section aria-labelledby="posture-heading" data-testid="posture">
      <h2 id="posture-heading">{t('postureHeading')}</h2>
      {state.kind === 'loading' && <p>{t('postureLoading')}</p>}
      {state.kind === 'failed' && <p>{t('postureUnavailable')}</p>}
      {state.kind === 'ready' && state.posture.findings.length === 0 && <p data-testid="posture-none">{t('postureAllGood')}</p>}
      {state.kind === 'ready' && state.posture.findings.length > 0 && (
        <>
          <p>{t('postureIntro')}</p>
          <ul class="posture-findings">
            {state.posture.findings.map((f, i) => (
              <li key={`${f.id}-${i}`} data-finding={f.id}>
                {t(FINDING_TEXT[f.id])}
                {showDetails && f.detail && <span class="posture-detail"> {t('postureDetail', f.detail)}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {state.kind === 'ready' && showDetails && lastCheckinText(state.posture) && <p class="hint" data-testid="posture-checkin">{lastCheckinText(state.posture)}</p>}
    </section>
  );
}
