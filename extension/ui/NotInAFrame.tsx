import type { ComponentChildren } from 'preact';
import { Page } from './Page.tsx';
import { isFramed } from './framed.ts';
import { t } from '../platform/i18n.ts';

/**
 * Pages where the person acts (a report, accepting the AUP) refuse to work inside another site's
 * frame: a site could hide the frame and trick a click, or read what it shows. The address of
 * such a page can reach a site (Firefox gives it to any page that frames a blocked host), so the
 * check is in code; extension pages cannot have a per-page `frame-ancestors`.
 */
export function NotInAFrame({ children }: { children: ComponentChildren }) {
  if (!isFramed()) return <>{children}</>;
  return (
    <Page variant="framed">
      <h1>{t('framedHeading')}</h1>
      <p class="notice notice--warn" data-testid="framed-refusal">{t('framedIntro')}</p>
      <div class="actions">
        <a class="button" href={location.href} target="_blank" rel="noopener noreferrer">{t('framedOpenInTab')}</a>
      </div>
    </Page>
  );
}
