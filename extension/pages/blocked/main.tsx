import { useState } from 'preact/hooks';
import { mount } from '../../ui/mount.tsx';
import { Page } from '../../ui/Page.tsx';
import { HelpContacts, PolicyClause, PolicyFacts } from '../../ui/PolicyFacts.tsx';
import { usePageContext } from '../../ui/use-page-context.ts';
import { reportPageUrl } from '../../ui/report-link.ts';
import { useNow } from '../../ui/status-view.tsx';
import { t } from '../../platform/i18n.ts';
import { isFramed } from '../../ui/framed.ts';
import { parsePageLocation, type PageLocation } from '../../../src/protocol/page-location.ts';
import type { SiteTimes } from '../../../src/protocol/interstitial.ts';
import { policyLang } from '../../ui/policy-lang.ts';

/**
 * A personal-use site outside personal time: when it opens again, and, once it has, a way back.
 * The link is the original http(s) URL (checked by parsePageLocation), as an attribute, never markup.
 */
function OpensAgain({ where, times, now }: { where: PageLocation; times: SiteTimes | null | undefined; now: number }) {
  if (!times?.opens || times.opensAt === null) return null;
  if (now < times.opensAt || !where.url) return <p data-testid="opens-again">{t('blockedOpensAgain', times.opens)}</p>;
  return (
    <p data-testid="opens-again">
      <a href={where.url}>{t('blockedGoBack')}</a>
    </p>
  );
}

function Blocked() {
  const where = parsePageLocation(location.search, location.hash);
  const { context, pending } = usePageContext(where.category, where.url);
  const now = useNow(15_000);
  // When the block happened: fixed at first render (the page re-renders to show when the site opens).
  const [at] = useState(() => new Date());
  const times = context?.times;
  // Personal time ended while this tab was open on the site: say so, instead of "blocked".
  const ended = where.ended && times?.ended ? times : null;
  // Inside a frame of another site, a report opens in its own tab rather than inside the frame.
  const reportTarget = isFramed() ? '_blank' : undefined;
  return (
    <Page>
      <h1>{ended ? t(ended.endedWas === 'break' ? 'endedBreakHeading' : 'endedPersonalHeading', ended.ended!) : t('blockedHeading')}</h1>
      {/* GOV.UK warning text: the icon is decoration, "Warning" is read out instead. */}
      <div class="warning-text">
        <span class="warning-text__icon" aria-hidden="true">!</span>
        <strong class="warning-text__text">
          <span class="visually-hidden">{t('a11yWarning')}: </span>
          <span data-testid="blocked-intro">{ended ? t('endedIntro') : context ? t('blockedIntro', context.council) : t('blockedIntroGeneric')}</span>
        </strong>
      </div>
      <OpensAgain where={where} times={times} now={now} />
      <PolicyFacts where={where} context={context} pending={pending} at={at} />
      <PolicyClause context={context} />
      {!ended && (
        <section aria-labelledby="accident">
          <h2 id="accident">{t('accidentHeading')}</h2>
          {context && <p lang={policyLang(context.inadvertentAccess, context.englishOnly)}>{context.inadvertentAccess}</p>}
          <div class="actions">
            <a class="button" href={reportPageUrl('inadvertent', where.category, where.url, at)} target={reportTarget} data-testid="report-accident">
              {t('reportAccident')}
            </a>
            <a class="button button--secondary" href={reportPageUrl('misclassified', where.category, where.url, at)} target={reportTarget} data-testid="report-wrong-category">
              {t('reportWrongCategory')}
            </a>
          </div>
        </section>
      )}
      <HelpContacts context={context} />
    </Page>
  );
}

mount(Blocked, 'blockedTitle');
