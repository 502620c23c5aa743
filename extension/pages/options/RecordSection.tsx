import { useEffect, useState } from 'preact/hooks';
import type { RecordedEvent } from '../../../src/protocol/events.ts';
import { messagesLocale, t } from '../../platform/i18n.ts';
import { fetchEvents } from '../../ui/worker-client.ts';
import { dateFormat } from '../../../src/schedule/date-format.ts';
import { formatDateTime } from '../../ui/status-view.tsx';
import { DEFAULT_EVENT_RETENTION_DAYS } from '../../../src/policy/compiled-schema.ts';

type EventsState = { kind: 'loading' } | { kind: 'ready'; events: RecordedEvent[]; retentionDays: number } | { kind: 'failed' };

/** What happened, in words; a break's times in the device's own clock (they are the person's own actions). */
function whatText(e: RecordedEvent): string {
  switch (e.kind) {
    case 'warn-continue': return t('eventWarnContinue');
    case 'break-start': return e.minutes === 1 ? t('eventBreakStartOne', formatClock(e.endsAt)) : t('eventBreakStart', [String(e.minutes), formatClock(e.endsAt)]);
    case 'break-end': return e.minutesBack === 1 ? t('eventBreakEndOne') : t('eventBreakEnd', String(e.minutesBack));
    case 'download-anyway': return t('downloadEventAnyway', e.name);
  }
}

function formatClock(iso: string): string {
  return dateFormat(messagesLocale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** The record kept about the person using the device, newest first, every value shown as text. */
function EventTable({ events }: { events: RecordedEvent[] }) {
  const newestFirst = [...events].reverse();
  return (
    <table class="events" data-testid="events-table">
      <caption>{t('recordCaption', String(events.length))}</caption>
      <thead>
        <tr>
          <th scope="col">{t('recordWhen')}</th>
          <th scope="col">{t('recordWhat')}</th>
          <th scope="col">{t('recordCategory')}</th>
          <th scope="col">{t('recordAddress')}</th>
        </tr>
      </thead>
      <tbody>
        {newestFirst.map((e, i) => (
          <tr key={`${e.at}-${i}`}>
            <td>{formatDateTime(e.at)}</td>
            <td>{whatText(e)}</td>
            <td>{e.kind === 'warn-continue' ? (e.categoryTitle ?? e.category) : e.kind === 'download-anyway' ? (e.fileTypeTitle ?? e.fileType) : t('recordNotApplicable')}</td>
            {e.kind === 'warn-continue' || e.kind === 'download-anyway' ? <td class="url">{e.url || e.host}</td> : <td>{t('recordNotApplicable')}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RecordSection({ reloadKey }: { reloadKey: number }) {
  const [state, setState] = useState<EventsState>({ kind: 'loading' });
  useEffect(() => {
    fetchEvents().then(
      (reply) => setState({ kind: 'ready', events: reply.events, retentionDays: reply.retentionDays ?? DEFAULT_EVENT_RETENTION_DAYS }),
      () => setState({ kind: 'failed' }),
    );
  }, [reloadKey]);
  return (
    <section aria-labelledby="record-heading">
      <h2 id="record-heading">{t('recordHeading')}</h2>
      <p>{t('recordWhy')}</p>
      <p>{t('recordWhatIsKept')}</p>
      {state.kind === 'ready' && <p data-testid="events-retention">{t('recordsEventsRetention', String(state.retentionDays))}</p>}
      <p>{t('recordBreaksKept')}</p>
      <p>{t('recordNotKept')}</p>
      <p>{t('recordReports')}</p>
      <h3>{t('recordListHeading')}</h3>
      {state.kind === 'loading' && <p>{t('loading')}</p>}
      {state.kind === 'failed' && <p class="notice notice--danger">{t('recordUnavailable')}</p>}
      {state.kind === 'ready' && state.events.length === 0 && <p data-testid="events-empty">{t('recordEmpty')}</p>}
      {state.kind === 'ready' && state.events.length > 0 && <EventTable events={state.events} />}
    </section>
  );
}
