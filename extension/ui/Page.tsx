import type { ComponentChildren } from 'preact';
import { extensionUrl } from '../platform/runtime.ts';
import { t } from '../platform/i18n.ts';

type Props = { variant?: 'full' | 'popup'; children: ComponentChildren };

/** The frame of every AUP Guard page: brand line, then one `main` landmark. */
export function Page({ variant = 'full', children }: Props) {
  return (
    <div class={variant === 'popup' ? 'page page--popup' : 'page'}>
      <header class="brand">
        <img src={extensionUrl('icons/icon-32.png')} alt="" width={32} height={32} />
        <span>{t('extName')}</span>
      </header>
      <main>{children}</main>
    </div>
  );
}
