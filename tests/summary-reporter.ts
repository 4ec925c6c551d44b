// Ends the test output with one plain line, "N passed, N failed, N skipped", after vitest's own
// summary, so that any tool reading the last line of a run gets the counts without parsing colours.
// Errors thrown outside any test (an unhandled rejection, an 'error' event no one listens to) fail
// the run too, so the line names them when there are any.
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
      // A file that failed to load has no tests to count, but it is a failure all the same.
      if (mod.state() === 'failed' && ![...mod.children.allTests()].length) counts.failed++;
    }
    const errors = unhandledErrors.length
      ? `, ${unhandledErrors.length} unhandled error${unhandledErrors.length === 1 ? '' : 's'}`
      : '';
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${errors}\n`);
  }
}
