import { useEffect, useState } from 'preact/hooks';
import { mount } from '../../ui/mount.tsx';
import { Page } from '../../ui/Page.tsx';
import { StatusWarnings, modeText, policyHeadline, useNow } from '../../ui/status-view.tsx';
import { t } from '../../platform/i18n.ts';
import { openExtensionPage, openOptionsPage, pageUrl } from '../../platform/runtime.ts';
import { fetchStatus } from '../../ui/worker-client.ts';
import { useStoredChanges } from '../../ui/use-stored-changes.ts';
import { BreakSection } from './BreakSection.tsx';
import { PostureFindings } from '../../ui/PostureFindings.tsx';
import { activeTabUrl } from '../../platform/tabs.ts';
import { reportPageUrl } from '../../ui/report-link.ts';
import type { StatusReply } from '../../../src/protocol/status.ts';
import { policyLang } from '../../ui/policy-lang.ts';

type State = { kind: 'loading' } | { kind: 'ready'; status: StatusReply } | { kind: 'failed' };

function statusText(state: State, now: number): string {
  if (state.kind === 'loading') return t('popupStatusLoading');
  if (state.kind === 'failed') return t('popupStatusUnavailable');
  return policyHeadline(state.status, now);
}

/** The report page for the site in the current tab (a web page), or empty for the person to fill in. */
async function reportThisSite(): Promise<void> {
  const url = await activeTabUrl().catch(() => null);
  const web = url !== null && /^https?:/i.test(url) ? url : null;
  await openExtensionPage(web ? reportPageUrl(null, '', web) : pageUrl('report'));
}

function Popup() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const now = useNow(5_000);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    fetchStatus().then(
      (status) => setState({ kind: 'ready', status }),
      // A popup already showing a status keeps it when a later refresh fails.
      () => setState((current) => (current.kind === 'ready' ? current : { kind: 'failed' })),
    );
  }, [generation]);
  useStoredChanges(() => setGeneration((g) => g + 1));
  const status = state.kind === 'ready' ? state.status : null;
  // The mode (or a break) ended while the popup is open: ask again, so it never shows a past "until".
  const endsAt = status?.modeUntil ? Date.parse(status.modeUntil) : null;
  useEffect(() => {
    if (endsAt !== null && now >= endsAt) setGeneration((g) => g + 1);
  }, [now, endsAt]);
  return (
    <Page variant="popup">
      <h1>{t('popupHeading')}</h1>
      <p role="status" data-testid="policy-status">{statusText(state, now)}</p>
      {status && (
        <>
          <dl class="facts">
            <dt>{t('factMode')}</dt>
            <dd data-testid="status-mode">{modeText(status, now)}</dd>
            {status.group && (
              <>
                <dt>{t('factGroup')}</dt>
                <dd data-testid="status-group" lang={status.groupTitle ? policyLang(status.groupTitle, status.englishOnly) : undefined}>{status.groupTitle ?? status.group}</dd>
              </>
            )}
          </dl>
          <StatusWarnings status={status} now={now} />
          <BreakSection status={status} now={now} onChanged={() => setGeneration((g) => g + 1)} />
          <PostureFindings showDetails={false} />
        </>
      )}
      <div class="actions">
        <button type="button" onClick={() => void reportThisSite()} data-testid="popup-report">
          {t('popupReport')}
        </button>
        <button type="button" class="secondary" onClick={() => void openOptionsPage()}>
          {t('popupOptions')}
        </button>
      </div>
    </Page>
  );
}

mount(Popup, 'popupHeading');
