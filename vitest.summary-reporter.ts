import type { Reporter, TestModule } from 'vitest/node'

/**
 * Prints one plain line `N passed, N failed` after the run, for CI log parsers. A test file that
 * fails to load (no test cases ran) and an unhandled error each count as one failure.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0
    let failed = unhandledErrors.length
    for (const module of testModules) {
      let failedInModule = 0
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed += 1
        if (state === 'failed') failedInModule += 1
      }
      if (failedInModule === 0 && module.state() === 'failed') failedInModule = 1
      failed += failedInModule
    }
    process.stdout.write(`${passed} passed, ${failed} failed\n`)
  }
}
