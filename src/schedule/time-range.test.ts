import { describe, expect, it } from 'vitest';
import { clipRanges, normaliseRanges, parseTimeRange, type LabelledRange } from './time-range.ts';

describe('parseTimeRange', () => {
  it.each([
    ['08:00-18:00', 480, 1080],
    ['00:00-24:00', 0, 1440],
    ['12:30-13:30', 750, 810],
    [' 12:30 - 13:30 ', 750, 810],
    ['23:59-24:00', 1439, 1440],
  ])('reads %j as minutes %i to %i', (text, start, end) => {
    expect(parseTimeRange(text)).toEqual({ ok: true, range: { start, end } });
  });

  it.each([
    ['8:00-18:00', 'is not a time range'],
    ['08:00–18:00', 'is not a time range'], // en dash
    ['08:00', 'is not a time range'],
    ['08:60-09:00', 'start must be a time from 00:00 to 23:59'],
    ['24:00-24:00', 'start must be a time from 00:00 to 23:59'],
    ['08:00-25:00', 'end must be a time from 00:01 to 24:00'],
    ['08:00-24:30', 'end must be a time from 00:01 to 24:00'],
    ['12:00-12:00', 'the end must be after the start'],
    ['13:30-12:30', 'the end must be after the start'],
  ])('rejects %j', (text, message) => {
    const parsed = parseTimeRange(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it('explains that overnight ranges are not supported in v1 and how to write them', () => {
    for (const text of ['22:00-06:00', '22:00-00:00']) {
      const parsed = parseTimeRange(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.message).toContain('cannot cross midnight in this version');
        expect(parsed.message).toContain('"22:00-24:00"');
      }
    }
  });
});

describe('normaliseRanges', () => {
  const r = (start: number, end: number, label?: string): LabelledRange => (label === undefined ? { start, end } : { start, end, label });

  it.each<[string, LabelledRange[], LabelledRange[]]>([
    ['keeps separate ranges, sorted', [r(600, 700), r(100, 200)], [r(100, 200), r(600, 700)]],
    ['merges overlapping ranges', [r(100, 300), r(200, 400)], [r(100, 400)]],
    ['merges touching ranges', [r(100, 200), r(200, 300)], [r(100, 300)]],
    ['swallows a range inside another', [r(100, 500), r(200, 300)], [r(100, 500)]],
    ['drops empty and backwards ranges', [r(100, 100), r(300, 200), r(400, 500)], [r(400, 500)]],
    ['merges a chain out of order', [r(500, 600), r(100, 250), r(240, 510)], [r(100, 600)]],
    ['keeps distinct labels of merged breaks in time order', [r(800, 830, 'Tea'), r(750, 810, 'Lunch'), r(760, 770, 'Lunch')], [r(750, 830, 'Lunch / Tea')]],
    ['keeps a label on an unmerged break', [r(750, 810, 'Lunch'), r(900, 915)], [r(750, 810, 'Lunch'), r(900, 915)]],
    ['returns nothing for nothing', [], []],
  ])('%s', (_name, input, expected) => {
    expect(normaliseRanges(input)).toEqual(expected);
  });

  it('does not change its input', () => {
    const input = [r(500, 600), r(100, 200)];
    normaliseRanges(input);
    expect(input).toEqual([r(500, 600), r(100, 200)]);
  });
});

describe('clipRanges', () => {
  const hours = [{ start: 480, end: 720 }, { start: 780, end: 1080 }]; // 08:00-12:00, 13:00-18:00

  it.each<[string, LabelledRange[], LabelledRange[]]>([
    ['keeps a break inside working hours', [{ start: 600, end: 615 }], [{ start: 600, end: 615 }]],
    ['drops a break wholly outside working hours', [{ start: 1100, end: 1200, label: 'Evening' }], []],
    ['trims a break that runs past the end of work', [{ start: 1050, end: 1110 }], [{ start: 1050, end: 1080 }]],
    [
      'splits a break across a gap in working hours, keeping its label',
      [{ start: 690, end: 810, label: 'Lunch' }],
      [{ start: 690, end: 720, label: 'Lunch' }, { start: 780, end: 810, label: 'Lunch' }],
    ],
  ])('%s', (_name, breaks, expected) => {
    expect(clipRanges(breaks, hours)).toEqual(expected);
  });
});
