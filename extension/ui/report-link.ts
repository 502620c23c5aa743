import { reportAddress, type ReportKind } from '../../src/protocol/page-location.ts';
import { extensionUrl } from '../platform/runtime.ts';

/** The report page for a URL and category (the address format lives in src/protocol/page-location.ts). */
export function reportPageUrl(kind: ReportKind | null, category: string, url: string | null, at?: Date): string {
  return reportAddress(extensionUrl(''), kind, category, url, at?.getTime());
}
