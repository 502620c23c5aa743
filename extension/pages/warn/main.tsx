import { useState } from 'preact/hooks';
import { mount } from '../../ui/mount.tsx';
import { Page } from '../../ui/Page.tsx';
import { HelpContacts, PolicyClause, PolicyFacts } from '../../ui/PolicyFacts.tsx';
import { usePageContext } from '../../ui/use-page-context.ts';
import { reportPageUrl } from '../../ui/report-link.ts';
import { requestContinue } from '../../ui/worker-client.ts';
import { t } from '../../platform/i18n.ts';
import { isFramed } from '../../ui/framed.ts';
import { parsePageLocation } from '../../../src/protocol/page-location.ts';
import { problemText } from '../../ui/problem-text.ts';

function goBack(): void {
  // After a redirect the warn page may be the first entry in the tab's history.
  if (history.length > 1) history.back();
  else location.replace('about:blank');
}

function Warn() {
  const where = parsePageLocation(location.search, location.hash);
  const { context, pending } = usePageContext(where.category, where.url);
  const [error, setError] = useState<string | null>(null);
  const target = where.url;

  async function onContinue() {
    if (!target) return;
    const reply = await requestContinue(target, where.category).catch((e: Error) => ({ ok: false as const, error: e.message, problem: undefined }));
    if (reply.ok) location.replace(target);
    else setError(problemText(reply.problem, reply.error));
  }

  if (isFramed()) {
    return (
      <Page variant="framed">
        <h1>{t('warnHeading')}</h1>
        <p class="notice notice--warn">{t('warnFramedIntro')}</p>
        {target && (
          <div class="actions">
            <a class="button" href={target} target="_blank" rel="noopener noreferrer" data-testid="warn-open-in-tab">{t('warnOpenInTab')}</a>
          </div>
        )}
      </Page>
    );
  }

  return (
    <Page>
      {/* GOV.UK interruption page: one card, its heading, why, and the choice. */}
      <div class="interruption" data-testid="warn-card">
        <h1>{t('warnHeading')}</h1>
        <p class="interruption__lead">{t('warnIntro')}</p>
        {context?.times?.opens && <p data-testid="opens-again">{t('warnOpensAgain', context.times.opens)}</p>}
        <PolicyFacts where={where} context={context} pending={pending} at={new Date()} />
        <PolicyClause context={context} />
        <p>{t('warnContinueNote', String(context?.continueMinutes ?? 30))}</p>
        {error && <p class="notice notice--danger" role="alert">{t('warnContinueFailed', error)}</p>}
        <div class="actions">
          <button type="button" autoFocus onClick={goBack} data-testid="warn-back">{t('warnGoBack')}</button>
          {target && (
            <button type="button" class="secondary" onClick={() => void onContinue()} data-testid="warn-continue">
              {t('warnContinue')}
            </button>
          )}
          <a class="button button--secondary" href={reportPageUrl('misclassified', where.category, target)}>{t('reportWrongCategory')}</a>
        </div>
      </div>
      <HelpContacts context={context} />
    </Page>
  );
}

mount(Warn, 'warnTitle');
