import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { loadRules } from '../src/rules/load-rules.ts';
import { rulesDisk } from './rules-disk.ts';
import type { BuildInputs } from './build-inputs.ts';
import { compileStaticBaseline, BASELINE_RULESET_ID } from '../src/dnr/baseline.ts';
import { BUILD_INFO_FILE, type BuildInfo } from '../src/config/development-build.ts';
import pkg from '../package.json' with { type: 'json' };

/**
 * Compiles rules/ into the extension at build time, with the same code the CLI uses:
 *  - `virtual:aup-embedded`: the policy and its curated lists (the built-in baseline the worker
 *    enforces until a signed bundle arrives) and the default settings of the build profile
 *    (see build-inputs.ts);
 *  - `baseline-rules.json`: the static DNR ruleset for the must-block categories;
 *  - `aup-build.json`: which profile this build is and the policy URL it embeds, so that
 *    `aup package` can refuse a development build (src/cli/package/release-check.ts).
 * The embedded data ships inside the signed extension package, so it needs no bundle signature.
 */

const VIRTUAL = 'virtual:aup-embedded';
const RESOLVED = '\0' + VIRTUAL;
/** Small enough for every page: which build this is (pages say so when it is a development build). */
const BUILD = 'virtual:aup-build';
const BUILD_RESOLVED = '\0' + BUILD;
export const BASELINE_RULES_FILE = 'baseline-rules.json';

export function embeddedPolicy(root: string, inputs: BuildInputs): Plugin {
  // Read rules/ once per build: both the virtual module and the static ruleset come from it.
  let loaded: ReturnType<typeof loadRules> | null = null;
  const rules = () => (loaded ??= loadRules(rulesDisk, resolve(root, 'rules')));
  return {
    name: 'aup:embedded-policy',
    buildStart() {
      loaded = null;
    },
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : id === BUILD ? BUILD_RESOLVED : null),
    load(id) {
      if (id === BUILD_RESOLVED) return `export default ${JSON.stringify({ profile: inputs.profile })};`;
      if (id !== RESOLVED) return null;
      const current = rules();
      this.addWatchFile(resolve(root, 'rules/policy.yaml'));
      const embedded = {
        policy: current.policy,
        lists: current.lists,
        defaults: inputs.defaults && { ...inputs.defaults, refreshMinutes: 60 },
      };
      return `export default ${JSON.stringify(embedded)};`;
    },
    generateBundle() {
      const current = rules();
      this.emitFile({
        type: 'asset',
        fileName: BASELINE_RULES_FILE,
        source: JSON.stringify(compileStaticBaseline(current.policy, current.lists)),
      });
      const info: BuildInfo = { profile: inputs.profile, version: pkg.version, policyUrl: inputs.defaults?.policyUrl ?? null };
      this.emitFile({ type: 'asset', fileName: BUILD_INFO_FILE, source: JSON.stringify(info, null, 2) + '\n' });
    },
  };
}

export { BASELINE_RULESET_ID };
