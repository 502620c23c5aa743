import type { WorkerProblem, WorkerProblemCode } from '../../src/protocol/worker-problems.ts';
import { t } from '../platform/i18n.ts';

/** Each code's words (public/_locales: `error…`); its parameters fill the message's placeholders in order. */
const WORDS: Record<WorkerProblemCode, string> = {
  'continue-not-warn-tab': 'errorContinueNotWarnTab',
  'continue-framed': 'errorContinueFramed',
  'continue-not-warned': 'errorContinueNotWarned',
  'continue-undecidable': 'errorContinueUndecidable',
  'report-not-web-address': 'errorReportNotWebAddress',
  'report-invalid': 'errorReportInvalid',
  'outbox-full': 'errorOutboxFull',
  'acceptance-version-changed': 'errorAcceptanceVersionChanged',
  'acceptance-invalid': 'errorAcceptanceInvalid',
  'delivery-no-address': 'errorDeliveryNoAddress',
  'delivery-server-older': 'errorDeliveryServerOlder',
  'delivery-refused': 'errorDeliveryRefused',
  'delivery-http': 'errorDeliveryHttp',
  'delivery-unreachable': 'errorDeliveryUnreachable',
};

/**
 * What went wrong, in the page's language: from the worker's code when it sent one, otherwise
 * (an older worker or record) the text it sent, as it is.
 */
export function problemText(problem: WorkerProblem | null | undefined, fallback: string): string {
  if (!problem) return fallback;
  return t(WORDS[problem.code], problem.params);
}
