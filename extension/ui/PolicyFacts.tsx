import type { PageContextReply } from '../../src/protocol/interstitial.ts';
import type { PageLocation } from '../../src/protocol/page-location.ts';
import { messagesLocale, t } from '../platform/i18n.ts';
import { dateFormat } from '../../src/schedule/date-format.ts';
import { policyLang } from './policy-lang.ts';

/** Address, category and time of a blocked or warned navigation. The URL is text, never HTML. */
export function PolicyFacts({ where, context, pending, at }: { where: PageLocation; context: PageContextReply | null; pending: boolean; at: Date }) {
  return (
    <dl class="facts">
      <dt>{t('labelAddress')}</dt>
      <dd class="url" data-testid="page-url">{where.displayUrl || t('unknownAddress')}</dd>
      <dt>{t('labelCategory')}</dt>
      <dd data-testid="page-category" lang={context?.category ? policyLang(context.category.title, context.englishOnly) : undefined}>
        {context?.category?.title ?? (pending ? t('loading') : t('unknownCategory'))}
      </dd>
      <dt>{t('labelTime')}</dt>
      <dd>{dateFormat(messagesLocale(), { dateStyle: 'full', timeStyle: 'short' }).format(at)}</dd>
    </dl>
  );
}

export function PolicyClause({ context }: { context: PageContextReply | null }) {
  if (!context) return null;
  return (
    <section aria-labelledby="why">
      <h2 id="why">{t('labelWhy')}</h2>
      {context.category && <p data-testid="page-clause" lang={policyLang(context.category.clause, context.englishOnly)}>{context.category.clause}</p>}
      <p>
        <a href={context.aup.url} target="_blank" rel="noopener noreferrer">{t('readPolicy', [context.aup.title, context.aup.version])}</a>
      </p>
    </section>
  );
}

/** Who to ask: the block, warn and download pages (anything that carries the policy's helpdesk). */
export function HelpContacts({ context }: { context: Pick<PageContextReply, 'helpdesk' | 'englishOnly'> | null }) {
  if (!context) return null;
  const h = context.helpdesk;
  return (
    <section aria-labelledby="help">
      <h2 id="help">{t('helpHeading')}</h2>
      <p lang={policyLang(h.name, context.englishOnly)}>{h.name}</p>
      <ul>
        {h.email && <li><a href={`mailto:${h.email}`}>{t('helpEmail', h.email)}</a></li>}
        {h.phone && <li>{t('helpPhone', h.phone)}</li>}
        {h.url && <li><a href={h.url} target="_blank" rel="noopener noreferrer">{t('helpWebsite')}</a></li>}
      </ul>
    </section>
  );
}
