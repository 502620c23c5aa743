import { describe, expect, it } from 'vitest';
import { acceptanceGateRule } from './acceptance-gate.ts';
import { compileRules, continueRule } from './compile-rules.ts';
import { evaluateDnr, winningRule } from './evaluate-dnr.ts';
import { RULE_ID } from './ids.ts';
import { acceptanceGate } from '../decide/acceptance.ts';
import { PRIORITY } from '../decide/table.ts';
import { compilePolicy } from '../policy/compile-policy.ts';
import { SOURCE, LISTS } from '../../tests/fixtures/policy.ts';

const EXT = 'chrome-extension://ext/';

function setup(options: { accepted?: string[]; acceptance?: 'required' | 'not-required'; aupUrl?: string } = {}) {
  const source = JSON.parse(JSON.stringify(SOURCE));
  if (options.acceptance) source.groups.office.acceptance = options.acceptance;
  if (options.aupUrl) source.aup.url = options.aupUrl;
  const r = compilePolicy(source);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const policy = r.policy;
  const group = policy.groups.find((g) => g.id === 'office')!;
  const gate = acceptanceGate(policy, group, (options.accepted ?? []).map((aupVersion) => ({ aupVersion })));
  const lists = Object.fromEntries(Object.entries(LISTS).map(([c, hosts]) => [c, { version: 'v', count: hosts.length }]));
  const rules = compileRules({ policy, group, mode: 'work', lists, extensionBase: EXT, gate }, (c) => LISTS[c as keyof typeof LISTS] ?? []).map((k) => k.rule);
  return { policy, gate, rules };
}

describe('the AUP acceptance gate', () => {
  it('is on only while the group requires acceptance and the current version is not accepted', () => {
    expect(setup().gate).toMatchObject({ aupVersion: SOURCE.aup.version });
    expect(setup({ accepted: ['an older version'] }).gate).not.toBeNull();
    expect(setup({ accepted: [SOURCE.aup.version] }).gate).toBeNull();
    expect(setup({ acceptance: 'not-required' }).gate).toBeNull();
  });

  it('sends top-level pages of unlisted and warned hosts to the welcome page with the original URL', () => {
    const { rules } = setup();
    for (const host of ['news.test', 'video.test']) {
      expect(evaluateDnr(rules, host, 'main_frame', 1, EXT).verdict, host).toBe('welcome');
    }
    const gateRule = rules.find((r) => r.id === RULE_ID.acceptanceGate)!;
    expect(gateRule.action).toEqual({ type: 'redirect', redirect: { regexSubstitution: `${EXT}extension/pages/welcome/index.html#\\0` } });
  });

  it('ranks below block, above continue grants and warnings; exemptions and the AUP host stay open', () => {
    const { rules, gate } = setup({ aupUrl: 'https://intranet.example/aup' });
    expect(PRIORITY.block - 1).toBeGreaterThan(PRIORITY.acceptanceGate);
    expect(PRIORITY.acceptanceGate).toBeGreaterThan(PRIORITY.continue);
    expect(evaluateDnr(rules, 'bet.test', 'main_frame', 1, EXT).verdict).toBe('block');
    // A warn-page Continue does not get past the gate.
    const granted = [...rules, continueRule(RULE_ID.sessionContinue, { tabId: 1, host: 'video.test' })];
    expect(winningRule(granted, 'video.test', 'main_frame', 1)?.id).toBe(RULE_ID.acceptanceGate);
    // The exemption (chat.council.test) wins over the gate and over the chat category.
    expect(winningRule(rules, 'chat.council.test', 'main_frame', 1)?.action.type).toBe('allow');
    // The AUP's own host (and its subdomains): whatever else applies, not the gate.
    expect(gate?.aupHost).toBe('intranet.example');
    expect(winningRule(rules, 'intranet.example', 'main_frame', 1)).toBeUndefined();
    expect(winningRule(rules, 'www.intranet.example', 'main_frame', 1)).toBeUndefined();
  });

  it('does not touch frames or subresources', () => {
    const { rules } = setup();
    for (const type of ['sub_frame', 'script', 'image', 'xmlhttprequest'] as const) {
      expect(evaluateDnr(rules, 'news.test', type, 1, EXT).verdict, type).toBe('pass');
    }
  });

  it('blocks pages outright when a redirect cannot apply (no access to sites): fails closed', () => {
    const rule = acceptanceGateRule({ aupVersion: '1', aupHost: null }, EXT, false);
    expect(rule.action).toEqual({ type: 'block' });
    expect(rule.condition).toEqual({ regexFilter: '^https?://.*$', resourceTypes: ['main_frame'] });
  });
});
