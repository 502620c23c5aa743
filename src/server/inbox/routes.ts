import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLarge, clientAddress, PAGE_HEADERS, readBody } from '../http-io.ts';
import type { RateLimiter } from '../rate-limit.ts';
import { sameSecret } from '../device-post.ts';
import type { ReportStore } from '../report-store.ts';
import { reportsCsv } from './csv.ts';
import { filterOf, listPage, messagePage, reportPage, signInPage, type FilterForm } from './pages.tsx';
import { sameOrigin, sessionCookie, Sessions, type Session } from './sessions.ts';
import { STYLE } from './style.ts';

/** The ICT inbox under /inbox: sign-in, the list with filters, one report, mark actioned, CSV. */
export type InboxDeps = {
  store: ReportStore;
  adminPassword: string;
  sessions: Sessions;
  /** Sign-in attempts per client. */
  signInLimiter: RateLimiter;
  trustedProxies: readonly string[];
  now: () => Date;
};

const HTML = { ...PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8' };

function html(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...HTML, ...headers }).end(body);
}

function redirect(res: ServerResponse, to: string, headers: Record<string, string> = {}): void {
  res.writeHead(303, { location: to, 'cache-control': 'no-store', ...headers }).end();
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req, 4096)).toString('utf8'));
}

function formFrom(params: URLSearchParams): FilterForm {
  const get = (name: string) => (params.get(name) ?? '').slice(0, 64);
  return { kind: get('kind'), category: get('category'), state: get('state'), from: get('from'), to: get('to') };
}

/** A POST of a signed-in page: same origin and the session's CSRF token. */
async function checkedPost(req: IncomingMessage, session: Session): Promise<URLSearchParams | null> {
  if (!sameOrigin(req)) return null;
  const form = await formOf(req);
  return sameSecret(form.get('csrf') ?? '', session.csrf) ? form : null;
}

export async function handleInbox(req: IncomingMessage, res: ServerResponse, url: URL, deps: InboxDeps): Promise<void> {
  const path = url.pathname;
  try {
    if (path === '/inbox/style.css') return void res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' }).end(STYLE);
    if (path === '/inbox/sign-in') return await signIn(req, res, deps);
    const session = deps.sessions.of(req);
    if (!session) return redirect(res, '/inbox/sign-in');
    if (req.method === 'POST') return await post(req, res, path, session, deps);
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, POST' }).end();
    if (path === '/inbox' || path === '/inbox/') return redirect(res, '/inbox/reports');
    if (path === '/inbox/reports' || path === '/inbox/reports.csv') {
      const form = formFrom(url.searchParams);
      const reports = await deps.store.list(filterOf(form));
      if (path.endsWith('.csv')) {
        return void res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="aup-reports.csv"', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
          .end(reportsCsv(reports));
      }
      const categories = [...new Set((await deps.store.list({ limit: 2000 })).map((r) => r.category).filter(Boolean))].sort();
      return html(res, 200, listPage(reports, form, categories, session.csrf, url.search));
    }
    const one = /^\/inbox\/reports\/([0-9a-f-]{36})$/.exec(path);
    const report = one ? await deps.store.get(one[1]!) : null;
    if (report) return html(res, 200, reportPage(report, await deps.store.deliveriesOf(report.id), session.csrf));
    html(res, 404, messagePage('Page not found', 'There is no report or page at this address.'));
  } catch (error) {
    if (error instanceof BodyTooLarge) return void res.writeHead(413).end();
    throw error;
  }
}

async function signIn(req: IncomingMessage, res: ServerResponse, deps: InboxDeps): Promise<void> {
  if (req.method !== 'POST') return html(res, 200, signInPage(null));
  if (!sameOrigin(req)) return html(res, 403, signInPage('This form must be sent from the inbox itself.'));
  const wait = deps.signInLimiter.take(clientAddress(req, deps.trustedProxies));
  if (wait > 0) return html(res, 429, signInPage(`Too many attempts: try again in ${wait} seconds.`), { 'retry-after': String(wait) });
  const password = (await formOf(req)).get('password') ?? '';
  if (!sameSecret(password, deps.adminPassword)) return html(res, 401, signInPage('The password or token is not right.'));
  redirect(res, '/inbox/reports', { 'set-cookie': sessionCookie(deps.sessions.create()) });
}

async function post(req: IncomingMessage, res: ServerResponse, path: string, session: Session, deps: InboxDeps): Promise<void> {
  if (!(await checkedPost(req, session))) return html(res, 403, messagePage('This form could not be used', 'It has expired or did not come from the inbox. Nothing was changed.'));
  if (path === '/inbox/sign-out') {
    deps.sessions.end(session);
    return redirect(res, '/inbox/sign-in', { 'set-cookie': sessionCookie(null) });
  }
  const actioned = /^\/inbox\/reports\/([0-9a-f-]{36})\/actioned$/.exec(path);
  if (actioned) {
    await deps.store.markActioned(actioned[1]!, deps.now());
    return redirect(res, `/inbox/reports/${actioned[1]!}`);
  }
  html(res, 404, messagePage('Page not found', 'There is nothing to send here.'));
}
