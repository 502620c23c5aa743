import { useEffect, useRef } from 'preact/hooks';
import { onStorageChanged } from '../platform/storage.ts';

/** How long to wait for a burst of writes (a policy sync writes several records) to settle. */
const SETTLE_MS = 300;

/**
 * Calls `listener` once a burst of changes to what the worker keeps (or to ICT's settings) has
 * settled, so a page left open shows the truth — a check that finishes, rules that fail to apply,
 * a break that starts elsewhere — without the person reloading it. The worker's status answer only
 * reads storage, so asking again cannot set this off again.
 */
export function useStoredChanges(listener: () => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onStorageChanged(() => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), SETTLE_MS);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, []);
}
