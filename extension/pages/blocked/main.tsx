import { mount } from '../../ui/mount.tsx';
import { Page } from '../../ui/Page.tsx';
import { HelpContacts, PolicyClause, PolicyFacts } from '../../ui/PolicyFacts.tsx';
import { usePageContext } from '../../ui/use-page-context.ts';
import { reportPageUrl } from '../../ui/report-link.ts';
import { t } from '../../platform/i18n.ts';
import { isFramed } from '../../ui/framed.ts';
import { parsePageLocation } from '../../../src/protocol/page-location.ts';

function Blocked() {
  const where = parsePageLocation(location.search, location.hash);
  const { context, pending } = usePageContext(where.category);
  const at = new Date();
  // Inside a frame of another site, a report opens in its own tab rather than inside the frame.
  const reportTarget = isFramed() ? '_blank' : undefined;
  return (
    <Page>
      <h1>{t('blockedHeading')}</h1>
      <p class="notice notice--danger">{context ? t('blockedIntro', context.council) : t('blockedIntroGeneric')}</p>
      <PolicyFacts where={where} context={context} pending={pending} at={at} />
      <PolicyClause context={context} />
      <section aria-labelledby="accident">
        <h2 id="accident">{t('accidentHeading')}</h2>
        {context && <p>{context.inadvertentAccess}</p>}
        <div class="actions">
          <a class="button" href={reportPageUrl('inadvertent', where.category, where.url)} target={reportTarget} data-testid="report-accident">
            {t('reportAccident')}
          </a>
          <a class="button button--secondary" href={reportPageUrl('misclassified', where.category, where.url)} target={reportTarget}>
            {t('reportWrongCategory')}
          </a>
        </div>
      </section>
      <HelpContacts context={context} />
    </Page>
  );
}

mount(Blocked, 'blockedTitle');
