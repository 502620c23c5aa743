import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CONFIG_PROBLEM_CODES, configProblem, type ConfigProblem } from '../../src/config/config-problems.ts';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const read = (locale: string): Messages => JSON.parse(readFileSync(join(import.meta.dirname, '../../public/_locales', locale, 'messages.json'), 'utf8'));
const LOCALES: Record<string, Messages> = { en_GB: read('en_GB'), cy: read('cy') };
let locale = 'en_GB';

/** The browser's i18n.getMessage over the real locale files: named placeholders filled from $1, $2… */
vi.mock('../platform/i18n.ts', () => ({
  t: (key: string, substitutions?: string | string[]) => {
    const entry = LOCALES[locale]![key];
    if (!entry) return `⟦${key}⟧`;
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return entry.message.replace(/\$(\w+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (_m, n: string) => subs[Number(n) - 1] ?? '');
    });
  },
}));

const { configProblemWords, configProblemsWords } = await import('./config-problem-text.ts');

const EXAMPLES: ConfigProblem[] = [
  configProblem('managed-unknown', { key: 'colour' }),
  configProblem('managed-invalid', { key: 'policyUrl', required: true, issue: 'policy-url-rule', detail: 'Invalid string: must match pattern' }),
  configProblem('managed-invalid', { key: 'refreshMinutes', issue: 'too_small', detail: 'Too small: expected number to be >=5' }),
  configProblem('managed-missing', { key: 'trustedKeys', required: true }),
  configProblem('managed-waiting'),
  configProblem('managed-none'),
  configProblem('not-configured'),
  configProblem('local-invalid', { key: 'checkinHours', issue: 'too_big', detail: 'Too big: expected number to be <=24' }),
  configProblem('local-unreadable', { detail: 'version 1: bad' }),
];

describe('settings problems in the page\'s language', () => {
  it('has words for every code, in English and in Welsh, naming the setting and never zod\'s English for a known issue', () => {
    expect(new Set(EXAMPLES.map((p) => p.code))).toEqual(new Set(CONFIG_PROBLEM_CODES));
    for (const p of EXAMPLES) {
      locale = 'en_GB';
      const english = configProblemWords(p);
      locale = 'cy';
      const welsh = configProblemWords(p);
      for (const words of [english, welsh]) {
        expect(words, p.code).not.toMatch(/⟦|\$/);
        if (p.key) expect(words, p.code).toContain(p.key);
        if (p.detail) expect(words, p.code).not.toContain(p.detail);
      }
      expect(welsh, p.code).not.toBe(english);
    }
  });

  it('words a refused value by its issue, and an ignored one says so', () => {
    locale = 'en_GB';
    expect(configProblemWords(EXAMPLES[2]!)).toBe('refreshMinutes was refused (the value is too short or too small), so it is ignored');
    expect(configProblemsWords([EXAMPLES[3]!, EXAMPLES[0]!])).toBe('trustedKeys is not set by ICT; colour is not a setting AUP Guard knows, so it is ignored');
    locale = 'cy';
    expect(configProblemWords(EXAMPLES[7]!)).toBe("does dim modd defnyddio'r gosodiad checkinHours (mae'r gwerth yn rhy hir neu'n rhy fawr)");
    // An issue code no page knows yet: zod's English rather than nothing.
    expect(configProblemWords(configProblem('local-invalid', { key: 'group', issue: 'custom', detail: 'Invalid input' }))).toContain('Invalid input');
  });
});
