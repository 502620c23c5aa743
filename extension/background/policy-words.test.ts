import { describe, expect, it } from 'vitest';
import { policyWords } from './policy-words.ts';

describe("the policy's texts in the pages' language", () => {
  const policy = { translations: { cy: { Gambling: 'Gamblo', 'No gambling.': 'Dim gamblo.' } } };

  it('says the Welsh on a Welsh page and lists the English it had to show (for lang="en")', () => {
    const words = policyWords(policy, 'cy');
    expect([words.say('Gambling'), words.say('No gambling.'), words.say('Chat')]).toEqual(['Gamblo', 'Dim gamblo.', 'Chat']);
    expect(words.englishOnly()).toEqual(['Chat']);
  });

  it('says the English on an English page, and marks nothing', () => {
    const words = policyWords(policy, 'en-GB');
    expect(words.say('Gambling')).toBe('Gambling');
    expect(words.englishOnly()).toEqual([]);
  });

  it('shows English, marked, when the bundle has no Welsh at all (format 2)', () => {
    const words = policyWords({}, 'cy');
    expect(words.say('Gambling')).toBe('Gambling');
    expect(words.englishOnly()).toEqual(['Gambling']);
  });
});
