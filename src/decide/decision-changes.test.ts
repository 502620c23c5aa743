import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../policy/compile-policy.ts';
import { buildMatcher, indexPolicy } from './policy-index.ts';
import { situationFor } from './situation.ts';
import { actionsByMode, siteDecisionTimes, siteDecisionUntil } from './decision-changes.ts';
import { LISTS, SOURCE } from '../../tests/fixtures/policy.ts';

// The fixture's office: 09:00-17:00 Mon-Fri, lunch 12:00-13:00; here Friday's hours end at lunch.
const source = structuredClone(SOURCE);
source.schedules.office.workingHours.fri = ['09:00-13:00'];
const compiled = compilePolicy(source);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
const index = indexPolicy(compiled.policy, buildMatcher(compiled.policy, LISTS));
const situation = (iso: string) => situationFor(index.policy, { at: Date.parse(iso), group: 'office', managed: false, breakState: { selfDeclared: null } });
const times = (url: string, iso: string) => {
  const t = siteDecisionTimes(index, url, situation(iso));
  expect(siteDecisionUntil(index, url, situation(iso))).toBe(t.until);
  return { since: t.since && new Date(t.since).toISOString(), until: t.until && new Date(t.until).toISOString() };
};

describe('when the decision for a site changes (what the banner and the block page say)', () => {
  it('knows the action in every mode', () => {
    expect(actionsByMode(index, 'https://social.test/', situation('2026-11-24T10:00:00Z'))).toEqual({ work: 'block', break: 'allow-banner', personal: 'allow-banner' });
    expect(actionsByMode(index, 'https://chat.council.test/', situation('2026-11-24T10:00:00Z'))).toEqual({ work: 'allow', break: 'allow', personal: 'allow' });
  });

  it('a personal-use site at Tuesday lunch: open until 13:00, when work starts again', () => {
    expect(times('https://social.test/', '2026-11-24T12:30:00Z')).toEqual({ since: '2026-11-24T12:00:00.000Z', until: '2026-11-24T13:00:00.000Z' });
  });

  it('at Friday lunch, when working hours end at 13:00: open until Monday 09:00 (break → personal changes nothing for this site)', () => {
    expect(times('https://social.test/', '2026-11-27T12:30:00Z')).toEqual({ since: '2026-11-27T12:00:00.000Z', until: '2026-11-30T09:00:00.000Z' });
  });

  it('a blocked personal-use site at work opens at lunch; a prohibited one never changes; an exempt one neither', () => {
    expect(times('https://social.test/', '2026-11-24T10:00:00Z')).toEqual({ since: '2026-11-24T09:00:00.000Z', until: '2026-11-24T12:00:00.000Z' });
    expect(times('https://bet.test/', '2026-11-24T10:00:00Z')).toEqual({ since: null, until: null });
    expect(times('https://chat.council.test/', '2026-11-24T10:00:00Z')).toEqual({ since: null, until: null });
  });

  it('an unreadable URL has no times', () => {
    expect(siteDecisionTimes(index, 'not a url', situation('2026-11-24T10:00:00Z'))).toEqual({ since: null, until: null, actions: null });
  });
});
