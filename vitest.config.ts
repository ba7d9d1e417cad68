import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    environment: 'node',
    // The summary reporter adds a plain `N passed, N failed` line for CI log parsers.
    reporters: ['default', './vitest.summary-reporter.ts'],
  },
})
