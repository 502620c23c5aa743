import { describe, expect, it } from 'vitest';
import { compileStaticBaseline, mustBlockCategories } from './baseline.ts';
import { compileRules } from './compile-rules.ts';
import { winningRule } from './evaluate-dnr.ts';
import type { CompiledPolicy } from '../policy/compiled-schema.ts';
import { NO_DOWNLOAD_POLICY } from '../policy/downloads-schema.ts';

const EXT = 'chrome-extension://ext/';
const always = { work: 'block', break: 'block', personal: 'block' } as const;
const policy: CompiledPolicy = {
  version: 2,
  council: { name: 'Test' },
  aup: { title: 'AUP', version: '1', url: 'https://aup.test/', summary: '' },
  help: { helpdesk: { name: 'Desk', email: null, phone: null, url: null }, inadvertentAccess: '' },
  reports: { endpoint: null },
  categories: [
    { id: 'porn', title: 'Porn', clause: '', description: null, sensitive: true },
    { id: 'games', title: 'Games', clause: '', description: null, sensitive: false },
  ],
  schedules: {},
  groups: [
    { id: 'office', title: 'Office', description: null, schedule: 'none', acceptance: 'required', actions: { porn: always, games: { work: 'block', break: 'allow', personal: 'allow' } } },
    { id: 'open', title: 'Open', description: null, schedule: 'none', acceptance: 'required', actions: { porn: always } },
  ],
  defaultGroup: 'office',
  strictestGroup: 'office',
  exemptions: [],
  downloads: NO_DOWNLOAD_POLICY,
  safeSearch: {},
};
const lists: Record<string, string[]> = { porn: ['porn.test'], games: ['games.test'] };

describe('the static baseline', () => {
  const baseline = compileStaticBaseline(policy, lists);
  const worker = compileRules({ policy, group: policy.groups[0]!, mode: 'work', lists: { porn: { version: 'v', count: 1 }, games: { version: 'v', count: 1 } }, extensionBase: EXT }, (c) => lists[c] ?? []).map((k) => k.rule);

  it('covers only the categories every group blocks at every time', () => {
    expect(mustBlockCategories(policy)).toEqual(['porn']);
    expect(winningRule(baseline, 'games.test', 'main_frame', 1)).toBeUndefined();
  });

  it('alone, sends pages to the block page and blocks everything else', () => {
    expect(winningRule(baseline, 'www.porn.test', 'main_frame', 1)?.action).toEqual({ type: 'redirect', redirect: { extensionPath: expect.stringContaining('baseline=1') } });
    expect(winningRule(baseline, 'www.porn.test', 'script', 1)?.action.type).toBe('block');
  });

  it("steps below the worker's rules, whose block page carries the address", () => {
    const page = winningRule([...baseline, ...worker], 'www.porn.test', 'main_frame', 1);
    expect(page?.action.type).toBe('redirect');
    expect(page?.action.type === 'redirect' && 'regexSubstitution' in page.action.redirect).toBe(true);
    expect(winningRule([...baseline, ...worker], 'www.porn.test', 'image', 1)?.action.type).toBe('block');
  });
});
