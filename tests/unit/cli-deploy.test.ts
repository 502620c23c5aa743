import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { DEPLOYMENT_FILE, ROOT } from './support/deployment-fixture.ts';

function aup(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/aup.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const work = mkdtempSync(join(tmpdir(), 'aup-deploy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('aup deploy', () => {
  it('writes the templates of a deployment file, and writes them again over its own folder', () => {
    const out = join(work, 'out');
    const first = aup('deploy', '--config', DEPLOYMENT_FILE, '--out', out, '--json');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const { files } = JSON.parse(first.out) as { files: string[] };
    expect(files).toContain('windows/PolicyDefinitions/aup-guard.admx');
    expect(readFileSync(join(out, 'firefox/policies.json'), 'utf8')).toContain('https://aup.anytown.gov.uk/policy/manifest.json');
    expect(aup('deploy', '--config', DEPLOYMENT_FILE, '--out', out).code).toBe(0);
    // A file from an earlier run that this one would not write is named, not deleted.
    writeFileSync(join(out, 'by-ou', 'stale.txt'), 'from an earlier run');
    expect(aup('deploy', '--config', DEPLOYMENT_FILE, '--out', out).err).toMatch(/by-ou\/stale\.txt/);
    expect(existsSync(join(out, 'by-ou', 'stale.txt'))).toBe(true);
  });

  it('refuses a folder it did not write', () => {
    const other = join(work, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'keep me');
    const r = aup('deploy', '--config', DEPLOYMENT_FILE, '--out', other);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not empty and was not written by aup deploy/);
    expect(readFileSync(join(other, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('refuses development keys, ids and plain-http addresses unless --test, and never deletes a file of ICT\'s', () => {
    const dev = join(work, 'dev.yaml');
    writeFileSync(dev, readFileSync(DEPLOYMENT_FILE, 'utf8')
      .replace('chromeId: kfnmojcgkhpbcgkphcmjnnlmlndpfiap', 'chromeId: bfombaklaedpegnpncnkbanngnfcbiic')
      .replace('    - M2l7ktjjm2qdU6FAJ5k/D1D1jJ25EmbeNUUPhyHcqGk=', '    - pX7JHzmhs4+7VWc+LSUmFGw2+6Q7m033jts3q2rvrBc=')
      .replace('policyUrl: https://aup.anytown.gov.uk/', 'policyUrl: http://policy.aup-guard.test/'));
    const out = join(work, 'dev-out');
    const refused = aup('deploy', '--config', dev, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/development bundle key/);
    expect(refused.err).toMatch(/extension\.chromeId is the development extension id/);
    expect(refused.err).toMatch(/http:\/\/policy\.aup-guard\.test\/.* test-only/);
    expect(existsSync(out)).toBe(false);
    expect(aup('deploy', '--config', dev, '--out', out, '--test').code).toBe(0);
    // ICT keeps its notes beside the templates: the next run refuses rather than delete them.
    writeFileSync(join(out, 'our-notes.txt'), 'keep me');
    const again = aup('deploy', '--config', dev, '--out', out, '--test');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/our-notes\.txt/);
    expect(readFileSync(join(out, 'our-notes.txt'), 'utf8')).toBe('keep me');
  });

  it('refuses a line break that would forge a line in a .reg file, a comment or an email', () => {
    const forged = join(work, 'forged.yaml');
    writeFileSync(forged, readFileSync(DEPLOYMENT_FILE, 'utf8')
      .replace(/^organisation: .*$/m, 'organisation: "Anytown\\n[HKEY_LOCAL_MACHINE\\\\Software\\\\Evil]"')
      .replace('reportToken: "example-report-token-not-a-secret"', 'reportToken: "token\\n\\"x\\"=dword:1"'));
    const r = aup('deploy', '--config', forged, '--out', join(work, 'forged-out'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/organisation: must not contain control characters/);
    expect(r.err).toMatch(/settings\.reportToken: must not contain control characters/);
  });

  it('names every invalid field of a deployment file, and writes nothing', () => {
    const bad = join(work, 'bad.yaml');
    const text = readFileSync(DEPLOYMENT_FILE, 'utf8')
      .replace('chromeId: kfnmojcgkhpbcgkphcmjnnlmlndpfiap', 'chromeId: not-an-id')
      .replace('policyUrl: https://', 'policyUrl: http://')
      .replace('refreshMinutes: 30', 'refreshMinutes: 2')
      .replace('organisation:', 'colour: blue\norganisation:');
    writeFileSync(bad, text);
    const out = join(work, 'never');
    const r = aup('deploy', '--config', bad, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/extension\.chromeId: must be a Chrome extension id/);
    expect(r.err).toMatch(/settings\.policyUrl: must be an https URL/);
    expect(r.err).toMatch(/settings\.refreshMinutes/);
    expect(r.err).toMatch(/colour/);
    expect(existsSync(out)).toBe(false);
  });

  it('needs --config and --out, and says when the file is not YAML', () => {
    expect(aup('deploy', '--out', join(work, 'x')).code).toBe(2);
    const broken = join(work, 'broken.yaml');
    writeFileSync(broken, 'organisation: [unclosed');
    const r = aup('deploy', '--config', broken, '--out', join(work, 'y'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not valid YAML or JSON/);
  });
});
