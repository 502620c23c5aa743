/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';
import { REPORT_KINDS, type ReportKind } from '../../protocol/report-wire.ts';
import { IWF_REPORT_URL } from '../mail-messages.ts';
import type { Delivery, DeliveryChannel, StoredReport } from '../report-store.ts';
import { LIST_ROWS, type FilterForm } from './filters.ts';
import type { MessageKey, Translator } from './i18n.ts';
import { CutNotice, page, Select } from './layout.tsx';
import { rulesChange } from './rules-change.ts';

/** The reports list and one report. No reported URL is ever an href: it is text to copy. */

const KIND: Record<ReportKind, MessageKey> = { inadvertent: 'kindInadvertent', 'wrongly-blocked': 'kindWronglyBlocked', 'wrongly-allowed': 'kindWronglyAllowed', 'software-request': 'kindSoftwareRequest' };
const CHANNEL: Record<DeliveryChannel, MessageKey> = { 'mail-helpdesk': 'channelHelpdesk', 'mail-line-manager': 'channelLineManager', webhook: 'channelWebhook' };

function category({ t }: Translator, r: StoredReport): string {
  if (!r.category) return t('categoryNotKnown');
  return r.categoryTitle ? `${r.categoryTitle} (${r.category})` : r.category;
}

export function deviceWords({ t }: Translator, d: StoredReport['device']): string {
  return t('deviceSummary', d.extensionVersion, d.browser, d.group || t('groupNotSet'), d.policySerial ?? t('serialNone'));
}

function FilterPanel({ tr, form, categories }: { tr: Translator; form: FilterForm; categories: string[] }) {
  const { t } = tr;
  return (
    <form method="get" action="/inbox/reports" class="filters" aria-labelledby="filter-title">
      <h2 id="filter-title">{t('filterReportsTitle')}</h2>
      <Select name="kind" label={t('kindLabel')} value={form.kind} options={[['', t('anyKind')], ...REPORT_KINDS.map((k) => [k, t(KIND[k])] as const)]} />
      <Select name="category" label={t('categoryLabel')} value={form.category} options={[['', t('anyCategory')], ...categories.map((c) => [c, c] as const)]} />
      <Select name="state" label={t('stateLabel')} value={form.state} options={[['', t('anyState')], ['new', t('stateNew')], ['actioned', t('stateActioned')]]} />
      <div class="field">
        <label for="from">{t('receivedFromLabel')}</label>
        <input id="from" name="from" type="date" value={form.from} />
      </div>
      <div class="field">
        <label for="to">{t('receivedToLabel')}</label>
        <input id="to" name="to" type="date" value={form.to} />
      </div>
      <button type="submit">{t('applyFilters')}</button>
    </form>
  );
}

export function listPage(tr: Translator, reports: StoredReport[], form: FilterForm, categories: string[], csrf: string, query: string, cut: boolean): string {
  const { t } = tr;
  return page(tr, t('reportsTitle'), <>
    <h1>{t('reportsTitle')}</h1>
    <FilterPanel tr={tr} form={form} categories={categories} />
    <p><a href={`/inbox/reports.csv${query}`}>{t('reportsCsvLink')}</a></p>
    {cut && <CutNotice text={t('reportsCut', LIST_ROWS)} />}
    {reports.length === 0 ? <p>{t('reportsNone')}</p> : (
      <table>
        <caption>{reports.length === 1 ? t('reportsCaptionOne') : t('reportsCaptionMany', reports.length)}</caption>
        <thead><tr>
          <th scope="col">{t('colReceipt')}</th><th scope="col">{t('colReceived')}</th><th scope="col">{t('kindLabel')}</th>
          <th scope="col">{t('categoryLabel')}</th><th scope="col">{t('colSite')}</th><th scope="col">{t('stateLabel')}</th>
        </tr></thead>
        <tbody>
          {reports.map((r) => (
            <tr>
              <td><a href={`/inbox/reports/${encodeURIComponent(r.id)}`}>{r.receipt}</a></td>
              <td>{tr.dateTime(r.receivedAt)}</td>
              <td>{t(KIND[r.kind])}</td>
              <td>{category(tr, r)}{r.sensitive && <strong class="tag">{` ${t('sensitiveTag')}`}</strong>}</td>
              <td><code>{r.host}</code></td>
              <td>{r.state === 'new' ? t('stateNew') : t('stateActioned')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </>, { csrf, section: 'reports' });
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return <><dt>{label}</dt><dd>{children}</dd></>;
}

function deliveryWords(tr: Translator, d: Delivery): string {
  const { t } = tr;
  const channel = t(CHANNEL[d.channel]);
  if (d.deliveredAt) return t('deliverySent', channel, d.to, tr.dateTime(d.deliveredAt));
  const attempts = d.attempts === 1 ? t('attemptsOne') : t('attemptsMany', d.attempts);
  return d.lastError
    ? t('deliveryPendingError', channel, d.to, attempts, d.lastError, tr.dateTime(d.nextAttemptAt))
    : t('deliveryPending', channel, d.to, attempts, tr.dateTime(d.nextAttemptAt));
}

export function reportPage(tr: Translator, r: StoredReport, deliveries: Delivery[], csrf: string): string {
  const { t } = tr;
  const change = rulesChange(r);
  return page(tr, t('reportTitle', r.receipt), <>
    <p><a href="/inbox/reports">{t('backToReports')}</a></p>
    <h1>{t('reportHeading', r.receipt, t(KIND[r.kind]))}</h1>
    {r.sensitive && (
      <div class="warning" role="note">
        <h2>{t('sensitiveTitle')}</h2>
        <p>{t('sensitiveAdvice')}{' '}
          <a href={IWF_REPORT_URL} rel="noreferrer noopener" target="_blank">{t('iwfLink')}</a>.</p>
      </div>
    )}
    <dl>
      <Row label={t('rowAddress')}><code class="url">{r.url}</code></Row>
      <Row label={t('colSite')}><code>{r.host}</code></Row>
      <Row label={t('categoryLabel')}>{category(tr, r)}{r.sensitive ? ` — ${t('sensitiveTag')}` : ''}</Row>
      <Row label={t('rowAccessed')}>{tr.dateTime(r.accessedAt)}</Row>
      <Row label={t('rowReported')}>{tr.dateTime(r.reportedAt)}</Row>
      <Row label={t('colReceived')}>{tr.dateTime(r.receivedAt)}</Row>
      <Row label={t('rowNote')}>{r.note ?? t('noneGiven')}</Row>
      <Row label={t('rowReportedBy')}>{r.userIdentity ?? t('notGiven')}</Row>
      <Row label={t('rowLineManager')}>{r.lineManagerEmail ?? t('notGiven')}</Row>
      <Row label={t('rowDevice')}>{deviceWords(tr, r.device)}</Row>
      <Row label={t('stateLabel')}>{r.state === 'new' ? t('stateNew') : t('stateActionedAt', tr.dateTime(r.actionedAt!))}</Row>
    </dl>
    <h2>{t('whoToldTitle')}</h2>
    {deliveries.length === 0 ? <p>{t('whoToldNone')}</p> : <ul>{deliveries.map((d) => <li>{deliveryWords(tr, d)}</li>)}</ul>}
    <h2>{t(change.title)}</h2>
    <p>{t('rulesChangeIn', change.file, t(change.where))}</p>
    <pre><code>{change.text}</code></pre>
    <p>{t('rulesChangeThen')}</p>
    <pre><code>aup check &amp;&amp; aup test &amp;&amp; aup build</code></pre>
    {r.state === 'new' && (
      <form method="post" action={`/inbox/reports/${encodeURIComponent(r.id)}/actioned`}>
        <input type="hidden" name="csrf" value={csrf} />
        <button type="submit">{t('markActioned')}</button>
      </form>
    )}
  </>, { csrf, section: 'reports' });
}
