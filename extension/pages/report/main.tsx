import '../../ui/forms.css';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { mount } from '../../ui/mount.tsx';
import { Page } from '../../ui/Page.tsx';
import { NotInAFrame } from '../../ui/NotInAFrame.tsx';
import { ErrorSummary, type SummaryItem } from '../../ui/ErrorSummary.tsx';
import { usePageContext } from '../../ui/use-page-context.ts';
import { fetchReportDefaults, submitReport } from '../../ui/worker-client.ts';
import { t } from '../../platform/i18n.ts';
import { parsePageLocation } from '../../../src/protocol/page-location.ts';
import type { ReportKindChoice, ReportSubmitReply } from '../../../src/protocol/reports.ts';
import { reportableUrl } from '../../../src/reports/report-url.ts';
import { NOTE_MAX, localInputValue, submitRequest, validateReport, type ReportErrors, type ReportField, type ReportForm } from './report-form.ts';
import { problemText } from '../../ui/problem-text.ts';

/*
 * Report a site: reached by accident (the AUP asks staff to tell ICT and their line manager in
 * writing, with the date and time), or in the wrong category. Nothing from the page itself is
 * sent: only its address (as little of it as the person chooses), the time, the category and
 * their note. The URL is shown as text and never becomes markup or a link.
 */

const KINDS: Array<{ kind: ReportKindChoice; label: string; hint: string }> = [
  { kind: 'inadvertent', label: 'reportKindInadvertent', hint: 'reportKindInadvertentHint' },
  { kind: 'wrongly-blocked', label: 'reportKindWronglyBlocked', hint: 'reportKindWronglyBlockedHint' },
  { kind: 'wrongly-allowed', label: 'reportKindWronglyAllowed', hint: 'reportKindWronglyAllowedHint' },
];

const FIELD_IDS: Record<ReportField, string> = {
  kind: 'kind-inadvertent',
  url: 'scope-page',
  when: 'report-when',
  note: 'report-note',
  lineManagerEmail: 'report-manager',
};

function initialKind(kind: string | null): ReportKindChoice | '' {
  if (kind === 'inadvertent') return 'inadvertent';
  if (kind === 'misclassified') return 'wrongly-blocked';
  return '';
}

function Sent({ reply }: { reply: Extract<ReportSubmitReply, { ok: true }> }) {
  const heading = useRef<HTMLHeadingElement | null>(null);
  // In the same commit as the content, not after paint: a screen reader hears the new heading as
  // it appears, and nothing (a person's Tab, a test) sees the page with focus still on the body.
  useLayoutEffect(() => heading.current?.focus(), []);
  const delivered = reply.state === 'delivered';
  // GOV.UK confirmation page: the outcome and the reference number in one panel, then what next.
  return (
    <>
      <div class={delivered ? 'panel panel--confirmation' : 'panel panel--saved'} data-testid="report-receipt">
        <h1 tabIndex={-1} ref={heading} data-testid="report-sent">{delivered ? t('reportSentHeading') : t('reportQueuedHeading')}</h1>
        {reply.receipt && (
          <div class="panel__body">
            <p>{t('reportReceiptLabel')}</p>
            <p class="receipt">{reply.receipt}</p>
          </div>
        )}
      </div>
      {reply.receipt ? (
        <p>{t('reportMyReports')}</p>
      ) : (
        // Already says where the receipt will appear.
        <p class="notice notice--warn" data-testid="report-queued">{t('reportQueuedText')}</p>
      )}
    </>
  );
}

function Report() {
  const where = parsePageLocation(location.search, location.hash);
  const { context } = usePageContext(where.category);
  const [form, setForm] = useState<ReportForm>(() => ({
    kind: initialKind(where.kind),
    scope: 'page',
    keepQuery: false,
    when: localInputValue(where.at === null ? new Date() : new Date(where.at)),
    note: '',
    lineManagerEmail: '',
  }));
  const [managerByIct, setManagerByIct] = useState(false);
  const [errors, setErrors] = useState<ReportErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const [sent, setSent] = useState<Extract<ReportSubmitReply, { ok: true }> | null>(null);
  const summaryRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    fetchReportDefaults().then(
      (d) => {
        if (d.lineManagerEmail) setForm((f) => ({ ...f, lineManagerEmail: d.lineManagerEmail ?? '' }));
        setManagerByIct(d.lineManagerSetByIct);
      },
      () => undefined,
    );
  }, []);

  const set = <K extends keyof ReportForm>(key: K, value: ReportForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const hasQuery = where.url !== null && new URL(where.url).search.length > 1;
  const shown = where.url ? reportableUrl(where.url, { scope: form.scope, keepQuery: form.keepQuery }) : null;

  async function onSubmit(e: Event) {
    e.preventDefault();
    const found = validateReport(form, where.url, new Date());
    setErrors(found);
    setFailure('');
    if (Object.keys(found).length > 0) {
      setTimeout(() => summaryRef.current?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      const reply = await submitReport(submitRequest(form, where.url!, where.category));
      if (reply.ok) setSent(reply);
      else setFailure(reply.error === 'outbox-full' ? t('reportOutboxFull') : t('reportRefused', problemText(reply.problem, reply.message)));
    } catch {
      setFailure(t('reportNoWorker'));
    } finally {
      setBusy(false);
    }
  }

  if (sent) return <Page><Sent reply={sent} /></Page>;

  const summary: SummaryItem[] = (Object.keys(FIELD_IDS) as ReportField[])
    .filter((f) => errors[f])
    .map((f) => ({ fieldId: FIELD_IDS[f], message: errors[f]! }));
  const described = (id: string, hint: boolean, field: ReportField) =>
    [hint ? `${id}-hint` : null, errors[field] ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: ReportField) =>
    errors[field] ? <p class="field-error" id={`${FIELD_IDS[field]}-error`}>{errors[field]}</p> : null;

  return (
    <Page>
      <h1>{t('reportHeading')}</h1>
      <p class="notice notice--warn" data-testid="report-reminder">{context?.inadvertentAccess ?? t('reportReminder')}</p>
      <p>{t('reportNothingFromPage')}</p>
      {summary.length > 0 && <ErrorSummary items={summary} summaryRef={summaryRef} />}
      {failure && <p class="notice notice--danger" role="alert" data-testid="report-failure">{failure}</p>}
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <fieldset class={errors.kind ? 'field field--error' : 'field'} aria-describedby={errors.kind ? `${FIELD_IDS.kind}-error` : undefined}>
          <legend>{t('reportKindLegend')}</legend>
          {fieldError('kind')}
          {KINDS.map(({ kind, label, hint }) => (
            <div class="choice" key={kind}>
              <input type="radio" id={`kind-${kind}`} name="kind" value={kind} checked={form.kind === kind} onChange={() => set('kind', kind)} aria-describedby={`kind-${kind}-hint`} />
              <label for={`kind-${kind}`}>{t(label)}</label>
              <p class="hint" id={`kind-${kind}-hint`}>{t(hint)}</p>
            </div>
          ))}
        </fieldset>

        <fieldset class={errors.url ? 'field field--error' : 'field'}>
          <legend>{t('reportAddressLegend')}</legend>
          {fieldError('url')}
          <p class="url" data-testid="report-url">{shown ?? t('unknownAddress')}</p>
          <div class="choice">
            <input type="radio" id="scope-page" name="scope" checked={form.scope === 'page'} onChange={() => set('scope', 'page')} />
            <label for="scope-page">{t('reportScopePage')}</label>
          </div>
          <div class="choice">
            <input type="radio" id="scope-site" name="scope" checked={form.scope === 'site'} onChange={() => set('scope', 'site')} />
            <label for="scope-site">{t('reportScopeSite')}</label>
          </div>
          {hasQuery && form.scope === 'page' && (
            <div class="choice">
              <input type="checkbox" id="keep-query" checked={form.keepQuery} onChange={(e) => set('keepQuery', (e.currentTarget as HTMLInputElement).checked)} aria-describedby="keep-query-hint" />
              <label for="keep-query">{t('reportKeepQuery')}</label>
              <p class="hint" id="keep-query-hint">{t('reportKeepQueryHint')}</p>
            </div>
          )}
        </fieldset>

        <div class={errors.when ? 'field field--error' : 'field'}>
          <label for={FIELD_IDS.when}>{t('reportWhen')}</label>
          <p class="hint" id={`${FIELD_IDS.when}-hint`}>{t('reportWhenHint')}</p>
          {fieldError('when')}
          <input type="datetime-local" id={FIELD_IDS.when} value={form.when} onInput={(e) => set('when', (e.currentTarget as HTMLInputElement).value)} aria-describedby={described(FIELD_IDS.when, true, 'when')} aria-invalid={errors.when ? 'true' : undefined} />
        </div>

        <div class="field">
          <p class="label">{t('labelCategory')}</p>
          <p data-testid="report-category">{context?.category?.title ?? t('unknownCategory')}</p>
        </div>

        <div class={errors.note ? 'field field--error' : 'field'}>
          <label for={FIELD_IDS.note}>{t('reportNote')}</label>
          <p class="hint" id={`${FIELD_IDS.note}-hint`}>{t('reportNoteHint', String(NOTE_MAX))}</p>
          {fieldError('note')}
          <textarea id={FIELD_IDS.note} rows={4} value={form.note} onInput={(e) => set('note', (e.currentTarget as HTMLTextAreaElement).value)} aria-describedby={described(FIELD_IDS.note, true, 'note')} aria-invalid={errors.note ? 'true' : undefined} />
          <p class="hint" aria-live="polite">{t('reportNoteCount', [String(form.note.length), String(NOTE_MAX)])}</p>
        </div>

        <div class={errors.lineManagerEmail ? 'field field--error' : 'field'}>
          <label for={FIELD_IDS.lineManagerEmail}>{t('reportManager')}</label>
          <p class="hint" id={`${FIELD_IDS.lineManagerEmail}-hint`}>{managerByIct ? t('reportManagerByIct') : t('reportManagerHint')}</p>
          {fieldError('lineManagerEmail')}
          <input type="email" id={FIELD_IDS.lineManagerEmail} autoComplete="email" value={form.lineManagerEmail} readOnly={managerByIct} onInput={(e) => set('lineManagerEmail', (e.currentTarget as HTMLInputElement).value)} aria-describedby={described(FIELD_IDS.lineManagerEmail, true, 'lineManagerEmail')} aria-invalid={errors.lineManagerEmail ? 'true' : undefined} />
        </div>

        <div class="actions">
          <button type="submit" disabled={busy} data-testid="report-submit">{t('reportSubmit')}</button>
        </div>
      </form>
    </Page>
  );
}

mount(() => <NotInAFrame><Report /></NotInAFrame>, 'reportHeading');
