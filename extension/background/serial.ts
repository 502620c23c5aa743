/**
 * A queue that runs its jobs one at a time, in the order given: what the worker needs wherever
 * alarms, messages and start-up may ask for the same read-modify-write at once (policy sync, the
 * break state, the report outbox). A failed job does not stop the ones after it; its caller gets
 * the failure.
 */
export function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const next = tail.catch(() => undefined).then(work);
    tail = next;
    return next;
  };
}
