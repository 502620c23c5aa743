import './theme.css';
import { render, type ComponentType } from 'preact';
import { messagesLocale, t } from '../platform/i18n.ts';

/** Render a page component into `#app`, with the page title and language set from `_locales`. */
export function mount(Component: ComponentType, titleKey: string): void {
  document.documentElement.lang = messagesLocale();
  document.title = `${t(titleKey)} – ${t('extName')}`;
  const root = document.getElementById('app');
  if (!root) throw new Error('AUP Guard page is missing its #app element');
  render(<Component />, root);
}
