import { useEffect, useState } from 'preact/hooks';
import { mount } from '../../ui/mount.tsx';
import { Page } from '../../ui/Page.tsx';
import { t } from '../../platform/i18n.ts';
import { openExtensionPage, openOptionsPage, pageUrl } from '../../platform/runtime.ts';
import { fetchStatus } from '../../ui/worker-client.ts';
import type { StatusReply } from '../../../src/protocol/messages.ts';

type State = { kind: 'loading' } | { kind: 'ready'; status: StatusReply } | { kind: 'failed' };

function statusText(state: State): string {
  if (state.kind === 'loading') return t('popupStatusLoading');
  if (state.kind === 'failed') return t('popupStatusUnavailable');
  const policy = state.status.policy;
  if (!policy || policy.source === 'baseline') return t('popupStatusNoPolicy');
  return t('popupStatusPolicy', [String(policy.serial), policy.issuedAt]);
}

function Popup() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    fetchStatus().then(
      (status) => setState({ kind: 'ready', status }),
      () => setState({ kind: 'failed' }),
    );
  }, []);
  return (
    <Page variant="popup">
      <h1>{t('popupHeading')}</h1>
      <p role="status" data-testid="policy-status">{statusText(state)}</p>
      <div class="actions">
        <button type="button" onClick={() => void openExtensionPage(pageUrl('report'))}>
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
