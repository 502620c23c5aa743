import { describe, expect, it } from 'vitest';
import { weekLines } from './week-lines.ts';

const r = (start: number, end: number) => ({ start, end });

describe('weekLines', () => {
  it('joins consecutive days with the same ranges and leaves out empty days', () => {
    const lunch = [r(720, 780)];
    expect(weekLines({ mon: lunch, tue: lunch, wed: [], thu: lunch, fri: lunch, sat: [r(600, 660), r(900, 960)], sun: [] })).toEqual([
      { days: ['mon', 'tue'], ranges: lunch },
      { days: ['thu', 'fri'], ranges: lunch },
      { days: ['sat'], ranges: [r(600, 660), r(900, 960)] },
    ]);
  });

  it('gives nothing for a week without ranges', () => {
    expect(weekLines({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] })).toEqual([]);
  });
});
