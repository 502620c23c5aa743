import { t } from '../platform/i18n.ts';

/** One problem: its message, and the id of the field it belongs to (null: the whole form). */
export type SummaryItem = { fieldId: string | null; message: string };

/**
 * The GOV.UK error summary pattern: a focusable box at the top of the form listing every problem,
 * each a link that moves focus to its field. The caller focuses it after a failed submit.
 */
export function ErrorSummary({ items, summaryRef, level = 2 }: { items: SummaryItem[]; summaryRef: { current: HTMLDivElement | null }; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div class="error-summary" tabIndex={-1} ref={summaryRef} aria-labelledby="error-summary-title" data-testid="error-summary">
      <Heading id="error-summary-title">{t('errorSummaryHeading')}</Heading>
      <ul>
        {items.map(({ fieldId, message }) => (
          <li key={`${fieldId ?? 'form'}:${message}`}>
            {fieldId === null ? (
              message
            ) : (
              <a
                href={`#${fieldId}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(fieldId)?.focus();
                }}
              >
                {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
