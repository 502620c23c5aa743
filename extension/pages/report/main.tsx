import { mount } from '../../ui/mount.tsx';
import { Page } from '../../ui/Page.tsx';
import { t } from '../../platform/i18n.ts';

function Report() {
  return (
    <Page>
      <h1>{t('reportHeading')}</h1>
      <p>{t('reportIntro')}</p>
    </Page>
  );
}

mount(Report, 'reportHeading');
