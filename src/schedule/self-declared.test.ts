import { describe, expect, it } from 'vitest';
import { modeAt, type BreakState } from './mode.ts';
import { compileSchedule, type CompiledSchedule } from './schema.ts';
import { endSelfDeclaredBreak, selfDeclaredStatus, startSelfDeclaredBreak, type BreakUsage, type StartBreakResult } from './self-declared.ts';
import { NO_BREAK, at, office, officeSource, sevenDay, shifts } from './test-fixtures.ts';

/** Monday 30 March 2026, the first working day of British Summer Time. Window 11:30-14:30, lunch 12:30-13:30, 60 minutes a day. */
const monday = (time: string) => at(`2026-03-30T${time}+01:00`);
const today = (minutesUsed: number): BreakUsage => ({ date: '2026-03-30', minutesUsed });
const onBreak = (from: string, to: string): BreakState => ({ selfDeclared: { startedAt: monday(from), endsAt: monday(to) } });

/** Friday's working day ends at 14:00, inside the break window. */
const earlyFriday = compileSchedule({ ...officeSource, workingHours: { ...officeSource.workingHours, fri: ['08:00-14:00'] } });
const mondaysOnly = compileSchedule({ ...officeSource, breaks: { ...officeSource.breaks, selfDeclared: { ...officeSource.breaks.selfDeclared, days: ['mon'] } } });

describe('startSelfDeclaredBreak refuses', () => {
  it.each<[string, CompiledSchedule, number, BreakState, BreakUsage | null, StartBreakResult]>([
    ['when the policy has no self-declared breaks', { ...office, selfDeclared: null }, monday('11:45:00'), NO_BREAK, null, { ok: false, reason: 'not-configured' }],
    ['before the window opens', office, monday('11:29:59'), NO_BREAK, null, { ok: false, reason: 'not-allowed-now' }],
    ['once the window has closed', office, monday('14:30:00'), NO_BREAK, null, { ok: false, reason: 'not-allowed-now' }],
    ['outside working hours', office, monday('19:00:00'), NO_BREAK, null, { ok: false, reason: 'not-allowed-now' }],
    ['in the window but after working hours have ended', earlyFriday, at('2026-04-03T14:10:00+01:00'), NO_BREAK, null, { ok: false, reason: 'not-allowed-now' }],
    ['at the weekend', office, at('2026-03-28T12:00:00Z'), NO_BREAK, null, { ok: false, reason: 'not-allowed-now' }],
    ['on a bank holiday', office, at('2026-12-28T12:00:00Z'), NO_BREAK, null, { ok: false, reason: 'not-allowed-now' }],
    ['on a day the policy does not list', mondaysOnly, at('2026-03-31T11:45:00+01:00'), NO_BREAK, null, { ok: false, reason: 'not-allowed-now' }],
    ['during the fixed lunch break', office, monday('12:45:00'), NO_BREAK, null, { ok: false, reason: 'already-on-break' }],
    ['during a self-declared break', office, monday('11:50:00'), onBreak('11:40:00', '12:00:00'), today(20), { ok: false, reason: 'already-on-break' }],
    ['once the day\'s minutes are used', office, monday('14:00:00'), NO_BREAK, today(60), { ok: false, reason: 'daily-cap-reached' }],
  ])('%s', (_name, schedule, instant, state, usage, expected) => {
    expect(startSelfDeclaredBreak(schedule, instant, state, usage)).toEqual(expected);
  });

  it.each([0, -5, 1.5, Number.NaN])('throws for a requested length of %d minutes', (minutes) => {
    expect(() => startSelfDeclaredBreak(office, monday('11:45:00'), NO_BREAK, null, minutes)).toThrow(RangeError);
  });
});

describe('startSelfDeclaredBreak starts a break that ends at the earliest of its limits', () => {
  it.each<[string, number, BreakUsage | null, number | undefined, number, BreakUsage]>([
    ['all remaining minutes by default, stopping where lunch starts', monday('11:30:00'), null, undefined, monday('12:30:00'), today(60)],
    ['the requested length', monday('11:45:00'), null, 20, monday('12:05:00'), today(20)],
    ['no more than what remains today', monday('11:30:00'), today(50), 30, monday('11:40:00'), today(60)],
    ['stopping at the fixed lunch break, charging only the time before it', monday('12:00:00'), null, 60, monday('12:30:00'), today(30)],
    ['stopping when the window closes', monday('14:00:00'), today(10), undefined, monday('14:30:00'), today(40)],
    ['charging a part minute as a whole one', monday('14:29:30'), null, undefined, monday('14:30:00'), today(1)],
    ['with yesterday\'s minutes forgotten', monday('11:45:00'), { date: '2026-03-29', minutesUsed: 60 }, 20, monday('12:05:00'), today(20)],
  ])('%s', (_name, instant, usage, requested, endsAt, usageAfter) => {
    expect(startSelfDeclaredBreak(office, instant, NO_BREAK, usage, requested)).toEqual({
      ok: true,
      state: { selfDeclared: { startedAt: instant, endsAt } },
      usage: usageAfter,
      endsAt,
    });
  });

  it('stops when working hours end', () => {
    const friday = (time: string) => at(`2026-04-03T${time}+01:00`);
    expect(startSelfDeclaredBreak(earlyFriday, friday('13:45:00'), NO_BREAK, null, 30)).toMatchObject({
      ok: true,
      endsAt: friday('14:00:00'),
      usage: { date: '2026-04-03', minutesUsed: 15 },
    });
  });

  it('replaces a break that is already over', () => {
    const result = startSelfDeclaredBreak(office, monday('14:00:00'), onBreak('11:30:00', '11:50:00'), today(20), 10);
    expect(result).toMatchObject({ ok: true, state: { selfDeclared: { startedAt: monday('14:00:00'), endsAt: monday('14:10:00') } }, usage: today(30) });
  });

  it('works on the spring-forward day, in BST', () => {
    expect(startSelfDeclaredBreak(sevenDay, at('2026-03-29T11:30:00+01:00'), NO_BREAK, null)).toMatchObject({
      ok: true,
      endsAt: at('2026-03-29T11:30:00Z'),
      usage: { date: '2026-03-29', minutesUsed: 60 },
    });
  });

  it('ends a round-the-clock break at midnight (a 24:00 window end), and the next day starts afresh', () => {
    const late = startSelfDeclaredBreak(shifts, at('2026-06-01T23:50:00+01:00'), NO_BREAK, { date: '2026-06-01', minutesUsed: 20 });
    expect(late).toMatchObject({ ok: true, endsAt: at('2026-06-02T00:00:00+01:00'), usage: { date: '2026-06-01', minutesUsed: 30 } });
    const early = startSelfDeclaredBreak(shifts, at('2026-06-02T00:00:00+01:00'), NO_BREAK, { date: '2026-06-01', minutesUsed: 30 });
    expect(early).toMatchObject({ ok: true, endsAt: at('2026-06-02T01:00:00+01:00'), usage: { date: '2026-06-02', minutesUsed: 60 } });
  });

  it('is what modeAt then reports, until it ends', () => {
    const started = startSelfDeclaredBreak(office, monday('11:45:00'), NO_BREAK, null, 20);
    if (!started.ok) throw new Error('expected the break to start');
    expect(modeAt(office, monday('11:50:00'), started.state)).toEqual({
      mode: 'break',
      reason: 'self-declared-break',
      since: monday('11:45:00'),
      until: monday('12:05:00'),
      modeUntil: monday('12:05:00'),
    });
    expect(modeAt(office, monday('12:05:00'), started.state)).toMatchObject({ mode: 'work', until: monday('12:30:00') });
  });
});

describe('endSelfDeclaredBreak', () => {
  const started = onBreak('13:40:00', '14:10:00'); // 30 minutes, charged up front

  it.each<[string, number, BreakState, BreakUsage | null, BreakUsage]>([
    ['gives back the unused minutes when ended early', monday('13:50:00'), started, today(30), today(10)],
    ['gives back only whole unused minutes', monday('13:50:30'), started, today(30), today(11)],
    ['gives back everything when ended at once', monday('13:40:00'), started, today(30), today(0)],
    ['gives nothing back once the break is over', monday('14:20:00'), started, today(30), today(30)],
    ['leaves usage alone when there is no break', monday('13:50:00'), NO_BREAK, today(30), today(30)],
    ['starts a fresh record when there is none', monday('13:50:00'), NO_BREAK, null, today(0)],
    ['starts a fresh record on a new day', at('2026-03-31T09:00:00+01:00'), started, today(30), { date: '2026-03-31', minutesUsed: 0 }],
  ])('%s', (_name, instant, state, usage, usageAfter) => {
    const ended = endSelfDeclaredBreak(office, instant, state, usage);
    expect(ended.usage).toEqual(usageAfter);
    // Over, whatever it was: the mode at `instant` is what it would be without a break.
    expect(modeAt(office, instant, ended.state).reason).not.toBe('self-declared-break');
  });

  it('keeps the ended break, cut at the moment it ended, so when it ended can still be told', () => {
    const ended = endSelfDeclaredBreak(office, monday('13:50:00'), started, today(30));
    expect(ended.state).toEqual({ selfDeclared: { startedAt: monday('13:40:00'), endsAt: monday('13:50:00') } });
    expect(modeAt(office, monday('13:55:00'), ended.state)).toMatchObject({ mode: 'work', since: monday('13:50:00') });
    // A clock set back before the break started: an empty break, not a negative one.
    expect(endSelfDeclaredBreak(office, monday('13:00:00'), started, today(30)).state.selfDeclared).toEqual({ startedAt: monday('13:40:00'), endsAt: monday('13:40:00') });
  });

  it('puts the user back to work, and the minutes given back can be used later that day', () => {
    const first = startSelfDeclaredBreak(office, monday('11:30:00'), NO_BREAK, null, 45);
    if (!first.ok) throw new Error('expected the break to start');
    const ended = endSelfDeclaredBreak(office, monday('11:40:00'), first.state, first.usage);
    expect(ended.usage).toEqual(today(10));
    expect(modeAt(office, monday('11:40:00'), ended.state)).toMatchObject({ mode: 'work', reason: 'working-hours' });
    const second = startSelfDeclaredBreak(office, monday('13:30:00'), ended.state, ended.usage);
    expect(second).toMatchObject({ ok: true, endsAt: monday('14:20:00'), usage: today(60) });
  });
});

describe('selfDeclaredStatus (what the popup offers)', () => {
  const tuesday = (hms: string) => at(`2026-11-24T${hms}+00:00`);
  it('offers the allowance, limited by the window, the day and the next fixed break', () => {
    expect(selfDeclaredStatus(office, tuesday('11:40:00'), NO_BREAK, null)).toMatchObject({ canStart: true, minutesLeft: 60, longestMinutes: 50 });
    expect(selfDeclaredStatus(office, tuesday('13:45:00'), NO_BREAK, { date: '2026-11-24', minutesUsed: 20 })).toMatchObject({ canStart: true, minutesLeft: 40, longestMinutes: 40 });
  });
  it('offers nothing less than a whole minute before lunch, outside the window, or once the cap is used', () => {
    expect(selfDeclaredStatus(office, tuesday('12:29:30'), NO_BREAK, null)).toMatchObject({ canStart: false, reason: 'not-allowed-now', longestMinutes: 0 });
    expect(selfDeclaredStatus(office, tuesday('10:00:00'), NO_BREAK, null)).toMatchObject({ canStart: false, reason: 'not-allowed-now' });
    expect(selfDeclaredStatus(office, tuesday('11:40:00'), NO_BREAK, { date: '2026-11-24', minutesUsed: 60 })).toMatchObject({ canStart: false, reason: 'daily-cap-reached', minutesLeft: 0 });
  });
  it('says when the break under way ends', () => {
    const started = startSelfDeclaredBreak(office, tuesday('11:40:00'), NO_BREAK, null, 15);
    if (!started.ok) throw new Error('expected a break');
    expect(selfDeclaredStatus(office, tuesday('11:45:00'), started.state, started.usage)).toMatchObject({ onBreakUntil: tuesday('11:55:00'), canStart: false, reason: 'already-on-break', minutesLeft: 45 });
  });
});
