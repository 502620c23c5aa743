import { describe, expect, it } from 'vitest';
import { dateFormat } from './date-format.ts';

const at = Date.UTC(2026, 11, 5, 5, 27); // Saturday 5 December 2026, 05:27 UTC
const noWelsh = () => false;

describe('dateFormat: dates in the language of the page, also where Intl has no Welsh', () => {
  it('a browser without Welsh data (Chromium) gets Welsh names in the British pattern, not American English', () => {
    expect(dateFormat('cy', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }, noWelsh).format(at)).toBe('Dydd Sadwrn, 5 Rhagfyr 2026 am 05:27');
    expect(dateFormat('cy', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }, noWelsh).format(at)).toBe('5 Rhag 2026, 05:27');
    expect(dateFormat('cy', { weekday: 'short', timeZone: 'UTC' }, noWelsh).format(Date.UTC(2024, 0, 1))).toBe('Llun');
    expect(dateFormat('cy', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/London' }, noWelsh).format(Date.UTC(2026, 6, 31, 23, 30))).toBe('Dydd Sadwrn 1 Awst');
  });

  it('a browser with Welsh data, and every other language, use Intl itself', () => {
    expect(dateFormat('cy', { dateStyle: 'full', timeZone: 'UTC' }, () => true).format(at)).toBe(new Intl.DateTimeFormat('cy', { dateStyle: 'full', timeZone: 'UTC' }).format(at));
    expect(dateFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }, noWelsh).format(at)).toBe('Saturday, 5 December 2026 at 05:27');
  });
});
