import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANGE_HORIZON_MS, modeAt, modeOnlyAt, nextChange, previousChange, type BreakState, type ModeOnly } from './mode.ts';
import { compileSchedule, type CompiledSchedule } from './schema.ts';
import { MINUTE, at } from './test-fixtures.ts';
import { WEEKDAYS, localDateOf } from './wall-clock.ts';

/*
 * Whatever the schedule, zone and instant: nextChange is the first instant at which modeAt's
 * mode or reason differs, and previousChange the instant the current one began. Quarter-hour
 * boundaries hit the 01:00/02:00 clock changes often; the zones cover whole-hour, half-hour
 * (Lord Howe), midnight (Santiago) and 45-minute (Chatham) offsets and changes, and none (UTC).
 */

const ZONES = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Chatham', 'Asia/Kolkata', 'UTC'];
/** 2026's clock changes in those zones: instants near them are where bugs live. */
const CLOCK_CHANGES = [
  '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z',
  '2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z', '2026-04-05T03:00:00Z', '2026-09-06T04:00:00Z',
  '2026-04-04T14:00:00Z', '2026-09-26T14:00:00Z',
].map(at);
const FIRST = at('2025-06-01T00:00:00Z');
const LAST = at('2027-06-01T00:00:00Z');

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const quarterHour = fc.integer({ min: 0, max: 96 }).map((q) => q * 15);
const timeRange = fc
  .tuple(quarterHour, quarterHour)
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => `${hhmm(Math.min(a, b))}-${hhmm(Math.max(a, b))}`);
const dayHours = fc.array(timeRange, { maxLength: 3 });
const someDays = fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1 });
const bankHoliday = fc.integer({ min: FIRST, max: LAST }).map((t) => localDateOf(t));

const schedule: fc.Arbitrary<CompiledSchedule> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    workingHours: fc.record({ mon: dayHours, tue: dayHours, wed: dayHours, thu: dayHours, fri: dayHours, sat: dayHours, sun: dayHours }),
    breaks: fc.record({
      fixed: fc.array(fc.record({ days: someDays, time: timeRange, label: fc.constantFrom('Lunch', 'Tea') }), { maxLength: 2 }),
    }),
    bankHolidays: fc.array(bankHoliday, { maxLength: 6 }),
  })
  .map(compileSchedule);

const instant = fc.oneof(
  fc.integer({ min: FIRST, max: LAST }),
  fc.tuple(fc.constantFrom(...CLOCK_CHANGES), fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 })).map(([change, delta]) => change + delta),
);

/** A self-declared break somewhere within three days of the instant, or none. */
const breakNear = (t: number): fc.Arbitrary<BreakState> =>
  fc.option(fc.tuple(fc.integer({ min: -3 * 1440, max: 3 * 1440 }), fc.integer({ min: 1, max: 240 })), { nil: null }).map((offer) =>
    offer === null ? { selfDeclared: null } : { selfDeclared: { startedAt: t + offer[0] * MINUTE, endsAt: t + (offer[0] + offer[1]) * MINUTE } },
  );

const scenario = fc.tuple(schedule, instant).chain(([s, t]) =>
  fc.record({
    schedule: fc.constant(s),
    t: fc.constant(t),
    state: breakNear(t),
    fractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 3, maxLength: 3 }),
  }),
);

const same = (a: ModeOnly, b: ModeOnly) => a.mode === b.mode && a.reason === b.reason;

describe('mode changes (property)', () => {
  it('nextChange is the first instant at which the mode or its reason changes', () => {
    fc.assert(
      fc.property(scenario, ({ schedule: s, t, state, fractions }) => {
        const now = modeOnlyAt(s, t, state);
        const next = nextChange(s, t, state);
        const end = next ?? t + CHANGE_HORIZON_MS + 1;
        for (const sample of [t, end - 1, ...fractions.map((f) => t + Math.floor((end - t) * f))]) {
          expect(modeOnlyAt(s, sample, state), `constant at ${new Date(sample).toISOString()}`).toMatchObject({ mode: now.mode, reason: now.reason });
        }
        if (next !== null) {
          expect(next).toBeGreaterThan(t);
          expect(next).toBeLessThanOrEqual(t + CHANGE_HORIZON_MS);
          expect(same(modeOnlyAt(s, next, state), now)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('previousChange is the instant the current mode and reason began', () => {
    fc.assert(
      fc.property(scenario, ({ schedule: s, t, state, fractions }) => {
        const now = modeOnlyAt(s, t, state);
        const previous = previousChange(s, t, state);
        const begin = previous ?? t - CHANGE_HORIZON_MS + 1;
        for (const sample of [begin, ...fractions.map((f) => t - Math.floor((t - begin) * f))]) {
          expect(modeOnlyAt(s, sample, state), `constant at ${new Date(sample).toISOString()}`).toMatchObject({ mode: now.mode, reason: now.reason });
        }
        if (previous !== null) {
          expect(previous).toBeLessThanOrEqual(t);
          expect(same(modeOnlyAt(s, previous - 1, state), now)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('modeAt reports the same mode, since and until', () => {
    fc.assert(
      fc.property(scenario, ({ schedule: s, t, state }) => {
        const { mode, reason, since, until } = modeAt(s, t, state);
        expect({ mode, reason, since, until }).toEqual({
          ...{ mode: modeOnlyAt(s, t, state).mode, reason: modeOnlyAt(s, t, state).reason },
          since: previousChange(s, t, state),
          until: nextChange(s, t, state),
        });
      }),
      { numRuns: 100 },
    );
  });
});
