import { useState } from 'preact/hooks';
import type { StatusReply } from '../../../src/protocol/status.ts';
import type { BreakReply } from '../../../src/protocol/breaks.ts';
import { formatChangeTime } from '../../../src/schedule/format-time.ts';
import { messagesLocale, t } from '../../platform/i18n.ts';
import { endBreak, startBreak } from '../../ui/worker-client.ts';

/** The length offered first: a quarter of an hour, or all that is left if less. */
const SUGGESTED_MINUTES = 15;

function refusalText(reply: BreakReply): string {
  if (reply.ok) return '';
  switch (reply.reason) {
    case 'daily-cap-reached': return t('breakRefusedCap');
    case 'not-allowed-now':
    case 'already-on-break': return t('breakRefusedNotNow');
    default: return t('breakRefusedOther');
  }
}

/**
 * "Start my break" / "End my break", shown only when the group's schedule offers self-declared
 * breaks. The worker decides (the daily cap, the window, the working day); this only asks.
 */
export function BreakSection({ status, now, onChanged }: { status: StatusReply; now: number; onChanged: () => void }) {
  const [minutes, setMinutes] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // While the worker applies the new mode's rules, the section goes on showing what was true when
  // the person asked. The stored break changes first (and the popup refreshes on that), so without
  // this it said "on a break" while the site was still blocked (seen in CI: the site opened from
  // the popup at once went to the block page). The reply comes once the rules are in force.
  const [held, setHeld] = useState<StatusReply['selfBreak'] | null>(null);
  const b = held ?? status.selfBreak;
  if (!b) return null;
  const onBreak = b.onBreakUntil !== null;
  if (!onBreak && !b.canStart && b.reason !== 'daily-cap-reached') return null;

  const zone = status.zone ?? 'Europe/London';
  const longest = b.longestMinutes;
  const chosen = minutes === '' ? String(Math.min(SUGGESTED_MINUTES, longest)) : minutes;

  async function act(request: () => Promise<BreakReply>) {
    setBusy(true);
    setHeld(b);
    setError('');
    try {
      const reply = await request();
      if (!reply.ok) setError(refusalText(reply));
      onChanged();
    } catch {
      setError(t('breakRefusedOther'));
    } finally {
      setHeld(null);
      setBusy(false);
    }
  }

  function onStart(e: Event) {
    e.preventDefault();
    const value = Number(chosen);
    if (!Number.isInteger(value) || value < 1 || value > longest) {
      setError(t('breakLengthInvalid', String(longest)));
      return;
    }
    void act(() => startBreak(value));
  }

  return (
    <section aria-labelledby="break-heading" data-testid="break-section">
      <h2 id="break-heading">{t('breakHeading')}</h2>
      {onBreak && (
        <>
          <p data-testid="break-status">{t('breakOnUntil', formatChangeTime(Date.parse(b.onBreakUntil!), now, zone, messagesLocale()))}</p>
          <div class="actions">
            <button type="button" disabled={busy} onClick={() => void act(endBreak)} data-testid="break-end">{t('breakEnd')}</button>
          </div>
        </>
      )}
      {!onBreak && b.canStart && (
        <form onSubmit={onStart} noValidate>
          <p data-testid="break-status">{b.minutesLeft === 1 ? t('breakLeftOne') : t('breakLeft', String(b.minutesLeft))}</p>
          <label for="break-minutes">{t('breakLength', String(longest))}</label>
          <input
            id="break-minutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={longest}
            step={1}
            value={chosen}
            aria-invalid={error !== '' ? 'true' : undefined}
            aria-describedby={error ? 'break-error' : undefined}
            onInput={(e) => setMinutes((e.currentTarget as HTMLInputElement).value)}
            data-testid="break-minutes"
          />
          <div class="actions">
            <button type="submit" disabled={busy} data-testid="break-start">{t('breakStart')}</button>
          </div>
        </form>
      )}
      {!onBreak && !b.canStart && <p data-testid="break-status">{t('breakCapReached', String(b.maxMinutesPerDay))}</p>}
      {error && <p id="break-error" role="alert" class="notice notice--danger" data-testid="break-error">{error}</p>}
    </section>
  );
}
