import { DeviceConfig, issueCode } from '../../../src/config/device-config.ts';
import type { SettingsIssue, SettingsView } from '../../../src/protocol/settings.ts';
import { t } from '../../platform/i18n.ts';
import { settingIssueText } from '../../ui/config-problem-text.ts';

/*
 * The settings form of an unmanaged install: form text ⇄ DeviceConfig, and zod's issues turned
 * into plain-English messages for the field they belong to. Pure apart from t().
 */

export const FIELDS = ['policyUrl', 'trustedKeys', 'group', 'refreshMinutes'] as const;
export type Field = (typeof FIELDS)[number];
export type FormValues = Record<Field, string>;
/** Messages by field; `form` holds problems that belong to no field. */
export type FormErrors = Partial<Record<Field | 'form', string>>;

export function formValues(config: SettingsView): FormValues {
  return {
    policyUrl: config.policyUrl,
    trustedKeys: config.trustedKeys.join('\n'),
    group: config.group ?? '',
    refreshMinutes: String(config.refreshMinutes),
  };
}

export type FormConfig = {
  config: Record<string, unknown>;
  /** The line of the text box each key came from (blank lines are skipped), for messages. */
  keyLines: number[];
};

export function formConfig(values: FormValues): FormConfig {
  const keyLines: number[] = [];
  const trustedKeys: string[] = [];
  values.trustedKeys.split(/\r?\n/).forEach((line, i) => {
    const key = line.trim();
    if (key) {
      trustedKeys.push(key);
      keyLines.push(i + 1);
    }
  });
  const group = values.group.trim();
  const minutes = values.refreshMinutes.trim();
  const config: Record<string, unknown> = { policyUrl: values.policyUrl.trim(), trustedKeys };
  if (group) config.group = group;
  // Empty takes the default; anything but digits goes to zod as text, which it refuses.
  if (minutes) config.refreshMinutes = /^\d+$/.test(minutes) ? Number(minutes) : minutes;
  return { config, keyLines };
}

export function formErrors(issues: SettingsIssue[], keyLines: number[]): FormErrors {
  const errors: FormErrors = {};
  const badLines: number[] = [];
  let keyCount = false;
  for (const issue of issues) {
    const [field, index] = issue.path;
    switch (field) {
      case 'policyUrl':
        errors.policyUrl = t('errorPolicyUrl');
        break;
      case 'trustedKeys':
        if (typeof index === 'number') badLines.push(keyLines[index] ?? index + 1);
        else keyCount = true;
        break;
      case 'group':
        errors.group = t('errorGroup');
        break;
      case 'refreshMinutes':
        errors.refreshMinutes = t('errorRefresh');
        break;
      default:
        // A setting the form does not show (kept from before): named as ICT writes it, the reason in the page's language.
        errors.form = t('errorOther', t('settingsProblemLocalInvalid', [issue.path.join('.'), settingIssueText(issue.issue, issue.message)]));
    }
  }
  const keyErrors: string[] = [];
  if (keyCount) keyErrors.push(t('errorTrustedKeysCount'));
  if (badLines.length === 1) keyErrors.push(t('errorTrustedKeyLine', String(badLines[0])));
  if (badLines.length > 1) keyErrors.push(t('errorTrustedKeyLines', badLines.join(', ')));
  if (keyErrors.length > 0) errors.trustedKeys = keyErrors.join(' ');
  return errors;
}

/** Validate on the page first (the worker validates again before it stores anything). */
export function validate(values: FormValues): { ok: true; config: DeviceConfig; keyLines: number[] } | { ok: false; errors: FormErrors } {
  const { config, keyLines } = formConfig(values);
  const parsed = DeviceConfig.safeParse(config);
  if (parsed.success) return { ok: true, config: parsed.data, keyLines };
  const issues = parsed.error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: i.message,
    issue: issueCode(i),
  }));
  return { ok: false, errors: formErrors(issues, keyLines) };
}
