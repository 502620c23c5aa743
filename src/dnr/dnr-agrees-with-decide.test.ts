import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateDnr, type DnrOutcome } from './evaluate-dnr.ts';
import { compileRules, continueRule } from './compile-rules.ts';
import { RULE_ID } from './ids.ts';
import { decide } from '../decide/decide.ts';
import { buildMatcher, indexPolicy } from '../decide/policy-index.ts';
import { decisionTable, type Grant } from '../decide/table.ts';
import type { ResourceType } from '../decide/resource-types.ts';
import type { Situation } from '../decide/situation.ts';
import { hostFromUrl } from '../match/host.ts';
import { acceptanceGate, gateStops } from '../decide/acceptance.ts';
import { Action, MODES, type Mode } from '../policy/actions.ts';
import type { CompiledPolicy } from '../policy/compiled-schema.ts';
import { NO_DOWNLOAD_POLICY } from '../policy/downloads-schema.ts';

/*
 * The differential test of the decision table: the browser's verdict on the DNR rules compiled
 * from a policy must equal `decide()`'s verdict on the same policy — for random small policies,
 * groups, modes, host lists, exemptions, "Continue" grants, the AUP acceptance gate (on or off,
 * with the AUP's own host among the random ones), URLs, frames and subresources.
 * Change the precedence on one side only (a priority, a resource type, the order decide()
 * walks the rows) and this fails.
 */

const EXT = 'chrome-extension://ext/';
const label = fc.constantFrom('a', 'b', 'c', 'www');
const host = fc.tuple(fc.array(label, { minLength: 0, maxLength: 2 }), fc.constantFrom('test', 'example', 'b.test')).map(([ls, tld]) => [...ls, tld].join('.'));
const action = fc.constantFrom(...Action.options);
const modeActions = fc.record({ work: action, break: action, personal: action });

const scenario = fc
  .integer({ min: 1, max: 4 })
  .chain((categoryCount) => {
    const ids = Array.from({ length: categoryCount }, (_, i) => `c${i}`);
    const groupActions = fc.tuple(...ids.map(() => modeActions)).map((as) => Object.fromEntries(ids.map((id, i) => [id, as[i]!])));
    return fc.record({
      ids: fc.constant(ids),
      groups: fc.array(groupActions, { minLength: 1, maxLength: 2 }),
      lists: fc.tuple(...ids.map(() => fc.uniqueArray(host, { maxLength: 4 }))),
      exemptions: fc.array(fc.record({ hosts: fc.uniqueArray(host, { minLength: 1, maxLength: 2 }), onlyFirstGroup: fc.boolean() }), { maxLength: 2 }),
      groupIndex: fc.nat(1),
      mode: fc.constantFrom(...MODES),
      grants: fc.array(fc.record({ tabId: fc.constantFrom(1, 2), host }), { maxLength: 2 }),
      /** Whether this device has accepted the AUP (the group requires it); its document's host. */
      accepted: fc.boolean(),
      aupHost: host,
      requests: fc.array(
        fc.record({
          host: fc.oneof(host, fc.tuple(label, host).map(([l, h]) => `${l}.${h}`)),
          type: fc.constantFrom<ResourceType>('main_frame', 'sub_frame', 'script', 'image', 'xmlhttprequest'),
          tabId: fc.constantFrom(1, 2),
          upper: fc.boolean(),
        }),
        { minLength: 1, maxLength: 6 },
      ),
    });
  });

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function policyOf(s: Scenario): CompiledPolicy {
  return {
    version: 2,
    council: { name: 'Test' },
    aup: { title: 'AUP', version: '1', url: `https://${s.aupHost}/aup.pdf`, summary: '' },
    help: { helpdesk: { name: 'Desk', email: null, phone: null, url: null }, inadvertentAccess: '' },
    reports: { endpoint: null },
    categories: s.ids.map((id) => ({ id, title: id.toUpperCase(), clause: '', description: null, sensitive: false })),
    schedules: {},
    groups: s.groups.map((actions, i) => ({ id: `g${i}`, title: `G${i}`, description: null, schedule: 'none', acceptance: 'required' as const, actions })),
    defaultGroup: 'g0',
    strictestGroup: 'g0',
    exemptions: s.exemptions.map((e, i) => ({ id: `e${i}`, reason: 'test', hosts: e.hosts, groups: e.onlyFirstGroup ? ['g0'] : null })),
    downloads: NO_DOWNLOAD_POLICY,
    safeSearch: {},
  };
}

/** decide()'s verdict, in the terms the browser has: which page, or pass. */
function decided(s: Scenario, policy: CompiledPolicy, url: string, type: ResourceType, tabId: number, grants: Grant[]): DnrOutcome {
  const lists = Object.fromEntries(s.ids.map((id, i) => [id, s.lists[i]!]));
  const group = policy.groups[Math.min(s.groupIndex, policy.groups.length - 1)]!;
  const situation: Situation = { at: 0, group: { group, why: 'configured' }, mode: { mode: s.mode, reason: 'working-hours', since: null, until: null, modeUntil: null }, rows: decisionTable(policy, group, s.mode), schedule: null, breakState: { selfDeclared: null } };
  const result = decide(indexPolicy(policy, buildMatcher(policy, lists)), url, situation, { resourceType: type, tabId, grants });
  if (!result.ok) throw new Error(result.error);
  const d = result.decision;
  if (gateStops(gateOf(s, policy), d, type)) return { verdict: 'welcome', categories: [] };
  if (d.action === 'block' || d.action === 'warn') return { verdict: d.action, categories: d.deciding.map((c) => c.id) };
  return { verdict: 'pass', categories: [] };
}

function gateOf(s: Scenario, policy: CompiledPolicy) {
  const group = policy.groups[Math.min(s.groupIndex, policy.groups.length - 1)]!;
  return acceptanceGate(policy, group, s.accepted ? [{ aupVersion: policy.aup.version }] : []);
}

function compiled(s: Scenario, policy: CompiledPolicy, mode: Mode, grants: Grant[]) {
  const group = policy.groups[Math.min(s.groupIndex, policy.groups.length - 1)]!;
  const lists = Object.fromEntries(s.ids.map((id, i) => [id, { version: 'v', count: s.lists[i]!.length }]));
  const rules = compileRules({ policy, group, mode, lists, extensionBase: EXT, gate: gateOf(s, policy) }, (c) => s.lists[s.ids.indexOf(c)] ?? []).map((k) => k.rule);
  // The grants' session rules, made as continue-grants.ts makes them.
  return [...rules, ...grants.map((g, i) => continueRule(RULE_ID.sessionContinue + i, g))];
}

describe('the DNR rules and decide() agree (differential, property)', () => {
  it('for main frames, sub-frames and subresources, with exemptions and Continue grants', () => {
    let cases = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        const policy = policyOf(s);
        const rules = compiled(s, policy, s.mode, s.grants);
        for (const r of s.requests) {
          const url = `https://${r.upper ? r.host.toUpperCase() : r.host}/path?q=1`;
          // The browser matches the host as it canonicalises it (lower case, no trailing dot, punycode),
          // which is what hostFromUrl gives: the model starts from there.
          const host = hostFromUrl(url);
          if (!host.ok) throw new Error(host.error);
          const browser = evaluateDnr(rules, host.host, r.type, r.tabId, EXT);
          // Every grant of every tab: decide() must apply only this tab's, as the browser does.
          const ours = decided(s, policy, url, r.type, r.tabId, s.grants);
          expect(browser.verdict, `${url} (${r.type}, tab ${r.tabId})`).toBe(ours.verdict);
          // The page shows a category that decided (ties may pick either, in the browser too).
          if (browser.categories.length > 0) expect(ours.categories).toContain(browser.categories[0]);
          cases++;
        }
      }),
      { numRuns: 600 },
    );
    expect(cases).toBeGreaterThanOrEqual(500);
  });
});
