/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { REPORT_KINDS } from '../../protocol/report-wire.ts';
import type { Delivery, ReportFilter, StoredReport } from '../report-store.ts';
import { categoryWords, IWF_REPORT_URL, kindWords, ukDateTime } from '../mail-messages.ts';
import { rulesChange } from './rules-change.ts';

/**
 * The ICT inbox pages, rendered on the server with Preact: every value from a report goes in as
 * a text node or an attribute value, which Preact escapes, so a hostile URL or note is shown,
 * never run. No reported URL is ever an href: it is text to copy.
 */

export type FilterForm = { kind: string; category: string; state: string; from: string; to: string };

export function page(title: string, body: ComponentChildren, signedIn: { csrf: string } | null = null): string {
  return '<!doctype html>' + renderToString(
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — AUP Guard ICT inbox`}</title>
        <link rel="stylesheet" href="/inbox/style.css" />
      </head>
      <body>
        <a class="skip" href="#main">Skip to main content</a>
        <header>
          <p class="service">AUP Guard — ICT inbox</p>
          {signedIn && (
            <form method="post" action="/inbox/sign-out">
              <input type="hidden" name="csrf" value={signedIn.csrf} />
              <button type="submit" class="link">Sign out</button>
            </form>
          )}
        </header>
        <main id="main" tabIndex={-1}>{body}</main>
      </body>
    </html>,
  );
}

/** A page that only says something (not found, refused), with the way back. */
export function messagePage(title: string, text: string): string {
  return page(title, <>
    <h1>{title}</h1>
    <p>{text}</p>
    <p><a href="/inbox/reports">Go to all reports</a></p>
  </>);
}

export function signInPage(error: string | null): string {
  return page('Sign in', <>
    <h1>Sign in</h1>
    {error && (
      <div class="error-summary" role="alert" aria-labelledby="error-title">
        <h2 id="error-title">There is a problem</h2>
        <p><a href="#password">{error}</a></p>
      </div>
    )}
    <form method="post" action="/inbox/sign-in">
      <label for="password">Admin password or token</label>
      {error && <p class="error" id="password-error">{error}</p>}
      <input id="password" name="password" type="password" autocomplete="current-password" required
        aria-describedby={error ? 'password-error' : undefined} aria-invalid={error ? 'true' : undefined} />
      <button type="submit">Sign in</button>
    </form>
  </>);
}

function Select(props: { name: string; label: string; value: string; options: readonly (readonly [string, string])[] }) {
  return (
    <div class="field">
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name}>
        {props.options.map(([value, text]) => <option value={value} selected={value === props.value}>{text}</option>)}
      </select>
    </div>
  );
}

function FilterPanel({ form, categories }: { form: FilterForm; categories: string[] }) {
  return (
    <form method="get" action="/inbox/reports" class="filters" aria-labelledby="filter-title">
      <h2 id="filter-title">Filter reports</h2>
      <Select name="kind" label="Kind" value={form.kind} options={[['', 'Any kind'], ...REPORT_KINDS.map((k) => [k, kindWords(k)] as const)]} />
      <Select name="category" label="Category" value={form.category} options={[['', 'Any category'], ...categories.map((c) => [c, c] as const)]} />
      <Select name="state" label="State" value={form.state} options={[['', 'Any state'], ['new', 'New'], ['actioned', 'Actioned']]} />
      <div class="field">
        <label for="from">Received on or after</label>
        <input id="from" name="from" type="date" value={form.from} />
      </div>
      <div class="field">
        <label for="to">Received on or before</label>
        <input id="to" name="to" type="date" value={form.to} />
      </div>
      <button type="submit">Apply filters</button>
    </form>
  );
}

export function listPage(reports: StoredReport[], form: FilterForm, categories: string[], csrf: string, query: string): string {
  return page('Reports', <>
    <h1>Reports</h1>
    <FilterPanel form={form} categories={categories} />
    <p><a href={`/inbox/reports.csv${query}`}>Download these reports as CSV</a></p>
    {reports.length === 0 ? <p>No reports match these filters.</p> : (
      <table>
        <caption>{`${reports.length} report${reports.length === 1 ? '' : 's'}, newest first`}</caption>
        <thead><tr><th scope="col">Receipt</th><th scope="col">Received</th><th scope="col">Kind</th><th scope="col">Category</th><th scope="col">Site</th><th scope="col">State</th></tr></thead>
        <tbody>
          {reports.map((r) => (
            <tr>
              <td><a href={`/inbox/reports/${encodeURIComponent(r.id)}`}>{r.receipt}</a></td>
              <td>{ukDateTime(r.receivedAt)}</td>
              <td>{kindWords(r.kind)}</td>
              <td>{categoryWords(r)}{r.sensitive && <strong class="tag"> sensitive</strong>}</td>
              <td><code>{r.host}</code></td>
              <td>{r.state === 'new' ? 'New' : 'Actioned'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </>, { csrf });
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return <><dt>{label}</dt><dd>{children}</dd></>;
}

export function reportPage(r: StoredReport, deliveries: Delivery[], csrf: string): string {
  const change = rulesChange(r);
  return page(`Report ${r.receipt}`, <>
    <p><a href="/inbox/reports">Back to all reports</a></p>
    <h1>{`Report ${r.receipt}: ${kindWords(r.kind)}`}</h1>
    {r.sensitive && (
      <div class="warning" role="note">
        <h2>Sensitive category</h2>
        <p>Do not open or forward this address. If it may show child sexual abuse, report it to the Internet Watch Foundation:{' '}
          <a href={IWF_REPORT_URL} rel="noreferrer noopener" target="_blank">report it to the IWF (opens in a new tab)</a>.</p>
      </div>
    )}
    <dl>
      <Row label="Address (text only, not a link)"><code class="url">{r.url}</code></Row>
      <Row label="Site"><code>{r.host}</code></Row>
      <Row label="Category">{categoryWords(r)}{r.sensitive ? ' — sensitive' : ''}</Row>
      <Row label="Accessed">{ukDateTime(r.accessedAt)}</Row>
      <Row label="Reported">{ukDateTime(r.reportedAt)}</Row>
      <Row label="Received">{ukDateTime(r.receivedAt)}</Row>
      <Row label="Note">{r.note ?? 'None'}</Row>
      <Row label="Line manager">{r.lineManagerEmail ?? 'Not given'}</Row>
      <Row label="Device">{`AUP Guard ${r.device.extensionVersion}, ${r.device.browser}, group ${r.device.group || 'not set'}, policy serial ${r.device.policySerial ?? 'none'}`}</Row>
      <Row label="State">{r.state === 'new' ? 'New' : `Actioned ${ukDateTime(r.actionedAt!)}`}</Row>
    </dl>
    <h2>Who has been told</h2>
    {deliveries.length === 0 ? <p>None (no helpdesk address, line manager or webhook).</p> : (
      <ul>
        {deliveries.map((d) => (
          <li>{`${d.channel === 'webhook' ? 'Webhook' : d.channel === 'mail-helpdesk' ? 'Email to the helpdesk' : 'Email to the line manager'} (${d.to}): `}
            {d.deliveredAt ? `sent ${ukDateTime(d.deliveredAt)}` : `not sent yet, ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}${d.lastError ? ` (last error: ${d.lastError})` : ''}; next try ${ukDateTime(d.nextAttemptAt)}`}
          </li>
        ))}
      </ul>
    )}
    <h2>{change.title}</h2>
    <p>{`In ${change.file}:`}</p>
    <pre><code>{change.text}</code></pre>
    <p>Then run <code>aup check &amp;&amp; aup test &amp;&amp; aup build</code> and publish the bundle.</p>
    {r.state === 'new' && (
      <form method="post" action={`/inbox/reports/${encodeURIComponent(r.id)}/actioned`}>
        <input type="hidden" name="csrf" value={csrf} />
        <button type="submit">Mark as actioned</button>
      </form>
    )}
  </>, { csrf });
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
