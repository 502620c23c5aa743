/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Translator } from './i18n.ts';

/**
 * What every ICT inbox page shares, rendered on the server with Preact: every value from a
 * device goes in as a text node or an attribute value, which Preact escapes, so a hostile URL,
 * note, title or identity is shown, never run. Every word comes from the locale files (`t`).
 */

export type Section = 'reports' | 'acceptances' | 'fleet';
export type SignedIn = { csrf: string; section?: Section };

export function page(tr: Translator, title: string, body: ComponentChildren, signedIn: SignedIn | null = null): string {
  const { t } = tr;
  const link = (section: Section, text: string) => (
    <li><a href={`/inbox/${section}`} aria-current={signedIn?.section === section ? 'page' : undefined}>{text}</a></li>
  );
  return '<!doctype html>' + renderToString(
    <html lang={tr.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t('pageTitle', title)}</title>
        <link rel="stylesheet" href="/inbox/style.css" />
      </head>
      <body>
        <a class="skip" href="#main">{t('skipLink')}</a>
        <header>
          <p class="service">{t('serviceName')}</p>
          {signedIn && (
            <nav aria-label={t('navLabel')}>
              <ul>
                {link('reports', t('navReports'))}
                {link('acceptances', t('navAcceptances'))}
                {link('fleet', t('navFleet'))}
              </ul>
            </nav>
          )}
          {signedIn && (
            <form method="post" action="/inbox/sign-out">
              <input type="hidden" name="csrf" value={signedIn.csrf} />
              <button type="submit" class="link">{t('signOut')}</button>
            </form>
          )}
        </header>
        <main id="main" tabIndex={-1}>{body}</main>
      </body>
    </html>,
  );
}

/** A page that only says something (not found, refused), with the way back. */
export function messagePage(tr: Translator, title: string, text: string): string {
  return page(tr, title, <>
    <h1>{title}</h1>
    <p>{text}</p>
    <p><a href="/inbox/reports">{tr.t('goToReports')}</a></p>
  </>);
}

export function signInPage(tr: Translator, error: string | null): string {
  const { t } = tr;
  return page(tr, t('signInTitle'), <>
    <h1>{t('signInTitle')}</h1>
    {error && (
      <div class="error-summary" role="alert" aria-labelledby="error-title">
        <h2 id="error-title">{t('errorSummaryTitle')}</h2>
        <p><a href="#password">{error}</a></p>
      </div>
    )}
    <form method="post" action="/inbox/sign-in">
      <label for="password">{t('passwordLabel')}</label>
      {error && <p class="error" id="password-error">{error}</p>}
      <input id="password" name="password" type="password" autocomplete="current-password" required
        aria-describedby={error ? 'password-error' : undefined} aria-invalid={error ? 'true' : undefined} />
      <button type="submit">{t('signInButton')}</button>
    </form>
  </>);
}

export function Select(props: { name: string; label: string; value: string; options: readonly (readonly [string, string])[] }) {
  return (
    <div class="field">
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name}>
        {props.options.map(([value, text]) => <option value={value} selected={value === props.value}>{text}</option>)}
      </select>
    </div>
  );
}

/** Said above a list cut at `shown` rows, so nobody takes it for everything. */
export function CutNotice({ text }: { text: string }) {
  return <p class="notice" role="note">{text}</p>;
}
