import { REPORT_KINDS } from '../../protocol/report-wire.ts';
import { ACCEPTANCE_LIMITS } from '../../protocol/acceptance-wire.ts';
import { FINDING_IDS, type FindingId } from '../../protocol/checkin-wire.ts';
import type { AcceptanceFilter } from '../acceptance-store.ts';
import { FLEET_SHOWS, type DeviceFilter, type FleetShow } from '../checkin-store.ts';
import type { ReportFilter } from '../report-store.ts';

/**
 * The inbox's filter forms: the query string as typed (bounded, shown back in the form as
 * text) and the store filter it means. Anything that is not a valid value filters nothing.
 */

/** How many rows a list page shows; the CSV has them all. */
export const LIST_ROWS = 500;

export type FilterForm = { kind: string; category: string; state: string; from: string; to: string };
export type AcceptanceForm = { version: string; user: string };
export type FleetForm = { group: string; finding: string; show: string };

/** The group filter's value for devices that report no group ('' is "any group"). */
export const NO_GROUP = '-';

const field = (params: URLSearchParams, name: string, max: number) => (params.get(name) ?? '').slice(0, max);

export function reportForm(params: URLSearchParams): FilterForm {
  const get = (name: string) => field(params, name, 64);
  return { kind: get('kind'), category: get('category'), state: get('state'), from: get('from'), to: get('to') };
}

export function acceptanceForm(params: URLSearchParams): AcceptanceForm {
  return { version: field(params, 'version', ACCEPTANCE_LIMITS.aupVersion), user: field(params, 'user', ACCEPTANCE_LIMITS.userIdentity).trim() };
}

export function fleetForm(params: URLSearchParams): FleetForm {
  return { group: field(params, 'group', 64), finding: field(params, 'finding', 64), show: field(params, 'show', 32) };
}

export function fleetFilterOf(form: FleetForm): DeviceFilter {
  const filter: DeviceFilter = {};
  if (form.group === NO_GROUP) filter.group = '';
  else if (/^[a-z][a-z0-9-]{0,63}$/.test(form.group)) filter.group = form.group;
  if ((FINDING_IDS as readonly string[]).includes(form.finding)) filter.finding = form.finding as FindingId;
  if ((FLEET_SHOWS as readonly string[]).includes(form.show)) filter.show = form.show as FleetShow;
  return filter;
}

export function filterOf(form: FilterForm): ReportFilter {
  const filter: ReportFilter = {};
  if ((REPORT_KINDS as readonly string[]).includes(form.kind)) filter.kind = form.kind as ReportFilter['kind'];
  if (/^[a-z0-9-]{1,64}$/.test(form.category)) filter.category = form.category;
  if (form.state === 'new' || form.state === 'actioned') filter.state = form.state;
  const from = londonMidnight(form.from);
  const to = londonMidnight(form.to, 1);
  if (from) filter.from = from;
  if (to) filter.to = to;
  return filter;
}

export function acceptanceFilterOf(form: AcceptanceForm): AcceptanceFilter {
  const filter: AcceptanceFilter = {};
  if (form.version) filter.aupVersion = form.version;
  if (form.user) filter.userIdentity = form.user;
  return filter;
}

/** The instant a UK calendar day (YYYY-MM-DD) starts, `plusDays` later; null if not a date. */
export function londonMidnight(date: string, plusDays = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  if (Number.isNaN(utc)) return null;
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' })
    .formatToParts(utc).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const hours = Number(/GMT([+-]\d+)?/.exec(offset)?.[1] ?? 0);
  return new Date(utc - hours * 3_600_000).toISOString();
}
