import { useEffect, useRef, useState } from 'preact/hooks';
import type { ManagedFieldView, SettingsReply, SettingsView } from '../../../src/protocol/settings.ts';
import type { StatusReply } from '../../../src/protocol/status.ts';
import { t } from '../../platform/i18n.ts';
import { ErrorSummary, type SummaryItem } from '../../ui/ErrorSummary.tsx';
import { fetchSettings, saveSettings } from '../../ui/worker-client.ts';
import { configProblemsWords, settingIssueText } from '../../ui/config-problem-text.ts';
import { policyHeadline, statusWarnings } from '../../ui/status-view.tsx';
import { FIELDS, formErrors, formValues, validate, type Field, type FormErrors, type FormValues } from './settings-form.ts';

type SettingsState = { kind: 'loading' } | { kind: 'ready'; settings: SettingsReply } | { kind: 'failed' };

const FIELD_TEXT: Record<Field, { label: string; hint: string }> = {
  policyUrl: { label: 'fieldPolicyUrl', hint: 'fieldPolicyUrlHint' },
  trustedKeys: { label: 'fieldTrustedKeys', hint: 'fieldTrustedKeysHint' },
  group: { label: 'fieldGroup', hint: 'fieldGroupHint' },
  refreshMinutes: { label: 'fieldRefreshMinutes', hint: 'fieldRefreshMinutesHint' },
};

const fieldId = (field: Field) => `field-${field}`;

/** ICT's values, read-only. The report token is a secret: only whether it is set. */
function ManagedSettings({ config }: { config: SettingsView }) {
  const notSet = t('settingNotSet');
  return (
    <dl class="facts" data-testid="managed-settings">
      <dt>{t('fieldPolicyUrl')}</dt>
      {/* Empty when ICT's value was refused or missing: nothing is fetched with a stand-in. */}
      <dd class={config.policyUrl ? 'url' : undefined}>{config.policyUrl || notSet}</dd>
      <dt>{t('fieldTrustedKeys')}</dt>
      <dd>
        {config.trustedKeys.length === 0 ? notSet : (
          <ul class="plain-list">
            {config.trustedKeys.map((k) => <li class="url" key={k}>{k}</li>)}
          </ul>
        )}
      </dd>
      <dt>{t('fieldGroup')}</dt>
      <dd>{config.group ?? notSet}</dd>
      <dt>{t('fieldRefreshMinutes')}</dt>
      <dd>{String(config.refreshMinutes)}</dd>
      <dt>{t('settingUserIdentity')}</dt>
      <dd>{config.userIdentity ?? notSet}</dd>
      <dt>{t('fleetDeviceName')}</dt>
      <dd>{config.deviceName ?? notSet}</dd>
      {config.checkinHours !== undefined && (
        <>
          <dt>{t('fleetCheckinHours')}</dt>
          <dd>{String(config.checkinHours)}</dd>
        </>
      )}
      <dt>{t('settingReportEndpoint')}</dt>
      <dd class="url">{config.reportEndpoint ?? t('settingReportEndpointPolicy')}</dd>
      <dt>{t('settingReportToken')}</dt>
      <dd>{config.reportTokenSet ? t('settingSet') : notSet}</dd>
    </dl>
  );
}

type ManagedField = ManagedFieldView;

/** Why ICT's value was refused, in the page's language. */
const issueText = (field: ManagedField): string => settingIssueText(field.issue, field.message);

function fieldState(field: ManagedField): string {
  if (field.state === 'valid') return t('managedFieldValid');
  if (field.state === 'invalid') return t(field.required ? 'managedFieldInvalidRequired' : 'managedFieldInvalid', issueText(field));
  if (field.state === 'unknown') return t('managedFieldUnknown');
  return t(field.required ? 'managedFieldMissingRequired' : 'managedFieldNotSet');
}

/**
 * What ICT's policy sent, setting by setting (never the values: the token is a secret), so ICT
 * can see at a glance which one the device refused and why. Keys as ICT writes them in policies.
 */
function ManagedFields({ fields }: { fields: ManagedField[] }) {
  return (
    <table class="fields" data-testid="managed-fields">
      <caption>{t('managedFieldsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('managedFieldKey')}</th>
          <th scope="col">{t('managedFieldState')}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={f.key} data-state={f.state} class={f.state === 'invalid' || (f.required && f.state === 'not-set') ? 'field-refused' : undefined}>
            <th scope="row"><code>{f.key}</code></th>
            <td>{fieldState(f)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type InputProps = {
  field: Field;
  values: FormValues;
  errors: FormErrors;
  onInput(field: Field, value: string): void;
};

/** A labelled input with its hint and, when wrong, its error, both tied to it by aria-describedby. */
function FormField({ field, values, errors, onInput }: InputProps) {
  const id = fieldId(field);
  const error = errors[field];
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  const common = {
    id,
    name: field,
    value: values[field],
    'aria-describedby': describedBy,
    'aria-invalid': error ? ('true' as const) : undefined,
    spellcheck: false,
    autocomplete: 'off',
    onInput: (e: Event) => onInput(field, (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value),
  };
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id}>{t(FIELD_TEXT[field].label)}</label>
      <p class="hint" id={`${id}-hint`}>{t(FIELD_TEXT[field].hint)}</p>
      {error && (
        <p class="field-error" id={`${id}-error`} data-testid={`error-${field}`}>
          <span class="visually-hidden">{t('errorPrefix')} </span>{error}
        </p>
      )}
      {field === 'trustedKeys' ? (
        <textarea {...common} rows={3} class="mono" />
      ) : field === 'refreshMinutes' ? (
        <input {...common} type="text" inputMode="numeric" class="narrow" />
      ) : field === 'policyUrl' ? (
        <input {...common} type="url" class="mono" />
      ) : (
        <input {...common} type="text" class="narrow" />
      )}
    </div>
  );
}

function SettingsErrorSummary({ errors, summaryRef }: { errors: FormErrors; summaryRef: { current: HTMLDivElement | null } }) {
  const items: SummaryItem[] = [
    ...FIELDS.filter((f) => errors[f]).map((f) => ({ fieldId: fieldId(f), message: errors[f]! })),
    ...(errors.form ? [{ fieldId: null, message: errors.form }] : []),
  ];
  return <ErrorSummary items={items} summaryRef={summaryRef} level={3} />;
}

/** The form of an unmanaged (testing) install: validated here, then again by the worker. */
function LocalSettingsForm({ settings, onSaved }: { settings: SettingsReply; onSaved(status: StatusReply): void }) {
  const [values, setValues] = useState<FormValues>(() => formValues(settings.config));
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const summaryRef = useRef<HTMLDivElement | null>(null);
  const hasErrors = Object.keys(errors).length > 0;

  useEffect(() => {
    if (hasErrors) summaryRef.current?.focus();
  }, [errors]);

  function onInput(field: Field, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
  }

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const checked = validate(values);
    if (!checked.ok) {
      setMessage('');
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    setMessage(t('saveBusy'));
    try {
      const reply = await saveSettings(checked.config);
      if (reply.ok) {
        const now = Date.now();
        setMessage([t('saveDone', policyHeadline(reply.status, now)), ...statusWarnings(reply.status, now)].join(' '));
        onSaved(reply.status);
      } else if (reply.reason === 'invalid') {
        setMessage('');
        setErrors(formErrors(reply.issues, checked.keyLines));
      } else {
        setMessage(reply.reason === 'managed' ? t('saveRefusedManaged') : reply.reason === 'pending' ? t('saveRefusedPending') : t('saveUnavailable'));
      }
    } catch {
      setMessage(t('saveUnavailable'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {hasErrors && <SettingsErrorSummary errors={errors} summaryRef={summaryRef} />}
      <form noValidate onSubmit={(e) => void onSubmit(e)} data-testid="settings-form" aria-labelledby="settings-heading">
        {FIELDS.map((field) => (
          <FormField key={field} field={field} values={values} errors={errors} onInput={onInput} />
        ))}
        <div class="actions">
          <button type="submit" aria-disabled={busy ? 'true' : undefined} data-testid="settings-save">{t('saveButton')}</button>
        </div>
      </form>
      <p role="status" data-testid="save-result">{message}</p>
    </>
  );
}

/** Just after install the browser takes a few seconds to say whether ICT manages the device: ask again. */
const PENDING_RETRY_MS = 1000;
const PENDING_TRIES = 30;

export function SettingsSection({ onSaved }: { onSaved(status: StatusReply): void }) {
  const [state, setState] = useState<SettingsState>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Fire-and-forget is right here: both outcomes end in a state the page shows.
    const load = (): void => {
      void fetchSettings().then(
        (settings) => {
          setState({ kind: 'ready', settings });
          if (settings.source === 'pending' && ++tries < PENDING_TRIES) timer = setTimeout(load, PENDING_RETRY_MS);
        },
        () => setState({ kind: 'failed' }),
      );
    };
    load();
    return () => clearTimeout(timer);
  }, [generation]);
  // After a save, read the settings again: what was wrong with the old ones no longer applies.
  const saved = (status: StatusReply) => {
    onSaved(status);
    setGeneration((g) => g + 1);
  };

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settingsHeading')}</h2>
      {state.kind === 'loading' && <p>{t('loading')}</p>}
      {state.kind === 'failed' && <p class="notice notice--danger">{t('settingsUnavailable')}</p>}
      {state.kind === 'ready' && state.settings.managed && (
        <>
          <p class="notice" data-testid="settings-managed">{t('optionsManaged')}</p>
          {state.settings.problems.length > 0 && (
            <p class="notice notice--danger" data-testid="settings-problem">{t('settingsManagedProblem', configProblemsWords(state.settings.problems))}</p>
          )}
          {state.settings.fields && <ManagedFields fields={state.settings.fields} />}
          <h3>{t('managedInForce')}</h3>
          <ManagedSettings config={state.settings.config} />
        </>
      )}
      {state.kind === 'ready' && state.settings.source === 'pending' && (
        <p class="notice" data-testid="settings-pending">{t('settingsPending')}</p>
      )}
      {state.kind === 'ready' && !state.settings.managed && state.settings.source !== 'pending' && (
        <>
          <p class="notice notice--warn" data-testid="settings-unmanaged">{t('optionsUnmanaged')}</p>
          {state.settings.problems.length > 0 && (
            <p class="notice notice--danger" data-testid="settings-problem">{t('settingsLocalProblem', configProblemsWords(state.settings.problems))}</p>
          )}
          <LocalSettingsForm settings={state.settings} onSaved={saved} />
        </>
      )}
    </section>
  );
}
