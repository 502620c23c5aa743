import { mount } from '../../ui/mount.tsx';
import { Page } from '../../ui/Page.tsx';
import { t } from '../../platform/i18n.ts';

function Warn() {
  return (
    <Page>
      <h1>{t('warnHeading')}</h1>
      <p class="notice notice--warn">{t('warnIntro')}</p>
      <div class="actions">
        <button type="button" autoFocus onClick={() => history.back()}>{t('warnGoBack')}</button>
      </div>
    </Page>
  );
}

mount(Warn, 'warnHeading');
