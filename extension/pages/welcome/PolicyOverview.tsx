import type { AcceptanceStatusReply } from '../../../src/protocol/acceptance.ts';
import type { ModeActions } from '../../../src/policy/actions.ts';
import { messagesLocale, t } from '../../platform/i18n.ts';
import { pageUrl } from '../../platform/runtime.ts';
import { dateFormat } from '../../../src/schedule/date-format.ts';
import { policyLang } from '../../ui/policy-lang.ts';

type Status = AcceptanceStatusReply;
type Line = NonNullable<Status['times']>['workingHours'][number];

const blockedAlways = ({ work, break: onBreak, personal }: ModeActions) => work === 'block' && onBreak === 'block' && personal === 'block';

/** How a category that is not blocked at all times is treated, in a few words: the policy's clause says why. */
function ruleText(actions: ModeActions): string {
  const { work, break: onBreak, personal } = actions;
  const laterAllowed = [onBreak, personal].some((a) => a === 'allow' || a === 'allow-banner');
  if (work === 'block' && laterAllowed) return t('welcomeRulePersonalUse');
  if ([work, onBreak, personal].includes('block')) return t('welcomeRuleSometimes');
  return t('welcomeRuleWarned');
}

/** "Mon–Fri 12:00–13:00" in the language of the page (weekday names from Intl). */
function lineText(line: Line): string {
  // 2024-01-01 was a Monday: mon…sun map to the 1st…7th.
  const order = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const dayName = (d: string) => dateFormat(messagesLocale(), { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + order.indexOf(d)));
  const first = line.days[0] ?? '';
  const last = line.days.at(-1) ?? '';
  const days = line.days.length > 2 ? `${dayName(first)}–${dayName(last)}` : line.days.map(dayName).join(', ');
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${days} ${line.ranges.map((r) => `${hhmm(r.start)}–${hhmm(r.end)}`).join(', ')}`;
}

/** The policy in brief: its summary, the rules for the person's group, the times, and what is recorded. */
export function PolicyOverview({ status }: { status: Status }) {
  const { aup, rules, times } = status;
  const always = rules.filter((r) => blockedAlways(r.actions));
  const others = rules.filter((r) => !blockedAlways(r.actions));
  return (
    <>
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t('welcomeSummaryHeading')}</h2>
        <p data-testid="aup-summary" lang={policyLang(aup.summary, status.englishOnly)}>{aup.summary}</p>
      </section>
      {rules.length > 0 && (
        <section aria-labelledby="rules-heading">
          <h2 id="rules-heading">{t('welcomeRulesHeading', status.group.title)}</h2>
          {/* Most categories are blocked at all times: one line, the full list for whoever wants it,
              so the rules that depend on the time of day are not buried under them. */}
          {always.length > 0 && (
            <>
              <p data-testid="aup-blocked-always">{t('welcomeRuleBlocked')}</p>
              <details class="details">
                <summary>{t('welcomeBlockedAlwaysShow', String(always.length))}</summary>
                <ul data-testid="aup-blocked-always-list">
                  {always.map((r) => (
                    <li key={r.id}><strong lang={policyLang(r.title, status.englishOnly)}>{r.title}</strong>: <span lang={policyLang(r.clause, status.englishOnly)}>{r.clause}</span></li>
                  ))}
                </ul>
              </details>
            </>
          )}
          {others.length > 0 && (
            <ul data-testid="aup-rules">
              {others.map((r) => (
                <li key={r.id}>
                  <strong lang={policyLang(r.title, status.englishOnly)}>{r.title}</strong>: {ruleText(r.actions)}.
                  <br />
                  <span lang={policyLang(r.clause, status.englishOnly)}>{r.clause}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {times && (
        <section aria-labelledby="times-heading">
          <h2 id="times-heading">{t('welcomeTimesHeading')}</h2>
          <p>{t('welcomeTimesIntro', times.zone)}</p>
          <ul data-testid="aup-times">
            {times.workingHours.map((line) => <li key={`w${line.days.join()}`}>{t('welcomeWorkingHours', lineText(line))}</li>)}
            {times.breaks.map((line) => <li key={`b${line.days.join()}`}>{t('welcomeBreaks', lineText(line))}</li>)}
          </ul>
        </section>
      )}
      <section aria-labelledby="records-heading">
        <h2 id="records-heading">{t('welcomeRecordsHeading')}</h2>
        <p>{t('welcomeRecordsText')}</p>
        <p><a href={`${pageUrl('options')}#record-heading`} target="_blank" rel="noopener noreferrer">{t('welcomeRecordsLink')}</a></p>
      </section>
      <p>
        {/* ICT's own address from the signed policy: a normal link, opened beside this page. */}
        <a href={aup.url} target="_blank" rel="noopener noreferrer" data-testid="aup-link">{t('readPolicy', [aup.title, aup.version])}</a>
      </p>
    </>
  );
}
