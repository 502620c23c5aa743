import { pageUrl } from '../platform/runtime.ts';

export type ReportKind = 'inadvertent' | 'misclassified';

/** The report page for a URL and category; the URL travels in the fragment, as on the block page. */
export function reportPageUrl(kind: ReportKind, category: string, url: string | null): string {
  return `${pageUrl('report')}?kind=${kind}&c=${encodeURIComponent(category)}#${url ?? ''}`;
}
