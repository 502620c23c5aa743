import type { ConfigProblem, ConfigProblemCode } from '../../src/config/config-problems.ts';
import { t } from '../platform/i18n.ts';

/*
 * What is wrong with the settings, in the page's language (public/_locales: `settingsProblem…`,
 * `errorSetting…`), from the worker's codes (src/config/config-problems.ts). Each is a clause:
 * pages put them, joined with "; ", into a sentence of their own.
 */

/** Why a value was refused, from zod's issue code; zod's English only for a code not listed. */
const ISSUE_WORDS: Record<string, string> = {
  'policy-url-rule': 'errorSettingPolicyUrl',
  invalid_type: 'errorSettingType',
  invalid_format: 'errorSettingFormat',
  invalid_value: 'errorSettingValue',
  too_small: 'errorSettingTooSmall',
  too_big: 'errorSettingTooBig',
  unrecognized_keys: 'errorSettingUnknownKeys',
};

export function settingIssueText(issue: string | null | undefined, english: string | null | undefined): string {
  const key = issue ? ISSUE_WORDS[issue] : undefined;
  return key ? t(key) : (english ?? '');
}

const WORDS: Record<ConfigProblemCode, (p: ConfigProblem) => string> = {
  'managed-unknown': (p) => t('settingsProblemUnknown', p.key ?? ''),
  'managed-invalid': (p) => t(p.required ? 'settingsProblemRefused' : 'settingsProblemIgnored', [p.key ?? '', settingIssueText(p.issue, p.detail)]),
  'managed-missing': (p) => t('settingsProblemMissing', p.key ?? ''),
  'managed-waiting': () => t('settingsProblemWaiting'),
  'managed-none': () => t('settingsProblemNone'),
  'not-configured': () => t('settingsProblemNotConfigured'),
  'local-invalid': (p) => t('settingsProblemLocalInvalid', [p.key ?? '', settingIssueText(p.issue, p.detail)]),
  'local-unreadable': () => t('settingsProblemUnreadable'),
};

export function configProblemWords(problem: ConfigProblem): string {
  return WORDS[problem.code](problem);
}

export function configProblemsWords(problems: readonly ConfigProblem[]): string {
  return problems.map(configProblemWords).join('; ');
}
