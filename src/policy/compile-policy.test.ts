import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile-policy.ts';
import { SOURCE } from '../../tests/fixtures/policy.ts';

const clone = () => JSON.parse(JSON.stringify(SOURCE));

describe('compilePolicy', () => {
  it('resolves action sets and fills unnamed categories with allow, with a warning', () => {
    const r = compilePolicy(SOURCE);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const pub = r.policy.groups.find((g) => g.id === 'public')!;
    expect(pub.actions.social).toEqual({ work: 'allow', break: 'allow', personal: 'allow' });
    expect(r.warnings.some((w) => w.path === 'groups.public.categories' && /"social" is not named/.test(w.message))).toBe(true);
    expect(r.policy.categories.map((c) => c.id)).toEqual(['chat', 'gambling', 'social', 'streaming']);
  });

  it('carries which categories are sensitive (default: not), and refuses a non-boolean', () => {
    const s = clone();
    s.categories.gambling.sensitive = true;
    const r = compilePolicy(s);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.policy.categories.filter((c) => c.sensitive).map((c) => c.id)).toEqual(['gambling']);
    s.categories.chat.sensitive = 'yes';
    const bad = compilePolicy(s);
    expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual(['categories.chat.sensitive']);
  });

  it('carries whether each group must accept the AUP (default: required), and refuses anything else', () => {
    const s = clone();
    s.groups.public.acceptance = 'not-required';
    const r = compilePolicy(s);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(Object.fromEntries(r.policy.groups.map((g) => [g.id, g.acceptance]))).toEqual({ office: 'required', public: 'not-required' });
    s.groups.office.acceptance = 'optional';
    const bad = compilePolicy(s);
    expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual(['groups.office.acceptance']);
  });

  it('names the path of every cross-reference problem', () => {
    const s = clone();
    s.groups.office.categories.gambling = 'forbidden';
    s.groups.office.categories.nosuch = 'prohibited';
    s.groups.office.schedule = 'nights';
    s.exemptions[0].groups = ['ghosts'];
    s.exemptions[0].hosts.push('not a host!');
    const r = compilePolicy(s);
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
    expect(paths).toEqual(expect.arrayContaining([
      'groups.office.categories.gambling: unknown action set "forbidden"',
      'groups.office.categories.nosuch: unknown category "nosuch"',
      'groups.office.schedule: unknown schedule "nights"',
      'exemptions.0.groups: unknown group "ghosts"',
    ]));
    expect(paths.some((p) => p.startsWith('exemptions.0.hosts.1:'))).toBe(true);
  });

  it('requires exactly one default group', () => {
    const s = clone();
    s.groups.public.default = true;
    const r = compilePolicy(s);
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toContain('exactly one group must have "default: true" (found 2)');
  });

  it('rejects unknown keys and bad actions with a schema error', () => {
    const s = clone();
    s.groups.office.colour = 'blue';
    s.actionSets.prohibited.work = 'obliterate';
    const r = compilePolicy(s);
    expect(r.ok).toBe(false);
  });

  it('is deterministic regardless of key order in the YAML', () => {
    const s = clone();
    const reversed = { ...s, categories: Object.fromEntries(Object.entries(s.categories).reverse()), groups: Object.fromEntries(Object.entries(s.groups).reverse()) };
    const a = compilePolicy(s);
    const b = compilePolicy(reversed);
    expect(JSON.stringify(a.ok && a.policy)).toBe(JSON.stringify(b.ok && b.policy));
  });
});
