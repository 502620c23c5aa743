import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerStore } from '../acceptance-store.ts';
import { sameSecret } from '../device-post.ts';
import { BodyTooLarge, clientAddress, PAGE_HEADERS, readBody } from '../http-io.ts';
import type { RateLimiter } from '../rate-limit.ts';
import { acceptancesPage, type NotAcceptedView } from './acceptance-page.tsx';
import type { AcceptanceSummary } from '../acceptance-store.ts';
import type { FleetView } from '../checkin-store.ts';
import type { PolicyFacts } from '../served-policy.ts';
import { acceptancesCsv, fleetCsv, notAcceptedCsv, reportsCsv } from './csv.ts';
import { acceptanceFilterOf, acceptanceForm, filterOf, fleetFilterOf, fleetForm, LIST_ROWS, reportForm } from './filters.ts';
import { devicePage } from './fleet-device.tsx';
import { fleetPage } from './fleet-page.tsx';
import { localeOf, translator, type Translator } from './i18n.ts';
import { messagePage, signInPage } from './layout.tsx';
import { listPage, reportPage } from './report-pages.tsx';
import { sameOrigin, sessionCookie, Sessions, type Session } from './sessions.ts';
import { STYLE } from './style.ts';

/**
 * The ICT inbox under /inbox: sign-in; reports (list with filters, one report, mark actioned,
 * CSV); acceptances (summary per AUP version, list with filters, CSV); fleet status (summary,
 * per group, devices with filters, CSV, one device). Each request is answered
 * in the language its Accept-Language prefers (Welsh or English).
 */
export type InboxDeps = {
  store: ServerStore;
  /** The served bundle: the fleet's newest serial and how long a bundle is valid ("behind"). */
  policy: () => PolicyFacts;
  adminPassword: string;
  sessions: Sessions;
  /** Sign-in attempts per client. */
  signInLimiter: RateLimiter;
  trustedProxies: readonly string[];
  now: () => Date;
};

type Answer = { req: IncomingMessage; res: ServerResponse; tr: Translator; deps: InboxDeps };

function html({ res, tr }: Answer, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-language': tr.lang, vary: 'Accept-Language', ...headers }).end(body);
}

function redirect(res: ServerResponse, to: string, headers: Record<string, string> = {}): void {
  res.writeHead(303, { location: to, 'cache-control': 'no-store', ...headers }).end();
}

/** Every row that matches, not only the page's: the CSV is how ICT gets everything. */
function csvFile(res: ServerResponse, name: string, text: string): void {
  res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
    .end(text);
}

/** One more row than shown, to know whether the list was cut. */
function shown<T>(rows: T[]): { rows: T[]; cut: boolean } {
  return { rows: rows.slice(0, LIST_ROWS), cut: rows.length > LIST_ROWS };
}

/**
 * Who has not accepted the current AUP version: the served policy's (its groups that need not
 * accept left out), or without one the newest version received; null when neither is known.
 */
async function notAcceptedOf(deps: InboxDeps, summary: AcceptanceSummary[], limit: number | null): Promise<Omit<NotAcceptedView, 'cut'> | null> {
  const policy = deps.policy();
  const aupVersion = policy.aupVersion ?? summary[0]?.aupVersion ?? null;
  if (aupVersion === null) return null;
  const found = await deps.store.notAccepted(aupVersion, { exceptGroups: policy.acceptanceNotRequired ?? [], limit });
  return { ...found, aupVersion, fromServedPolicy: Boolean(policy.aupVersion) };
}

async function notAcceptedView(deps: InboxDeps, summary: AcceptanceSummary[]): Promise<NotAcceptedView | null> {
  const found = await notAcceptedOf(deps, summary, LIST_ROWS + 1);
  if (!found) return null;
  const { rows, cut } = shown(found.devices);
  return { ...found, devices: rows, cut };
}

/** What the fleet is measured against now: the served bundle's serial and validity. */
function fleetView(deps: InboxDeps): FleetView {
  const policy = deps.policy();
  return { now: deps.now(), servedSerial: policy.serial, validityMs: policy.validityMs };
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req, 4096)).toString('utf8'));
}

/** A POST of a signed-in page: same origin and the session's CSRF token. */
async function checkedPost(req: IncomingMessage, session: Session): Promise<URLSearchParams | null> {
  if (!sameOrigin(req)) return null;
  const form = await formOf(req);
  return sameSecret(form.get('csrf') ?? '', session.csrf) ? form : null;
}

export async function handleInbox(req: IncomingMessage, res: ServerResponse, url: URL, deps: InboxDeps): Promise<void> {
  const path = url.pathname;
  const a: Answer = { req, res, tr: translator(localeOf(req.headers['accept-language'])), deps };
  const { t } = a.tr;
  try {
    if (path === '/inbox/style.css') return void res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' }).end(STYLE);
    if (path === '/inbox/sign-in') return await signIn(a);
    const session = deps.sessions.of(req);
    if (!session) return redirect(res, '/inbox/sign-in');
    if (req.method === 'POST') return await post(a, path, session);
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, POST' }).end();
    if (path === '/inbox' || path === '/inbox/') return redirect(res, '/inbox/reports');
    if (path === '/inbox/reports.csv') return csvFile(res, 'aup-reports.csv', reportsCsv(await deps.store.list({ ...filterOf(reportForm(url.searchParams)), limit: null })));
    if (path === '/inbox/reports') {
      const form = reportForm(url.searchParams);
      const { rows, cut } = shown(await deps.store.list({ ...filterOf(form), limit: LIST_ROWS + 1 }));
      const categories = [...new Set((await deps.store.list({ limit: 2000 })).map((r) => r.category).filter(Boolean))].sort();
      return html(a, 200, listPage(a.tr, rows, form, categories, session.csrf, url.search, cut));
    }
    if (path === '/inbox/acceptances.csv') {
      return csvFile(res, 'aup-acceptances.csv', acceptancesCsv(await deps.store.listAcceptances({ ...acceptanceFilterOf(acceptanceForm(url.searchParams)), limit: null })));
    }
    if (path === '/inbox/not-accepted.csv') {
      // Every device, not only the page's 500; no version known yet: the header alone.
      const found = await notAcceptedOf(deps, await deps.store.acceptanceSummary(), null);
      return csvFile(res, 'aup-not-accepted.csv', notAcceptedCsv(found?.aupVersion ?? null, found?.devices ?? []));
    }
    if (path === '/inbox/acceptances') {
      const form = acceptanceForm(url.searchParams);
      const { rows, cut } = shown(await deps.store.listAcceptances({ ...acceptanceFilterOf(form), limit: LIST_ROWS + 1 }));
      const summary = await deps.store.acceptanceSummary();
      return html(a, 200, acceptancesPage(a.tr, rows, summary, form, session.csrf, url.search, cut, await notAcceptedView(deps, summary)));
    }
    if (path === '/inbox/fleet.csv') return csvFile(res, 'aup-fleet.csv', fleetCsv(await deps.store.listDevices({ ...fleetFilterOf(fleetForm(url.searchParams)), limit: null }, fleetView(deps))));
    if (path === '/inbox/fleet') {
      const form = fleetForm(url.searchParams);
      const view = fleetView(deps);
      const { rows, cut } = shown(await deps.store.listDevices({ ...fleetFilterOf(form), limit: LIST_ROWS + 1 }, view));
      const data = { summary: await deps.store.fleetSummary(view), devices: rows, groups: await deps.store.fleetGroups(), validityMs: view.validityMs, cut };
      return html(a, 200, fleetPage(a.tr, data, form, session.csrf, url.search));
    }
    const device = /^\/inbox\/fleet\/([0-9a-f-]{36})$/.exec(path);
    const found = device ? await deps.store.device(device[1]!, fleetView(deps)) : null;
    if (found) return html(a, 200, devicePage(a.tr, found, await deps.store.checkinsOf(found.deviceId, 20), fleetView(deps).validityMs, session.csrf));
    const one = /^\/inbox\/reports\/([0-9a-f-]{36})$/.exec(path);
    const report = one ? await deps.store.get(one[1]!) : null;
    if (report) return html(a, 200, reportPage(a.tr, report, await deps.store.deliveriesOf(report.id), session.csrf));
    html(a, 404, messagePage(a.tr, t('notFoundTitle'), t('notFoundText')));
  } catch (error) {
    if (error instanceof BodyTooLarge) return void res.writeHead(413).end();
    throw error;
  }
}

async function signIn(a: Answer): Promise<void> {
  const { req, res, tr, deps } = a;
  if (req.method !== 'POST') return html(a, 200, signInPage(tr, null));
  if (!sameOrigin(req)) return html(a, 403, signInPage(tr, tr.t('signInOtherOrigin')));
  const wait = deps.signInLimiter.take(clientAddress(req, deps.trustedProxies));
  if (wait > 0) return html(a, 429, signInPage(tr, tr.t('signInTooMany', wait)), { 'retry-after': String(wait) });
  const password = (await formOf(req)).get('password') ?? '';
  if (!sameSecret(password, deps.adminPassword)) return html(a, 401, signInPage(tr, tr.t('signInWrong')));
  redirect(res, '/inbox/reports', { 'set-cookie': sessionCookie(deps.sessions.create()) });
}

async function post(a: Answer, path: string, session: Session): Promise<void> {
  const { req, res, tr, deps } = a;
  if (!(await checkedPost(req, session))) return html(a, 403, messagePage(tr, tr.t('formRefusedTitle'), tr.t('formRefusedText')));
  if (path === '/inbox/sign-out') {
    deps.sessions.end(session);
    return redirect(res, '/inbox/sign-in', { 'set-cookie': sessionCookie(null) });
  }
  const actioned = /^\/inbox\/reports\/([0-9a-f-]{36})\/actioned$/.exec(path);
  if (actioned) {
    await deps.store.markActioned(actioned[1]!, deps.now());
    return redirect(res, `/inbox/reports/${actioned[1]!}`);
  }
  html(a, 404, messagePage(tr, tr.t('notFoundTitle'), tr.t('nothingToSend')));
}
