import { z } from 'zod';

/*
 * What the worker tells a page went wrong, as a code and its parameters (never a sentence): the
 * page says it in its own language through the locale files (`error…` keys), so a Welsh page is
 * never handed an English refusal. The old free-text fields stay beside the code for pages and
 * records made before it, and for support staff (they keep the technical detail).
 */

export const WORKER_PROBLEM_CODES = [
  // The warn page's Continue.
  'continue-not-warn-tab',
  'continue-framed',
  'continue-not-warned',
  'continue-undecidable',
  // A report or an acceptance that cannot be queued.
  'report-not-web-address',
  'report-invalid',
  'outbox-full',
  'acceptance-version-changed',
  'acceptance-invalid',
  // Delivery to the report server (kept with each queued report and acceptance).
  'delivery-no-address',
  'delivery-server-older',
  'delivery-refused',
  'delivery-http',
  'delivery-unreachable',
] as const;
export const WorkerProblemCode = z.enum(WORKER_PROBLEM_CODES);
export type WorkerProblemCode = z.infer<typeof WorkerProblemCode>;

/** At most a few short parameters (an HTTP status, a version, the server's error code). */
export const WorkerProblem = z.object({
  code: WorkerProblemCode,
  params: z.array(z.string().max(300)).max(4).default([]),
});
export type WorkerProblem = z.infer<typeof WorkerProblem>;

export function problem(code: WorkerProblemCode, ...params: (string | number)[]): WorkerProblem {
  return { code, params: params.map(String) };
}
