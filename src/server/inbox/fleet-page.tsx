/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import { FINDING_IDS } from '../../protocol/checkin-wire.ts';
import { FLEET_SHOWS, NOT_SEEN_DAYS, type FleetShow, type FleetSummary, type GroupSummary, type StoredDevice } from '../checkin-store.ts';
import { LIST_ROWS, NO_GROUP, type FleetForm } from './filters.ts';
import { BROWSER_NAMES, FINDING_WORDS, showWords } from './fleet-words.ts';
import type { Translator } from './i18n.ts';
import { CutNotice, page, Select } from './layout.tsx';

/**
 * /inbox/fleet: which devices are behind or weakened. A summary first (each number a link to
 * the devices it counts), then the same per group, the filters, and the devices by group.
 * Names, identities and versions come from devices: text only, as everywhere in the inbox.
 */

const DAY_MS = 86_400_000;

export type FleetPageData = {
  summary: { all: FleetSummary; groups: GroupSummary[] };
  devices: StoredDevice[];
  groups: string[];
  /** The served bundle's validity, for saying what "behind" means; null when none is served. */
  validityMs: number | null;
  cut: boolean;
};

/** The list filtered to `show` (and one group: '' is the devices that report none). */
function showLink(show: FleetShow | '', group?: string): string {
  const query = new URLSearchParams();
  if (group !== undefined) query.set('group', group || NO_GROUP);
  if (show) query.set('show', show);
  return `/inbox/fleet?${query}`;
}

function Summary({ tr, all }: { tr: Translator; all: FleetSummary }) {
  const { t } = tr;
  const rows: [string, number, FleetShow | ''][] = [
    [t('sumDevices'), all.devices, ''],
    [t('sumOnNewest', all.newestSerial ?? t('serialNone')), all.onNewest, ''],
    [t('sumWithHigh'), all.withHigh, 'high'],
    [t('sumNotSeen', NOT_SEEN_DAYS), all.notSeen, 'not-seen'],
    [t('sumBehind'), all.behind, 'behind'],
    [t('sumNotInstalledByPolicy'), all.notInstalledByPolicy, 'not-installed-by-policy'],
  ];
  return (
    <table class="summary">
      <caption>{t('fleetSummaryCaption')}</caption>
      <thead><tr><th scope="col">{t('colMeasure')}</th><th scope="col">{t('colCount')}</th></tr></thead>
      <tbody>
        {rows.map(([label, count, show]) => (
          <tr><th scope="row">{label}</th><td>{show && count > 0 ? <a href={showLink(show)}>{count}</a> : count}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

function Groups({ tr, groups }: { tr: Translator; groups: GroupSummary[] }) {
  const { t } = tr;
  const cell = (count: number, group: string, show: FleetShow) => <td>{count > 0 ? <a href={showLink(show, group)}>{count}</a> : count}</td>;
  return (
    <table>
      <caption>{t('groupsCaption')}</caption>
      <thead><tr>
        <th scope="col">{t('colGroup')}</th><th scope="col">{t('sumDevices')}</th><th scope="col">{t('sumNotNewest')}</th>
        <th scope="col">{t('sumWithHigh')}</th><th scope="col">{t('sumNotSeen', NOT_SEEN_DAYS)}</th><th scope="col">{t('sumBehind')}</th>
      </tr></thead>
      <tbody>
        {groups.map((g) => (
          <tr>
            <th scope="row"><a href={showLink('', g.group)}>{g.group || t('groupNotSet')}</a></th>
            <td>{g.devices}</td>
            {cell(g.devices - g.onNewest, g.group, 'not-newest')}
            {cell(g.withHigh, g.group, 'high')}
            {cell(g.notSeen, g.group, 'not-seen')}
            {cell(g.behind, g.group, 'behind')}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FilterPanel({ tr, form, groups }: { tr: Translator; form: FleetForm; groups: string[] }) {
  const { t } = tr;
  const groupOptions = groups.map((g) => (g ? [g, g] as const : [NO_GROUP, t('groupNotSet')] as const));
  return (
    <form method="get" action="/inbox/fleet" class="filters" aria-labelledby="filter-title">
      <h2 id="filter-title">{t('filterFleetTitle')}</h2>
      <Select name="show" label={t('showLabel')} value={form.show} options={[['', t('sumDevices')], ...FLEET_SHOWS.map((s) => [s, showWords(tr, s)] as const)]} />
      <Select name="finding" label={t('findingLabel')} value={form.finding} options={[['', t('anyFinding')], ...FINDING_IDS.map((f) => [f, t(FINDING_WORDS[f].title)] as const)]} />
      <Select name="group" label={t('colGroup')} value={form.group} options={[['', t('anyGroup')], ...groupOptions]} />
      <button type="submit">{t('applyFilters')}</button>
    </form>
  );
}

export function deviceLabel(d: StoredDevice): string {
  return d.checkin.deviceName ?? d.deviceId;
}

function DeviceRow({ tr, d, newest }: { tr: Translator; d: StoredDevice; newest: number | null }) {
  const { t } = tr;
  const { checkin: c } = d;
  const serial = c.policy.serial;
  return (
    <tr>
      <th scope="row"><a href={`/inbox/fleet/${d.deviceId}`}>{deviceLabel(d)}</a></th>
      <td>{c.userIdentity ?? t('notGiven')}</td>
      <td>{c.group || t('groupNotSet')}</td>
      <td>{tr.dateTime(d.lastSeen)}</td>
      <td>
        {serial ?? t('serialBaseline')}
        {serial !== null && serial === newest && <> <span class="secondary">({t('tagNewest')})</span></>}
        {d.behind && <> <strong class="tag">{t('tagBehind')}</strong></>}
      </td>
      <td>{t('findingCounts', d.findings.high, d.findings.medium, d.findings.low)}</td>
      <td>
        {BROWSER_NAMES[c.extension.browser]} {c.extension.browserVersion}<br />
        <span class="secondary">AUP Guard {c.extension.version}</span>
        {!c.installedByPolicy && <><br /><strong class="tag">{t('tagNotByPolicy')}</strong></>}
      </td>
    </tr>
  );
}

export function behindNote({ t }: Translator, validityMs: number | null): string {
  return validityMs === null ? t('fleetBehindNoteOwn') : t('fleetBehindNote', Math.round(validityMs / DAY_MS));
}

export function fleetPage(tr: Translator, data: FleetPageData, form: FleetForm, csrf: string, query: string): string {
  const { t } = tr;
  const { summary, devices } = data;
  return page(tr, t('fleetTitle'), <>
    <h1>{t('fleetTitle')}</h1>
    <p>{t('fleetIntro')}</p>
    {summary.all.devices === 0 ? <p>{t('fleetNoneYet')}</p> : <>
      <Summary tr={tr} all={summary.all} />
      <p class="hint">{behindNote(tr, data.validityMs)}</p>
      <Groups tr={tr} groups={summary.groups} />
    </>}
    <FilterPanel tr={tr} form={form} groups={data.groups} />
    <p><a href={`/inbox/fleet.csv${query}`}>{t('fleetCsvLink')}</a></p>
    {data.cut && <CutNotice text={t('fleetCut', LIST_ROWS)} />}
    {devices.length === 0 ? <p>{t('fleetNone')}</p> : (
      <table>
        <caption>{devices.length === 1 ? t('fleetCaptionOne') : t('fleetCaptionMany', devices.length)}</caption>
        <thead><tr>
          <th scope="col">{t('rowDevice')}</th><th scope="col">{t('userIdentityLabel')}</th><th scope="col">{t('colGroup')}</th>
          <th scope="col">{t('colLastCheckin')}</th><th scope="col">{t('colPolicySerial')}</th><th scope="col">{t('colFindings')}</th><th scope="col">{t('colBrowser')}</th>
        </tr></thead>
        <tbody>{devices.map((d) => <DeviceRow tr={tr} d={d} newest={summary.all.newestSerial} />)}</tbody>
      </table>
    )}
  </>, { csrf, section: 'fleet' });
}
