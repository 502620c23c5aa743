import { useState } from 'preact/hooks';
import type { StatusReply } from '../../../src/protocol/status.ts';
import { messagesLocale, t } from '../../platform/i18n.ts';
import { refreshPolicy } from '../../ui/worker-client.ts';
import { dateFormat } from '../../../src/schedule/date-format.ts';
import {
  StatusWarnings, formatAgo, formatDateTime, modeText, policyHeadline, settingsSourceText, statusWarnings, useNow,
} from '../../ui/status-view.tsx';

export type StatusState = { kind: 'loading' } | { kind: 'ready'; status: StatusReply } | { kind: 'failed' };

function Facts({ status, now }: { status: StatusReply; now: number }) {
  const policy = status.policy && status.policy.source === 'bundle' ? status.policy : null;
  return (
    <dl class="facts" data-testid="status-facts">
      <dt>{t('factPolicy')}</dt>
      <dd data-testid="status-serial">{policy ? String(policy.serial) : t('factPolicyBaseline')}</dd>
      {policy && (
        <>
          <dt>{t('factIssued')}</dt>
          <dd>{formatDateTime(policy.issuedAt)}</dd>
          <dt>{t('factExpires')}</dt>
          <dd>{formatDateTime(policy.expiresAt)}</dd>
          <dt>{t('factFetched')}</dt>
          <dd>{formatDateTime(policy.fetchedAt)}</dd>
        </>
      )}
      <dt>{t('factChecked')}</dt>
      <dd>{status.checkedAt ? `${formatDateTime(status.checkedAt)} (${formatAgo(status.checkedAt, now)})` : t('statusNever')}</dd>
      <dt>{t('factMode')}</dt>
      <dd>{modeText(status, now)}</dd>
      {status.group && (
        <>
          <dt>{t('factGroup')}</dt>
          <dd data-testid="status-group">{status.groupTitle ? t('factGroupValue', [status.groupTitle, status.group]) : status.group}</dd>
        </>
      )}
      <dt>{t('factSettings')}</dt>
      <dd>{settingsSourceText(status.configSource)}</dd>
      <dt>{t('factVersion')}</dt>
      <dd>{status.version}</dd>
      <dt>{t('factLastProblem')}</dt>
      <dd data-testid="status-last-error">{status.lastError ?? t('factNone')}</dd>
      {status.internalError && (
        <>
          <dt>{t('factInternalProblem')}</dt>
          <dd data-testid="status-internal-error">{t('factInternalProblemValue', [status.internalError.what, status.internalError.message])}</dd>
        </>
      )}
    </dl>
  );
}

/** What is in force, and a button to check for a new policy now (`policy/refresh`). */
export function StatusSection({ state, onStatus }: { state: StatusState; onStatus(status: StatusReply): void }) {
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  async function refresh() {
    if (busy) return;
    setBusy(true);
    setMessage(t('refreshBusy'));
    try {
      const status = await refreshPolicy();
      onStatus(status);
      const at = Date.now();
      const time = dateFormat(messagesLocale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
      setMessage([t('refreshDone', [time, policyHeadline(status, at)]), ...statusWarnings(status, at)].join(' '));
    } catch {
      setMessage(t('refreshUnavailable'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="status-heading">
      <h2 id="status-heading">{t('statusHeading')}</h2>
      {state.kind === 'loading' && <p>{t('popupStatusLoading')}</p>}
      {state.kind === 'failed' && <p class="notice notice--danger">{t('popupStatusUnavailable')}</p>}
      {state.kind === 'ready' && (
        <>
          <p data-testid="policy-status">{policyHeadline(state.status, now)}</p>
          <StatusWarnings status={state.status} now={now} />
          <Facts status={state.status} now={now} />
        </>
      )}
      <div class="actions">
        <button type="button" aria-disabled={busy ? 'true' : undefined} onClick={() => void refresh()} data-testid="refresh-policy">
          {t('refreshButton')}
        </button>
      </div>
      <p role="status" data-testid="refresh-result">{message}</p>
    </section>
  );
}
