// @ts-check
/**
 * Prints one closing line with the totals over every session (browser groups included), which the default
 * reporter does not: CI reads `N passed, N failed` from it.
 * @returns {import('@web/test-runner').Reporter}
 */
export function totalReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      /** @param {import('@web/test-runner').TestSuiteResult | undefined} suite */
      const walk = (suite) => {
        if (!suite) return;
        for (const test of suite.tests) {
          if (test.skipped) totals.skipped++;
          else if (test.passed) totals.passed++;
          else totals.failed++;
        }
        suite.suites.forEach(walk);
      };
      for (const session of sessions) {
        walk(session.testResults);
        // A file that failed to load or crashed has no test results: count it as one failure.
        if (!session.passed && !session.testResults?.tests.length && !session.testResults?.suites.length) totals.failed++;
      }
      console.log(`\nportal-kit tests (${sessions.length} file runs): ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
    },
  };
}
