import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { DEV_PUBLIC_KEY, E2E_GROUP } from './bundles.ts';
import type { Harness } from './harness.ts';
import { ROOT, tempDir } from './paths.ts';
import { GECKO_ID } from '../../../manifest.config.ts';

/*
 * What ICT does, with the project's own commands (bin/aup.mjs, as the runbook says): make a
 * packaging key, package the release build (CRX, updates.xml, XPI), write a deployment file and
 * generate every template from it. The packages are served from a test host, the bundle from the
 * harness's policy server; the tests then install the generated policy files as ICT would.
 */

export const DOWNLOAD_HOST = 'downloads.aup-guard.test';

export type Deployment = {
  chromeId: string;
  /** The folder `aup deploy` wrote (linux/…, firefox/policies.json, …). */
  templates: string;
  /** A generated template, parsed (a path inside `templates`). */
  template(path: string): Record<string, unknown>;
  remove(): void;
};

function aup(args: string[]): string {
  return execFileSync(process.execPath, [join(ROOT, 'bin/aup.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
}

export function packageAndDeploy(h: Harness, hardening: Record<string, unknown> = {}): Deployment {
  const work = tempDir('deployment');
  // A packaging key of ICT's own: the extension id comes from it (not the development key's).
  aup(['keygen', '--packaging', '--out', join(work.path, 'keys')]);
  const pem = readdirSync(join(work.path, 'keys')).find((f) => f.endsWith('.pem'))!;
  const pkg = join(work.path, 'packages');
  const crxUrl = h.server.url(DOWNLOAD_HOST, '/aup-guard.crx');
  aup(['package', '--key', join(work.path, 'keys', pem), '--out', pkg, '--crx-url', crxUrl]);
  const release = JSON.parse(readFileSync(join(pkg, 'release.json'), 'utf8')) as { chromeId: string; version: string; files: Record<string, unknown> };
  const file = (suffix: string) => Object.keys(release.files).find((f) => f.endsWith(suffix))!;
  const served: Record<string, { type: string; body: Buffer }> = {
    '/updates.xml': { type: 'text/xml', body: readFileSync(join(pkg, 'updates.xml')) },
    '/aup-guard.crx': { type: 'application/x-chrome-extension', body: readFileSync(join(pkg, file('.crx'))) },
    '/aup-guard.xpi': { type: 'application/x-xpinstall', body: readFileSync(join(pkg, file('.xpi'))) },
  };
  h.server.route((req, res) => {
    if (!(req.headers.host ?? '').startsWith(DOWNLOAD_HOST)) return false;
    const entry = served[new URL(req.url ?? '/', 'http://x').pathname];
    if (!entry) return false;
    res.writeHead(200, { 'content-type': entry.type }).end(entry.body);
    return true;
  });

  const deploymentFile = join(work.path, 'deployment.yaml');
  writeFileSync(deploymentFile, stringify({
    organisation: 'Anytown Borough Council (end-to-end test)',
    extension: {
      chromeId: release.chromeId,
      firefoxId: GECKO_ID,
      crxUpdateUrl: h.server.url(DOWNLOAD_HOST, '/updates.xml'),
      xpiUrl: h.server.url(DOWNLOAD_HOST, '/aup-guard.xpi'),
    },
    settings: { policyUrl: h.policy.url, trustedKeys: [DEV_PUBLIC_KEY], group: E2E_GROUP, refreshMinutes: 60 },
    hardening,
  }));
  const templates = join(work.path, 'templates');
  // --test: the development bundle key and plain-http .test addresses, on a test machine.
  aup(['deploy', '--config', deploymentFile, '--out', templates, '--test']);
  return {
    chromeId: release.chromeId,
    templates,
    template: (path) => JSON.parse(readFileSync(join(templates, path), 'utf8')) as Record<string, unknown>,
    remove: () => work.remove(),
  };
}
