import { defineConfig } from 'vitest/config';

/** Unit tests sit next to their code; tests/ holds integration, fault, hostile-file and E2E tests. */
const UNIT = ['common', 'workers', 'cli', 'electron', 'server', 'renderer'].map((dir) => `${dir}/**/*.test.ts`);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // Polls wait for states (workers up, rows shown), never for speed: give slow machines room.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 60_000,
    reporters: ['default', './tests/summary-reporter.ts'],
    // Two cores: the engine's tests run two files at a time, each a real pool of workers; the
    // window's tests (a Chromium and a pool each) one at a time, after them, so they never
    // starve each other into timeouts.
    projects: [
      {
        extends: true,
        test: {
          name: 'engine',
          include: [...UNIT, 'tests/**/*.test.ts'],
          exclude: ['tests/e2e/**'],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'window',
          include: ['tests/e2e/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
