// typescript-eslint's recommended type-checked rules over src/ and tests/ (`npm run lint`).
// Formatting is Prettier's (.prettierrc.json), so no rule here is about layout.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'lib/',
      'dist/',
      'node_modules/',
      'tests/fixtures/',
      'issues/',
      'assets/',
      'bench/',
      'bin/',
      'scripts/',
      '*.config.{js,ts}',
      '.dependency-cruiser.cjs',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The ideographic space (U+3000) is this tool's subject: comments and patterns show it
      // as it prints (李　涛, 目　录). In code and strings it is still reported.
      'no-irregular-whitespace': ['error', { skipComments: true, skipRegExps: true }],
      // `_name` marks what is taken apart only to be left out ({ edits: _e, ...d }).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
    },
  },
);
