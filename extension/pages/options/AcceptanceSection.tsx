import { useEffect, useState } from 'preact/hooks';
import type { AcceptanceStatusReply, AcceptanceView } from '../../../src/protocol/acceptance.ts';
import { t } from '../../platform/i18n.ts';
import { pageUrl } from '../../platform/runtime.ts';
import { fetchAcceptanceStatus } from '../../ui/worker-client.ts';
import { formatDateTime } from '../../ui/status-view.tsx';
import { problemText } from '../../ui/problem-text.ts';

type State = { kind: 'loading' } | { kind: 'ready'; status: AcceptanceStatusReply } | { kind: 'failed' };

/** Where an acceptance is: sent to ICT (with its receipt), waiting, or refused by the server. */
function deliveryText(a: AcceptanceView): string {
  if (a.delivery === 'delivered') return t('acceptanceDelivered', a.receipt ?? '');
  if (a.delivery === 'refused') return t('acceptanceRefused', problemText(a.lastProblem, a.lastError ?? ''));
  if (a.delivery === 'queued') return t('acceptanceQueued');
  return t('acceptanceUnknown');
}

/** The AUP acceptances made on this device and whether each reached ICT; every value shown as text. */
export function AcceptanceSection() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    fetchAcceptanceStatus().then((status) => setState({ kind: 'ready', status }), () => setState({ kind: 'failed' }));
  }, []);
  return (
    <section aria-labelledby="acceptance-heading" data-testid="acceptance-section">
      <h2 id="acceptance-heading">{t('acceptanceHeading')}</h2>
      {state.kind === 'loading' && <p>{t('loading')}</p>}
      {state.kind === 'failed' && <p class="notice notice--danger">{t('acceptanceUnavailable')}</p>}
      {state.kind === 'ready' && !state.status.accepted && (
        <p>
          {state.status.required ? t('acceptanceNone', state.status.aup.version) : t('acceptanceNotRequired')}{' '}
          {state.status.required && <a href={pageUrl('welcome')}>{t('acceptanceOpenWelcome')}</a>}
        </p>
      )}
      {state.kind === 'ready' && state.status.history.length > 0 && (
        <table class="events" data-testid="acceptance-table">
          <caption>{t('acceptanceCaption', String(state.status.history.length))}</caption>
          <thead>
            <tr>
              <th scope="col">{t('recordWhen')}</th>
              <th scope="col">{t('acceptanceVersion')}</th>
              <th scope="col">{t('acceptanceSent')}</th>
            </tr>
          </thead>
          <tbody>
            {state.status.history.map((a) => (
              <tr key={a.id}>
                <td>{formatDateTime(a.acceptedAt)}</td>
                <td>{a.aupVersion}</td>
                <td data-testid="acceptance-delivery">{deliveryText(a)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
