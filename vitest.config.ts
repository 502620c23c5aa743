import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

/*
 * `npm test` runs the suites in lanes (scripts in package.json), to keep CI on 2 cores under 20 minutes:
 * - `e2e` runs beside `unit` (one worker) followed by `e2e-waiting`, each one file at a time. The
 *   waiting lane holds the suites that mostly wait on the clock (a one-minute break, a 30 s retry
 *   alarm), so the unit tests and a second browser cost the busy lane little.
 * - `e2e-system` and `e2e-system-firefox` run afterwards, side by side and alone: their files write
 *   what every browser on the machine reads, /etc/chromium/policies and /etc/firefox/policies
 *   (only with CI=true or AUP_SYSTEM_TESTS=1); each lane writes only its own browser's folder.
 *   (managed.firefox is not one: its managed storage lives under a HOME of its own.)
 * Run any one file with `npx vitest run --project 'e2e*' tests/e2e/<file>`.
 */
const WAITING = ['tests/e2e/breaks.*.e2e.test.ts', 'tests/e2e/reports.*.e2e.test.ts'];
const SYSTEM_CHROMIUM = [
  'tests/e2e/deploy.chromium.e2e.test.ts',
  'tests/e2e/startup.chromium.e2e.test.ts',
  'tests/e2e/upgrades.chromium.e2e.test.ts',
  'tests/e2e/runtime-blocked.chromium.e2e.test.ts',
];
const SYSTEM_FIREFOX = ['tests/e2e/deploy.firefox.e2e.test.ts'];

function e2eLane(name: string, files: { include?: string[]; exclude?: string[] }) {
  return {
    extends: true as const,
    test: {
      name,
      include: files.include ?? ['tests/e2e/**/*.e2e.test.ts'],
      exclude: [...(files.exclude ?? []), '**/node_modules/**'],
      environment: 'node' as const,
      // Real browsers on a 2-core machine: one file at a time per lane, generous limits.
      fileParallelism: false,
      testTimeout: 120_000,
      hookTimeout: 120_000,
      globalSetup: ['tests/e2e/support/global-setup.ts'],
    },
  };
}

export default defineConfig({
  plugins: [preact()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'extension/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/unit/setup.ts'],
          // CLI and server tests start `aup` processes: seconds each on a busy 2-core machine
          // (measured: 5 s timed out at a load average of 9). A hang still fails, in 30 s.
          testTimeout: 30_000,
        },
      },
      e2eLane('e2e', { exclude: [...WAITING, ...SYSTEM_CHROMIUM, ...SYSTEM_FIREFOX] }),
      e2eLane('e2e-waiting', { include: WAITING }),
      e2eLane('e2e-system', { include: SYSTEM_CHROMIUM }),
      e2eLane('e2e-system-firefox', { include: SYSTEM_FIREFOX }),
    ],
  },
});
