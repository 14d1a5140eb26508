// One lint config for the whole tree: typescript-eslint's type-aware recommended rules everywhere,
// plus AppSync's plugin on resolvers/appsync, which holds that code to what AppSync's JavaScript
// runtime supports (no try/catch, classes, recursion, ++…): a violation there would otherwise pass
// every local test and fail only at deploy. Whitespace is Prettier's (.prettierrc.json).
import appsync from '@aws-appsync/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'cdk.out/**',
      '.data/**',
      'test-output/**',
      'generated/**',
      'sdk/src/generated/**',
      'bench/results/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', 'bench/*/*.mjs', 'graphql/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `{ secret: _secret, ...rest }` drops a key on purpose: the rest is what is kept.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Tests read parsed JSON responses (`body.data.createMemo.memoId`) whose shape is the thing under test,
    // and assert it with expect (`any` says so): typing every fixture would add casts, not safety. Source keeps every rule.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { ...appsync.configs.recommended, files: ['resolvers/appsync/**/*.ts'] },
);
