import { z } from 'zod';

/*
 * The policy's own words (clauses, the summary, help texts, category and group titles, break
 * labels) in English and, when ICT's translators give it, Welsh. In rules/ a text is either a
 * plain string (English only) or `{ en: …, cy: … }`, side by side so a translator sees the
 * English beside their Welsh. The bundle keeps every text in English where it always was (so
 * the code that reads a policy is unchanged) and adds one map, English → Welsh; a page picks
 * by the browser's UI language and marks an English text on a Welsh page with lang="en".
 */

/** A text ICT writes: plain English, or English with its Welsh. */
export const TranslatableText = (max?: number) => {
  const text = max === undefined ? z.string().trim().min(1) : z.string().trim().min(1).max(max);
  return z.union([text, z.strictObject({ en: text, cy: text.optional() })]);
};
export type TranslatableText = string | { en: string; cy?: string | undefined };

/** The languages a policy text can be given in; English is always there. */
export const POLICY_LANGUAGES = ['en', 'cy'] as const;
export type PolicyLanguage = (typeof POLICY_LANGUAGES)[number];

/** English → Welsh, as the bundle carries it (format 3). */
export const CompiledTranslations = z.strictObject({ cy: z.record(z.string(), z.string()) });
export type CompiledTranslations = z.infer<typeof CompiledTranslations>;

export function englishOf(text: TranslatableText): string {
  return typeof text === 'string' ? text : text.en;
}

/**
 * Collects every text of a policy as it is compiled: the English goes where it always did, the
 * pairs go into the bundle's map. The same English given two different Welsh texts is a
 * problem (the map could hold only one); texts given without Welsh while others have it are
 * listed for a warning.
 */
export class TextCollector {
  readonly cy = new Map<string, string>();
  readonly withoutWelsh: string[] = [];
  readonly conflicts: { path: string; message: string }[] = [];
  private readonly seen = new Map<string, string>();

  /** The English of `text` (at `path` in rules/), noting its Welsh. */
  take(path: string, text: TranslatableText): string;
  take(path: string, text: TranslatableText | undefined): string | undefined;
  take(path: string, text: TranslatableText | undefined): string | undefined {
    if (text === undefined) return undefined;
    const en = englishOf(text);
    const cy = typeof text === 'string' ? undefined : text.cy;
    if (cy === undefined) {
      this.withoutWelsh.push(path);
      return en;
    }
    const earlier = this.cy.get(en);
    if (earlier !== undefined && earlier !== cy) {
      this.conflicts.push({ path: `${path}.cy`, message: `"${en}" is given another Welsh text at ${this.seen.get(en)}: the same English text must have the same Welsh` });
    } else {
      this.cy.set(en, cy);
      this.seen.set(en, path);
    }
    return en;
  }

  /** The bundle's map, sorted (null when no text has Welsh: the bundle then needs no format 3). */
  translations(): CompiledTranslations | null {
    if (this.cy.size === 0) return null;
    return { cy: Object.fromEntries([...this.cy].sort(([a], [b]) => a.localeCompare(b))) };
  }

  /** The warning `aup check` gives when some texts have Welsh and others do not. */
  warnings(): { path: string; message: string }[] {
    if (this.cy.size === 0 || this.withoutWelsh.length === 0) return [];
    return this.withoutWelsh.map((path) => ({ path, message: 'no Welsh text (cy) while other texts have one: Welsh pages show this in English' }));
  }
}

/** The policy's language for a page in `uiLanguage` (a BCP 47 tag such as "cy", "cy-GB", "en-GB"). */
export function policyLanguage(uiLanguage: string): PolicyLanguage {
  return /^cy(-|_|$)/i.test(uiLanguage) ? 'cy' : 'en';
}

/** A policy text as a page shows it, with the language it is in (for `lang`). */
export type ShownText = { text: string; lang: PolicyLanguage };

/** The text in the page's language when the policy has it, otherwise the English (marked as such). */
export function pickText(translations: CompiledTranslations | undefined, language: PolicyLanguage, english: string): ShownText {
  if (language === 'cy') {
    const cy = translations?.cy[english];
    if (cy !== undefined) return { text: cy, lang: 'cy' };
  }
  return { text: english, lang: 'en' };
}
