import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../unit/support/bundle-fixture.ts';

const aup = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/aup.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('aup serve --help', () => {
  it('documents every option that serve reads', () => {
    const help = aup('serve', '--help').stdout;
    const source = readFileSync(join(ROOT, 'src/cli/main.ts'), 'utf8');
    const call = /case 'serve':[\s\S]*?\}\);/.exec(source)![0];
    const options = [...call.matchAll(/v(?:\.([a-z]+)|\['([a-z-]+)'\])/g)].map((m) => m[1] ?? m[2]!);
    expect(options.length).toBeGreaterThanOrEqual(15);
    for (const option of options) expect(help, `--${option}`).toContain(`--${option}`);
    expect(aup('--help').stdout).toContain('serve [options]');
    expect(help).toContain('POST /api/acceptances');
    expect(help).toContain('POST /api/checkins');
    expect(help).toContain('/inbox/fleet');
  });

  it('refuses a check-in retention of less than a day', () => {
    const r = aup('serve', '--port', '0', '--checkin-retention-days', '0');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--checkin-retention-days is at least 1');
  });

  it('refuses a short secret rather than starting with it', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/aup.mjs'), 'serve', '--port', '0'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, AUP_REPORT_TOKEN: 'short' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('too short');
  });
});
