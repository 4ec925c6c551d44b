import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'common/**/*.test.ts',
      'workers/**/*.test.ts',
      'cli/**/*.test.ts',
      'electron/**/*.test.ts',
      'tests/**/*.test.ts',
      'renderer/**/*.test.ts',
    ],
    // Image work is CPU-bound on a 2-core machine: one test file at a time keeps workers from
    // starving each other into timeouts.
    fileParallelism: false,
    testTimeout: 60_000,
    // Polls wait for states (workers up, rows shown), never for speed: give slow machines room.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 60_000,
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
