import { useEffect, useState } from 'preact/hooks';
import type { PageContextReply } from '../../src/protocol/messages.ts';
import { fetchPageContext } from './worker-client.ts';

/** Policy texts for a category; null while loading or if the worker cannot answer (the page still shows its core message). */
export function usePageContext(category: string): PageContextReply | null {
  const [context, setContext] = useState<PageContextReply | null>(null);
  useEffect(() => {
    fetchPageContext(category).then(setContext, () => setContext(null));
  }, [category]);
  return context;
}
