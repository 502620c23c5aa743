import { writeLocal } from '../platform/storage.ts';

/** The last internal failure, versioned, so support staff can see it without developer tools. */
export const INTERNAL_ERROR_KEY = 'aup.lastInternalError';

export async function recordInternalError(what: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  await writeLocal({ [INTERNAL_ERROR_KEY]: { version: 1, what, message, at: new Date().toISOString() } }).catch(() => undefined);
}

/** A `.catch` handler: log the failure and keep it; it never stops the worker. */
export function reportFailure(what: string): (error: unknown) => void {
  return (error: unknown) => {
    console.error(`AUP Guard: ${what} failed`, error);
    void recordInternalError(what, error);
  };
}
