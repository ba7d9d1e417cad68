import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { layeringConfigs } from './eslint.layering.js'

export default defineConfig(
  globalIgnores([
    'dist',
    'build',
    'node_modules',
    'coverage',
    'e2e/.results',
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
  // Per-folder import rules and the engine's purity rules, generated from the layering table of
  // docs/ARCHITECTURE.md (see eslint.layering.js): the doc is the config.
  ...layeringConfigs(),
)
