import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

/** Lint a snippet as if it lived at `filePath`, and return the rule ids that fired. */
async function rulesFired(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layer rules of the architecture', () => {
  it('rejects webextension-polyfill in the pure core', async () => {
    const fired = await rulesFired('src/match/probe.ts', "import browser from 'webextension-polyfill';\nexport const b = browser;\n");
    expect(fired).toContain('no-restricted-imports');
  });

  it('rejects Node APIs in the pure core but allows them in the CLI leaf', async () => {
    const code = "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n";
    expect(await rulesFired('src/policy/probe.ts', code)).toContain('no-restricted-imports');
    expect(await rulesFired('src/cli/probe.ts', code)).not.toContain('no-restricted-imports');
  });

  it('rejects the chrome global in the core and outside extension/platform', async () => {
    const code = 'export const id = chrome.runtime.id;\n';
    expect(await rulesFired('src/decide/probe.ts', code)).toContain('no-restricted-globals');
    expect(await rulesFired('extension/background/probe.ts', code)).toContain('no-restricted-globals');
  });

  it('allows webextension-polyfill only in extension/platform', async () => {
    const code = "import browser from 'webextension-polyfill';\nexport const b = browser;\n";
    expect(await rulesFired('extension/platform/probe.ts', code)).not.toContain('no-restricted-imports');
    expect(await rulesFired('extension/pages/popup/probe.ts', code)).toContain('no-restricted-imports');
  });

  it('rejects the core importing extension code or the CLI leaf', async () => {
    const fired = await rulesFired('src/decide/probe.ts', "import { x } from '../../extension/platform/browser.ts';\nimport { y } from '../cli/main.ts';\nexport const z = [x, y];\n");
    expect(fired.filter((r) => r === 'no-restricted-imports')).toHaveLength(2);
  });

  it('rejects innerHTML anywhere', async () => {
    const fired = await rulesFired('extension/pages/blocked/probe.ts', 'export function f(el: HTMLElement, u: string) { el.innerHTML = u; }\n');
    expect(fired).toContain('no-restricted-syntax');
  });
});
