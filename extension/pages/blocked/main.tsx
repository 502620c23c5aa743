import { mount } from '../../ui/mount.tsx';
import { Page } from '../../ui/Page.tsx';
import { t } from '../../platform/i18n.ts';

function Blocked() {
  // The worker's redirect carries the original address in the fragment; it is shown as text only.
  const address = decodeURIComponent(location.hash.slice(1)) || t('unknownAddress');
  return (
    <Page>
      <h1>{t('blockedHeading')}</h1>
      <p class="notice notice--danger">{t('blockedIntro')}</p>
      <dl class="facts">
        <dt>{t('labelAddress')}</dt>
        <dd class="url" data-testid="blocked-url">{address}</dd>
      </dl>
    </Page>
  );
}

mount(Blocked, 'blockedHeading');
