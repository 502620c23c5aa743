import type { ComponentChildren } from 'preact';
import build from 'virtual:aup-build';
import { extensionUrl } from '../platform/runtime.ts';
import { t } from '../platform/i18n.ts';

/** `framed`: shown inside a frame of another site, often a small one: no brand line, small type. */
type Props = { variant?: 'full' | 'popup' | 'framed'; children: ComponentChildren };

/** The frame of every AUP Guard page: brand line, then one `main` landmark. */
export function Page({ variant = 'full', children }: Props) {
  return (
    <div class={variant === 'full' ? 'page' : `page page--${variant}`}>
      {variant !== 'framed' && (
        <header class="brand">
          <img src={extensionUrl('icons/icon-32.png')} alt="" width={32} height={32} />
          <span>{t('extName')}</span>
        </header>
      )}
      <main>
        {/* A development build trusts a key whose private half is public: say so on every page. */}
        {build.profile === 'development' && <p class="dev-build" data-testid="development-build">{t('developmentBuild')}</p>}
        {children}
      </main>
    </div>
  );
}
