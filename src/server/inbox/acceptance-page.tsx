/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import type { AcceptanceSummary, NotAccepted, StoredAcceptance } from '../acceptance-store.ts';
import { LIST_ROWS, type AcceptanceForm } from './filters.ts';
import type { Translator } from './i18n.ts';
import { CutNotice, page, Select } from './layout.tsx';
import { deviceWords } from './report-pages.tsx';

/**
 * /inbox/acceptances: who has accepted which AUP version. A summary per version first (what ICT
 * asks: "has everyone accepted 2026.1?"), then the acceptances themselves, newest first. Titles
 * and identities come from devices: text only, as everywhere in the inbox.
 */

function Summary({ tr, summary }: { tr: Translator; summary: AcceptanceSummary[] }) {
  const { t } = tr;
  return (
    <table>
      <caption>{t('summaryCaption')}</caption>
      <thead><tr>
        <th scope="col">{t('aupVersionLabel')}</th><th scope="col">{t('colTitle')}</th><th scope="col">{t('colAcceptances')}</th>
        <th scope="col">{t('colPeople')}</th><th scope="col">{t('colWithoutIdentity')}</th><th scope="col">{t('colLastReceived')}</th>
      </tr></thead>
      <tbody>
        {summary.map((s) => (
          <tr>
            <th scope="row"><a href={`/inbox/acceptances?${new URLSearchParams({ version: s.aupVersion })}`}>{s.aupVersion}</a></th>
            <td>{s.aupTitle}</td>
            <td>{s.acceptances}</td>
            <td>{s.people}</td>
            <td>{s.withoutIdentity}</td>
            <td>{tr.dateTime(s.lastReceivedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Who has NOT accepted the current version: the question ICT is asked before an audit. */
export type NotAcceptedView = NotAccepted & { aupVersion: string; fromServedPolicy: boolean; cut: boolean };

function NotAcceptedSection({ tr, view }: { tr: Translator; view: NotAcceptedView }) {
  const { t } = tr;
  return (
    <section aria-labelledby="not-accepted-title" data-testid="not-accepted">
      <h2 id="not-accepted-title">{t('notAcceptedTitle', view.aupVersion)}</h2>
      <p>{view.fromServedPolicy ? t('notAcceptedServed') : t('notAcceptedNewest')}</p>
      {view.withoutIdentity > 0 && <p>{t('notAcceptedWithoutIdentity', view.withoutIdentity)}</p>}
      {view.devices.length > 0 && <p><a href="/inbox/not-accepted.csv">{t('notAcceptedCsvLink')}</a></p>}
      {view.cut && <CutNotice text={t('notAcceptedCut', LIST_ROWS)} />}
      {view.devices.length === 0 ? <p>{t('notAcceptedNone')}</p> : (
        <table>
          <caption>{t('notAcceptedCaption', view.devices.length)}</caption>
          <thead><tr>
            <th scope="col">{t('userIdentityLabel')}</th><th scope="col">{t('rowDeviceName')}</th>
            <th scope="col">{t('colGroup')}</th><th scope="col">{t('rowLastSeen')}</th>
          </tr></thead>
          <tbody>
            {view.devices.map((d) => (
              <tr>
                <th scope="row"><a href={`/inbox/fleet/${d.deviceId}`}>{d.userIdentity}</a></th>
                <td>{d.deviceName ?? t('notGiven')}</td>
                <td>{d.group || t('groupNotSet')}</td>
                <td>{tr.dateTime(d.lastSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function FilterPanel({ tr, form, versions }: { tr: Translator; form: AcceptanceForm; versions: string[] }) {
  const { t } = tr;
  const known = versions.includes(form.version) || !form.version ? versions : [form.version, ...versions];
  return (
    <form method="get" action="/inbox/acceptances" class="filters" aria-labelledby="filter-title">
      <h2 id="filter-title">{t('filterAcceptancesTitle')}</h2>
      <Select name="version" label={t('aupVersionLabel')} value={form.version} options={[['', t('anyVersion')], ...known.map((v) => [v, v] as const)]} />
      <div class="field">
        <label for="user">{t('userIdentityLabel')}</label>
        <p class="hint" id="user-hint">{t('userIdentityHint')}</p>
        <input id="user" name="user" type="text" value={form.user} aria-describedby="user-hint" autocomplete="off" spellcheck={false} />
      </div>
      <button type="submit">{t('applyFilters')}</button>
    </form>
  );
}

export function acceptancesPage(
  tr: Translator, acceptances: StoredAcceptance[], summary: AcceptanceSummary[], form: AcceptanceForm, csrf: string, query: string, cut: boolean,
  notAccepted: NotAcceptedView | null = null,
): string {
  const { t } = tr;
  return page(tr, t('acceptancesTitle'), <>
    <h1>{t('acceptancesTitle')}</h1>
    <p>{t('acceptancesIntro')}</p>
    {summary.length === 0 ? <p>{t('acceptancesNoneYet')}</p> : <Summary tr={tr} summary={summary} />}
    {notAccepted && <NotAcceptedSection tr={tr} view={notAccepted} />}
    <FilterPanel tr={tr} form={form} versions={summary.map((s) => s.aupVersion)} />
    <p><a href={`/inbox/acceptances.csv${query}`}>{t('acceptancesCsvLink')}</a></p>
    {cut && <CutNotice text={t('acceptancesCut', LIST_ROWS)} />}
    {acceptances.length === 0 ? <p>{t('acceptancesNone')}</p> : (
      <table>
        <caption>{acceptances.length === 1 ? t('acceptancesCaptionOne') : t('acceptancesCaptionMany', acceptances.length)}</caption>
        <thead><tr>
          <th scope="col">{t('colReceipt')}</th><th scope="col">{t('userIdentityLabel')}</th><th scope="col">{t('aupVersionLabel')}</th>
          <th scope="col">{t('colAccepted')}</th><th scope="col">{t('colReceived')}</th><th scope="col">{t('colPolicySerial')}</th><th scope="col">{t('rowDevice')}</th>
        </tr></thead>
        <tbody>
          {acceptances.map((a) => (
            <tr>
              <td>{a.receipt}</td>
              <td>{a.userIdentity ?? t('notGiven')}</td>
              <td>{a.aupVersion}<br /><span class="secondary">{a.aupTitle}</span></td>
              <td>{tr.dateTime(a.acceptedAt)}</td>
              <td>{tr.dateTime(a.receivedAt)}</td>
              <td>{a.policySerial ?? t('serialBaseline')}</td>
              <td>{deviceWords(tr, a.device)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </>, { csrf, section: 'acceptances' });
}
