import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

/*
 * The typed rules need the file in the TypeScript project, and the layer probes live at made-up
 * paths: so layer probes are linted without type information (the layer rules do not use it), and
 * the typed rules are proven at a real file's path, with the snippet standing in for its text.
 */
const UNTYPED = {
  languageOptions: { parserOptions: { projectService: false } },
  rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
} as const;
const untyped = new ESLint({ cwd: process.cwd(), overrideConfig: UNTYPED });
const typed = new ESLint({ cwd: process.cwd() });

/** Lint a snippet as if it lived at `filePath`, and return the rule ids that fired. */
async function rulesFired(filePath: string, code: string, eslint = untyped): Promise<string[]> {
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

  it('keeps the browser object, and so raw storage, inside extension/platform', async () => {
    const code = "import { browser } from '../platform/browser.ts';\nexport const read = () => browser.storage.local.get('aup.policyState');\n";
    expect(await rulesFired('extension/background/probe.ts', code)).toContain('no-restricted-imports');
    expect(await rulesFired('extension/platform/probe.ts', "import { browser } from './browser.ts';\nexport const b = browser;\n")).not.toContain('no-restricted-imports');
  });

  it('keeps scripts/ and tests/ out of the shipped extension', async () => {
    const code = "import { a } from '../../scripts/build-inputs.ts';\nimport { b } from '../../tests/fixtures/policy.ts';\nexport const c = [a, b];\n";
    for (const file of ['extension/background/probe.ts', 'extension/platform/probe.ts']) {
      expect((await rulesFired(file, code)).filter((r) => r === 'no-restricted-imports')).toHaveLength(2);
    }
  });

  it('lets the build use src/rules and the core, never a CLI leaf, tests/ or extension source', async () => {
    const ok = "import { loadRules } from '../src/rules/load-rules.ts';\nimport { compileStaticBaseline } from '../src/dnr/baseline.ts';\nimport type { Tab } from '../extension/platform/browser.ts';\nexport const u = [loadRules, compileStaticBaseline] as unknown as Tab;\n";
    expect(await rulesFired('scripts/vite-probe.ts', ok)).not.toContain('no-restricted-imports');
    for (const source of ['../src/cli/commands/build.ts', '../tests/e2e/support/paths.ts', '../extension/background/enforce.ts']) {
      expect(await rulesFired('scripts/vite-probe.ts', `import { x } from '${source}';\nexport const y = x;\n`), source).toContain('no-restricted-imports');
    }
  });

  it('lets the benchmarks drive the e2e rig, but not import extension source', async () => {
    expect(await rulesFired('scripts/bench/probe.ts', "import { x } from '../../tests/e2e/support/chromium.ts';\nexport const y = x;\n")).not.toContain('no-restricted-imports');
    expect(await rulesFired('scripts/bench/probe.ts', "import { x } from '../../extension/background/enforce.ts';\nexport const y = x;\n")).toContain('no-restricted-imports');
  });

  it('keeps the e2e tests on the built extension and off scripts/', async () => {
    const typeOnly = "import type { Tab } from '../../../extension/platform/browser.ts';\nexport type T = Tab;\n";
    expect(await rulesFired('tests/e2e/support/probe.ts', typeOnly)).not.toContain('no-restricted-imports');
    for (const source of ['../../../extension/background/enforce.ts', '../../../scripts/static-server.ts']) {
      expect(await rulesFired('tests/e2e/support/probe.ts', `import { x } from '${source}';\nexport const y = x;\n`), source).toContain('no-restricted-imports');
    }
  });

  it('lets core tests use tests/fixtures only, and keeps fixtures to the core', async () => {
    const fixture = "import { SOURCE } from '../../tests/fixtures/policy.ts';\nexport const s = SOURCE;\n";
    expect(await rulesFired('src/policy/probe.test.ts', fixture)).not.toContain('no-restricted-imports');
    for (const source of ['../../tests/unit/support/bundle-fixture.ts', '../../scripts/bench/measure.ts']) {
      expect(await rulesFired('src/policy/probe.test.ts', `import { x } from '${source}';\nexport const y = x;\n`), source).toContain('no-restricted-imports');
    }
    for (const source of ['../../extension/background/enforce.ts', '../../src/cli/commands/build.ts']) {
      expect(await rulesFired('tests/fixtures/probe.ts', `import { x } from '${source}';\nexport const y = x;\n`), source).toContain('no-restricted-imports');
    }
  });

  it('lets the unit tests import anything (they prove the layers)', async () => {
    const code = "import { a } from '../../extension/background/enforce.ts';\nimport { b } from '../../src/cli/main.ts';\nimport { c } from '../../scripts/static-server.ts';\nexport const d = [a, b, c];\n";
    expect(await rulesFired('tests/unit/probe.test.ts', code)).not.toContain('no-restricted-imports');
  });

  // Building the TypeScript program takes seconds on a busy machine.
  it('rejects a floating or misused promise in extension/ and src/', { timeout: 60_000 }, async () => {
    const floating = 'async function work(): Promise<void> {}\nwork();\nexport {};\n';
    const handled = 'async function work(): Promise<void> {}\nwork().catch((e: unknown) => console.error(e));\nexport {};\n';
    const misused = 'export function f(xs: number[]) { xs.forEach(async (x) => { await Promise.resolve(x); }); }\n';
    expect(await rulesFired('extension/background/index.ts', floating, typed)).toContain('@typescript-eslint/no-floating-promises');
    expect(await rulesFired('extension/background/index.ts', handled, typed)).not.toContain('@typescript-eslint/no-floating-promises');
    expect(await rulesFired('src/decide/group.ts', floating, typed)).toContain('@typescript-eslint/no-floating-promises');
    expect(await rulesFired('extension/pages/options/SettingsSection.tsx', misused, typed)).toContain('@typescript-eslint/no-misused-promises');
  });

  it('rejects innerHTML anywhere', async () => {
    const fired = await rulesFired('extension/pages/blocked/probe.ts', 'export function f(el: HTMLElement, u: string) { el.innerHTML = u; }\n');
    expect(fired).toContain('no-restricted-syntax');
  });
});
