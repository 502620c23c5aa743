import { lastInternalErrorRecord } from './records.ts';

/** The last internal failure (record `aup.lastInternalError`), so support staff can see it without developer tools. */
export async function recordInternalError(what: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  await lastInternalErrorRecord.write({ version: 1, what, message, at: new Date().toISOString() }).catch(() => undefined);
}

export type InternalError = { what: string; message: string; at: string };

export async function readLastInternalError(): Promise<InternalError | null> {
  const stored = await lastInternalErrorRecord.read();
  return stored && { what: stored.what, message: stored.message, at: stored.at };
}

/** A `.catch` handler: log the failure and keep it; it never stops the worker. */
export function reportFailure(what: string): (error: unknown) => void {
  return (error: unknown) => {
    console.error(`AUP Guard: ${what} failed`, error);
    void recordInternalError(what, error);
  };
}
