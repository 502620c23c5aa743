import { mount } from '../../ui/mount.tsx';
import { Page } from '../../ui/Page.tsx';
import { t } from '../../platform/i18n.ts';

function Options() {
  return (
    <Page>
      <h1>{t('optionsHeading')}</h1>
      <p class="notice notice--warn">{t('optionsUnmanaged')}</p>
    </Page>
  );
}

mount(Options, 'optionsHeading');
