import { mount } from '../../ui/mount.tsx';
import { Page } from '../../ui/Page.tsx';
import { NotInAFrame } from '../../ui/NotInAFrame.tsx';
import { t } from '../../platform/i18n.ts';

function Welcome() {
  return (
    <Page>
      <h1>{t('welcomeHeading')}</h1>
      <p>{t('welcomeIntro')}</p>
    </Page>
  );
}

mount(() => <NotInAFrame><Welcome /></NotInAFrame>, 'welcomeHeading');
