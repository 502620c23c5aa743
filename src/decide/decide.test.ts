import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../policy/compile-policy.ts';
import type { CompiledPolicy } from '../policy/compiled-schema.ts';
import { buildMatcher, indexPolicy } from './policy-index.ts';
import { decide } from './decide.ts';
import { situationFor, type SituationInputs } from './situation.ts';
import { chooseGroup } from './group.ts';
import { LISTS, SOURCE } from '../../tests/fixtures/policy.ts';

function index() {
  const compiled = compilePolicy(SOURCE);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return indexPolicy(compiled.policy, buildMatcher(compiled.policy, LISTS));
}

// Tuesday 24 November 2026, London (GMT in winter).
const at = (hhmm: string) => Date.parse(`2026-11-24T${hhmm}:00Z`);
const ctx = (over: Partial<SituationInputs> = {}) => situationFor(index().policy, { at: at('10:00'), group: 'office', managed: false, breakState: { selfDeclared: null }, ...over });

function action(url: string, over: Partial<SituationInputs> = {}) {
  const r = decide(index(), url, ctx(over));
  if (!r.ok) throw new Error(r.error);
  return r.decision;
}

describe('decide', () => {
  it('blocks a listed host and its subdomains, whatever the URL looks like', () => {
    for (const url of ['https://bet.test/', 'https://www.bet.test/x', 'http://WWW.BET.TEST.:8080/', 'https://u:p@bet.test/', 'https://glücksspiel-beispiel.example/', 'https://a.xn--glcksspiel-beispiel-69b.example/']) {
      const d = action(url);
      expect(d.action, url).toBe('block');
      expect(d.deciding.map((c) => c.id), url).toEqual(['gambling']);
    }
  });

  it('blocks a listed IPv4 address reached through its IPv4-mapped or NAT64 IPv6 form', () => {
    const policy = (() => {
      const c = compilePolicy(SOURCE);
      if (!c.ok) throw new Error('fixture');
      return c.policy;
    })();
    const withIp = indexPolicy(policy, buildMatcher(policy, { ...LISTS, gambling: [...LISTS.gambling, '203.0.113.9'] }));
    for (const url of ['http://203.0.113.9/', 'http://[::ffff:203.0.113.9]/', 'http://[64:ff9b::cb00:7109]:8080/x']) {
      const r = decide(withIp, url, ctx());
      expect(r.ok && r.decision.action, url).toBe('block');
    }
    const other = decide(withIp, 'http://[::ffff:203.0.113.10]/', ctx());
    expect(other.ok && other.decision.action).toBe('allow');
  });

  it('does not match across a label boundary', () => {
    expect(action('https://notbet.test/').action).toBe('allow');
  });

  it('follows the mode: social media blocked at work, banner at lunch, after work and on bank holidays', () => {
    expect(action('https://social.test/', { at: at('10:00') })).toMatchObject({ action: 'block', mode: 'work' });
    expect(action('https://social.test/', { at: at('12:30') })).toMatchObject({ action: 'allow-banner', mode: 'break' });
    expect(action('https://social.test/', { at: at('18:00') })).toMatchObject({ action: 'allow-banner', mode: 'personal' });
    expect(action('https://social.test/', { at: Date.parse('2026-12-25T10:00:00Z') })).toMatchObject({ action: 'allow-banner', mode: 'personal' });
  });

  it('honours a self-declared break', () => {
    const breakState = { selfDeclared: { startedAt: at('10:00'), endsAt: at('10:30') } };
    expect(action('https://social.test/', { at: at('10:10'), breakState })).toMatchObject({ action: 'allow-banner', mode: 'break' });
    expect(action('https://social.test/', { at: at('10:31'), breakState })).toMatchObject({ action: 'block', mode: 'work' });
  });

  it('takes the strictest action when a host is in several categories', () => {
    const d = action('https://social.test/', { at: at('10:00') });
    expect(d.categories).toEqual(['social', 'streaming']);
    expect(d.action).toBe('block');
    expect(d.deciding.map((c) => c.id)).toEqual(['social']);
  });

  it('lets an exemption win over its category, but only for the exempt host', () => {
    expect(action('https://chat.council.test/')).toMatchObject({ action: 'allow', rule: 'exemption:ict-chat' });
    expect(action('https://other.council.test/')).toMatchObject({ action: 'block', rule: 'category:chat' });
  });

  it('allows unlisted hosts and says so', () => {
    expect(action('https://example.org/')).toMatchObject({ action: 'allow', rule: 'unlisted', categories: [] });
  });

  it('refuses URLs it cannot check instead of guessing', () => {
    expect(decide(index(), 'javascript:alert(1)', ctx()).ok).toBe(false);
    expect(decide(index(), 'not a url', ctx()).ok).toBe(false);
  });
});

describe('chooseGroup', () => {
  const policy = (() => {
    const c = compilePolicy(SOURCE);
    if (!c.ok) throw new Error('fixture');
    return c.policy as CompiledPolicy;
  })();

  it('uses the configured group when it exists', () => {
    expect(chooseGroup(policy, 'public', true)).toMatchObject({ group: { id: 'public' }, why: 'configured' });
  });

  it('gives a managed device without a (known) group the strictest group, an unmanaged one the default', () => {
    expect(policy.strictestGroup).toBe('office');
    expect(chooseGroup(policy, null, true)).toMatchObject({ group: { id: 'office' }, why: 'strictest' });
    expect(chooseGroup(policy, 'typo', true).why).toBe('strictest');
    expect(chooseGroup(policy, null, false)).toMatchObject({ group: { id: 'office' }, why: 'default' });
  });
});

