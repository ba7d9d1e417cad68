import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Libraries only the UI layers may use; the engine and the workers must stay free of them.
const UI_LIBRARIES = ['react', 'react/*', 'react-dom', 'react-dom/*', 'd3', 'd3-*', 'zustand', 'zustand/*']

export default defineConfig(
  globalIgnores([
    'dist',
    'build',
    'node_modules',
    'coverage',
    'e2e/.results',
    'e2e/screenshots',
    'test-results',
    'playwright-report',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Never inject HTML.' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },
  {
    // The engine is pure and deterministic: no DOM, no UI libraries, no clocks, no timers, no
    // unseeded randomness, and no imports from outside src/engine.
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'fetch',
        'setTimeout',
        'setInterval',
        'setImmediate',
        'clearTimeout',
        'clearInterval',
        'requestAnimationFrame',
        'performance',
        'crypto',
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded PRNG of the engine.' },
        { object: 'Date', property: 'now', message: 'Engine time is integer ticks.' },
      ],
    },
  },
  // No imports from outside src/engine, at every folder depth (the kernel and protocols are
  // subfolders: `../kernel/…` is inside, `../../store/…` is not).
  ...['src/engine/*.ts', 'src/engine/*/*.ts', 'src/engine/*/*/*.ts'].map((glob, depth) => ({
    files: [glob],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...UI_LIBRARIES, `${'../'.repeat(depth + 1)}*/**`] }],
    },
  })),
  {
    // Workers may import the engine, never the UI layers.
    files: ['src/worker/**/*.ts'],
    ignores: ['src/worker/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...UI_LIBRARIES, '../store/**', '../timeline/**', '../ui/**'] },
      ],
    },
  },
)
