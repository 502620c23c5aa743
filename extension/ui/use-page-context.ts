import { useEffect, useState } from 'preact/hooks';
import type { PageContextReply } from '../../src/protocol/interstitial.ts';

export type PageContextState = { context: PageContextReply | null; pending: boolean };

/**
 * Policy texts for a category, from the worker. While they load the page says so rather than
 * "not known"; if the worker cannot answer, the page still shows its core message.
 */
export function usePageContext(category: string, url: string | null = null): PageContextState {
  const [state, setState] = useState<PageContextState>({ context: null, pending: true });
  useEffect(() => {
    // Loaded after the first render, not with the page: the worker client brings zod and every
    // reply's schema (~220 kB), and the block page should say "blocked" before it has parsed them
    // (npm run bench -- firefox: a cold start ends on this page).
    import('./worker-client.ts').then(({ fetchPageContext }) => fetchPageContext(category, url)).then(
      (context) => setState({ context, pending: false }),
      () => setState({ context: null, pending: false }),
    );
  }, [category, url]);
  return state;
}
