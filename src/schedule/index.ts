/** The schedule engine's public face: schemas and compiler, modes and next change, self-declared breaks. */
export { CompiledSchedule, ScheduleSource, WeekdaySchema, compileSchedule, type ScheduleSourceInput } from './schema.ts';
export {
  CHANGE_HORIZON_MS,
  modeAt,
  modeOnlyAt,
  nextChange,
  previousChange,
  type BreakState,
  type Mode,
  type ModeAt,
  type ModeOnly,
  type ModeReason,
} from './mode.ts';
export { endSelfDeclaredBreak, startSelfDeclaredBreak, type BreakUsage, type StartBreakResult } from './self-declared.ts';
export { instantOfWallClock, isTimeZone } from './zone.ts';
export { WEEKDAYS, type Weekday } from './wall-clock.ts';
