import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import { EXTRA_PAGES, OWN_PAGES, manifestFor, type BrowserTarget } from './manifest.config.ts';
import { embeddedPolicy } from './scripts/vite-embedded-policy.ts';
import { buildInputs } from './scripts/build-inputs.ts';
import { pagePath } from './src/protocol/page-location.ts';

// `vite build --mode chrome|firefox`: one source, one output folder per browser.
export default defineConfig(({ mode }) => {
  const target: BrowserTarget = mode === 'firefox' ? 'firefox' : 'chrome';
  const inputs = buildInputs(import.meta.dirname);
  if (inputs.profile === 'development') console.warn('aup: development build — trusts the development key in tests/fixtures/keys/ (never deploy it)');
  else if (!inputs.defaults) console.warn('aup: release build without a built-in policy URL or key: devices wait for ICT\'s managed settings');
  return {
    plugins: [
      preact(),
      embeddedPolicy(import.meta.dirname, inputs),
      crx({
        manifest: manifestFor(target, inputs.profile),
        browser: target,
        contentScripts: { standaloneFiles: ['extension/content/banner.ts'] },
      }),
    ],
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      target: 'es2022',
      // Readable output: ICT and reviewers (AMO, Chrome policy reviews) can read what runs.
      minify: false,
      rolldownOptions: {
        input: Object.fromEntries(
          [...EXTRA_PAGES, ...OWN_PAGES].map((p) => [p, resolve(import.meta.dirname, pagePath(p))]),
        ),
      },
    },
    server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  };
});
