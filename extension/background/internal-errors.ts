import { writeLocal } from '../platform/storage.ts';

/** The last internal failure, versioned, so support staff can see it without developer tools. */
export const INTERNAL_ERROR_KEY = 'aup.lastInternalError';

export async function recordInternalError(what: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  await writeLocal({ [INTERNAL_ERROR_KEY]: { version: 1, what, message, at: new Date().toISOString() } }).catch(() => undefined);
}
