// ESLint flat config, run by `npm run -s lint` (eslint .) and by `npm test` before the type check.
// Layout is Prettier's job (.prettierrc.json); this catches mistakes. typescript-eslint's recommended
// set is used without type information, so a whole-tree run stays at a few seconds.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // ESLint does not read .gitignore: build output and copied vendor files are named here, with the
  // third-party corpus and the benchmark results that .prettierignore also skips.
  globalIgnores([
    'dist/',
    '.astro/',
    'test-results/',
    'public/vendor/',
    'public/data/',
    'public/coi-serviceworker.min.js',
    'benchmarks/results/',
    'benchmarks/migrate-corpus/',
    'content/migrate-corpus/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  astro.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Prettier wraps code at 120; what it cannot wrap (long strings, comments) must still stay under 140.
      'max-len': ['error', { code: 140, ignoreUrls: true, ignoreRegExpLiterals: true }],
      // A leading underscore marks a value left unused on purpose (a rest-sibling drop, a callback's slot).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
);
