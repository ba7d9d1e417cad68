import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    environment: 'node',
    // No test asserts on wall-clock time: the default 5 s per test is one, on a shared 2-core
    // machine where a CPU-heavy property test can wait for the CPU. A hung test still fails.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The summary reporter adds a plain `N passed, N failed` line for CI log parsers.
    reporters: ['default', './vitest.summary-reporter.ts'],
  },
})
