import { evaluateDnr } from './evaluate-dnr.ts';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../policy/compile-policy.ts';
import { LISTS, SOURCE } from '../../tests/fixtures/policy.ts';
import type { Mode } from '../policy/actions.ts';
import { compileRules, planRuleUpdate, ruleSpecs, type RuleInput } from './compile-rules.ts';
import { RULE_ID } from './ids.ts';
import { PRIORITY } from '../decide/table.ts';

const compiled = compilePolicy(SOURCE);
if (!compiled.ok) throw new Error('fixture');
const policy = compiled.policy;
const lists = Object.fromEntries(Object.entries(LISTS).map(([id, hosts]) => [id, { version: `v-${id}`, count: hosts.length }]));
const input = (mode: Mode, group = 'office'): RuleInput => ({
  policy, group: policy.groups.find((g) => g.id === group)!, mode, lists,
  extensionBase: 'chrome-extension://id/',
});
const hostsOf = (c: string) => LISTS[c as keyof typeof LISTS] ?? [];

describe('DNR rules', () => {
  it('redirects blocked categories to the block page with the category and the original URL', () => {
    const rules = compileRules(input('work'), hostsOf);
    const page = rules.find((r) => r.rule.id === RULE_ID.blockPage + policy.categories.findIndex((c) => c.id === 'gambling'))!.rule;
    expect(page.priority).toBe(PRIORITY.block);
    expect(page.condition).toMatchObject({ requestDomains: LISTS.gambling, regexFilter: '^(.*)$' });
    expect(page.condition.resourceTypes).toEqual(['main_frame', 'sub_frame']);
    expect(page.action).toEqual({ type: 'redirect', redirect: { regexSubstitution: 'chrome-extension://id/extension/pages/blocked/index.html?c=gambling#\\0' } });
    // Everything else to the host is blocked outright (a WebSocket cannot be redirected; block needs no host access).
    const others = rules.find((r) => r.rule.id === RULE_ID.blockOthers + policy.categories.findIndex((c) => c.id === 'gambling'))!.rule;
    expect(others.action).toEqual({ type: 'block' });
    expect(others.condition.resourceTypes).toEqual(expect.arrayContaining(['main_frame', 'script', 'xmlhttprequest', 'image', 'websocket', 'ping']));
    // One step below the redirect: pages get the block page, and are blocked even where a redirect cannot apply.
    expect(others.priority).toBe(PRIORITY.block - 1);
    expect(others.priority).toBeGreaterThan(PRIORITY.continue);
  });

  it('switches with the mode: social media has a block rule at work and none at lunch; streaming warns at work', () => {
    const ids = (mode: Mode) => ruleSpecs(input(mode)).map((s) => s.key.split('|').slice(0, 2).join('|'));
    expect(ids('work')).toEqual(expect.arrayContaining(['block|social', 'warn|streaming']));
    expect(ids('break')).not.toContain('block|social');
    expect(ids('break')).not.toContain('warn|streaming');
    expect(ids('break')).toContain('block|gambling');
  });

  it('gives exemptions an allow rule above every block, covering main frames', () => {
    const rules = compileRules(input('work'), hostsOf);
    const exempt = rules.find((r) => r.rule.id === RULE_ID.exemption)!.rule;
    expect(exempt.action.type).toBe('allow');
    expect(exempt.priority).toBeGreaterThan(PRIORITY.block);
    expect(exempt.condition.resourceTypes).toContain('main_frame');
  });

  it('stays inside both browsers\' limits: unique ids, few regex rules', () => {
    const rules = compileRules(input('work'), hostsOf);
    expect(new Set(rules.map((r) => r.rule.id)).size).toBe(rules.length);
    expect(rules.filter((r) => r.rule.condition.regexFilter).length).toBeLessThanOrEqual(policy.categories.length);
    expect(rules.length).toBeLessThan(5000);
  });

  it('changes only the rules whose content changed', () => {
    const before = ruleSpecs(input('work'));
    const keys = Object.fromEntries(before.map((s) => [s.id, s.key]));
    const ids = before.map((s) => s.id);
    expect(planRuleUpdate(ids, keys, before)).toMatchObject({ removeRuleIds: [], add: [] });

    const after = ruleSpecs(input('break'));
    const plan = planRuleUpdate(ids, keys, after);
    const social = policy.categories.findIndex((c) => c.id === 'social');
    const streaming = policy.categories.findIndex((c) => c.id === 'streaming');
    expect(plan.removeRuleIds).toEqual([RULE_ID.blockPage + social, RULE_ID.blockOthers + social, RULE_ID.warnPage + streaming]);
    expect(plan.add).toEqual([]);

    const changedList = ruleSpecs({ ...input('work'), lists: { ...lists, gambling: { version: 'v2', count: 3 } } });
    const relist = planRuleUpdate(ids, keys, changedList);
    const gambling = policy.categories.findIndex((c) => c.id === 'gambling');
    expect(relist.add.map((s) => s.id)).toEqual([RULE_ID.blockPage + gambling, RULE_ID.blockOthers + gambling]);
    expect(relist.removeRuleIds).toEqual([RULE_ID.blockPage + gambling, RULE_ID.blockOthers + gambling]);
  });

  it('replaces rules it has no record of', () => {
    const specs = ruleSpecs(input('work'));
    const plan = planRuleUpdate([RULE_ID.blockPage, 99_999], {}, specs);
    expect(plan.removeRuleIds).toEqual([RULE_ID.blockPage, 99_999]);
    expect(plan.add).toHaveLength(specs.length);
  });

  it('lists IPv6 literals in brackets, as the URL writes them (the bare form never matches)', () => {
    const rules = compileRules(input('work'), (c) => (c === 'gambling' ? ['bet.test', '2001:db8::1'] : []));
    const withDomains = rules.filter((r) => r.rule.condition.requestDomains?.includes('bet.test'));
    expect(withDomains.length).toBeGreaterThan(0);
    for (const r of withDomains) {
      expect(r.rule.condition.requestDomains).toContain('[2001:db8::1]');
      expect(r.rule.condition.requestDomains).not.toContain('2001:db8::1');
    }
    const model = evaluateDnr(rules.map((r) => r.rule), '2001:db8::1', 'image', 1, 'chrome-extension://x/');
    expect(model.verdict).toBe('block');
  });

  it('lists a listed IPv4 address also in the IPv6 forms that embed it (mapped and NAT64), as browsers write them', () => {
    const rules = compileRules(input('work'), (c) => (c === 'gambling' ? ['203.0.113.7'] : []));
    const domains = rules.find((r) => r.rule.condition.requestDomains?.includes('203.0.113.7'))!.rule.condition.requestDomains!;
    const asUrlsWriteThem = ['[::ffff:203.0.113.7]', '[64:ff9b::203.0.113.7]'].map((h) => new URL(`http://${h}/`).hostname);
    expect(asUrlsWriteThem).toEqual(['[::ffff:cb00:7107]', '[64:ff9b::cb00:7107]']);
    for (const form of asUrlsWriteThem) expect(domains).toContain(form);
  });
});

describe('resource types the browser knows', () => {
  it('rules for a whole host name every type the browser lists (Firefox: beacon), warnings only pages and frames', () => {
    const firefox = ['beacon', 'csp_report', 'font', 'image', 'main_frame', 'media', 'object', 'other', 'ping', 'script', 'stylesheet', 'sub_frame', 'websocket', 'xmlhttprequest'];
    const rules = compileRules({ ...input('work'), everyResourceType: firefox }, hostsOf);
    const gambling = rules.find((r) => r.rule.id === RULE_ID.blockOthers + policy.categories.findIndex((c) => c.id === 'gambling'))!.rule;
    expect(gambling.condition.resourceTypes).toContain('beacon');
    expect(rules.find((r) => r.rule.id === RULE_ID.exemption)!.rule.condition.resourceTypes).toContain('beacon');
    const streaming = rules.find((r) => r.rule.id === RULE_ID.warnPage + policy.categories.findIndex((c) => c.id === 'streaming'))!.rule;
    expect(streaming.condition.resourceTypes).toEqual(['main_frame', 'sub_frame']);
    // A change of the list changes the rule's key, so the browser's rule is replaced.
    const keys = (every?: string[]) => ruleSpecs({ ...input('work'), everyResourceType: every }).map((s) => s.key).join();
    expect(keys(firefox)).not.toBe(keys(undefined));
  });
});
