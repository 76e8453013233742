// ESLint for the whole repository (flat config). typescript-eslint's recommended rules, without
// type information: type-aware linting would re-run the type checker that `tsc` already runs in
// `npm test`. Formatting is Prettier's (.prettierrc.json), not ESLint's.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['dist/**', 'cdktf.out/**', '.gen/**', 'coverage/**', 'bench-results/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', __filename: 'readonly', console: 'readonly' },
    },
    rules: {
      // `_name` marks a value kept on purpose (destructuring it out, an unused callback parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Lazy require() on purpose: commands, cdktf, zod and provider bindings load only when used,
      // which keeps validate and lint off cdktf (__tests__/perf/layering.test.ts guards it).
      '@typescript-eslint/no-require-imports': 'off',
      // Diagnostics separate their fields with two spaces; tests match that format as written.
      'no-regex-spaces': 'off',
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }, // the CommonJS launchers and configs
  },
);
