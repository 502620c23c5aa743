import { useEffect, useState } from 'preact/hooks';
import type { ReportsListReply } from '../../../src/protocol/reports.ts';
import { t } from '../../platform/i18n.ts';
import { fetchReports } from '../../ui/worker-client.ts';
import { formatDateTime } from '../../ui/status-view.tsx';
import { problemText } from '../../ui/problem-text.ts';

type Row = ReportsListReply['reports'][number];
type State = { kind: 'loading' } | { kind: 'ready'; reports: Row[] } | { kind: 'failed' };

const KIND_TEXT: Record<Row['kind'], string> = {
  inadvertent: 'myReportKindInadvertent',
  'wrongly-blocked': 'myReportKindWronglyBlocked',
  'wrongly-allowed': 'myReportKindWronglyAllowed',
  'software-request': 'downloadMyReportKindSoftware',
};

/** Where the report is: sent (with its receipt), waiting to be sent (and why), or refused by the server. */
function stateText(r: Row): string {
  if (r.state === 'delivered') return t('myReportDelivered', r.receipt ?? '');
  if (r.state === 'refused') return t('myReportRefused', problemText(r.lastProblem, r.lastError ?? ''));
  return r.nextAttemptAt ? t('myReportQueuedUntil', formatDateTime(r.nextAttemptAt)) : t('myReportQueued');
}

/** "My reports": every report this device holds, newest first; every value shown as text. */
export function ReportsSection() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    fetchReports().then((reply) => setState({ kind: 'ready', reports: reply.reports }), () => setState({ kind: 'failed' }));
  }, []);
  return (
    <section aria-labelledby="my-reports">
      <h2 id="my-reports">{t('myReportsHeading')}</h2>
      {state.kind === 'loading' && <p>{t('loading')}</p>}
      {state.kind === 'failed' && <p class="notice notice--danger">{t('myReportsUnavailable')}</p>}
      {state.kind === 'ready' && state.reports.length === 0 && <p data-testid="reports-empty">{t('myReportsEmpty')}</p>}
      {state.kind === 'ready' && state.reports.length > 0 && (
        <table class="events" data-testid="reports-table">
          <caption>{t('myReportsCaption', String(state.reports.length))}</caption>
          <thead>
            <tr>
              <th scope="col">{t('recordWhen')}</th>
              <th scope="col">{t('myReportsWhat')}</th>
              <th scope="col">{t('myReportsState')}</th>
              <th scope="col">{t('recordAddress')}</th>
            </tr>
          </thead>
          <tbody>
            {state.reports.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.reportedAt)}</td>
                <td>{t(KIND_TEXT[r.kind])}{r.categoryTitle ? ` (${r.categoryTitle})` : ''}</td>
                <td data-testid="report-state">{stateText(r)}</td>
                <td class="url">{r.url}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
