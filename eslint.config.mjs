// One lint config for the whole tree: typescript-eslint's type-aware recommended rules everywhere,
// plus AppSync's plugin on resolvers/appsync, which holds that code to what AppSync's JavaScript
// runtime supports (no try/catch, classes, recursion, ++…): a violation there would otherwise pass
// every local test and fail only at deploy. Whitespace is Prettier's (.prettierrc.json).
import appsync from '@aws-appsync/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'cdk.out/**', '.data/**', 'test-output/**', 'generated/**', 'sdk/src/generated/**', 'bench/results/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs', 'bench/*/*.mjs', 'local/http/graphiql/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  { ...appsync.configs.recommended, files: ['resolvers/appsync/**/*.ts'] },
);
