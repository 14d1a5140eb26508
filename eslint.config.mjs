// ESLint runs only to hold the APPSYNC_JS resolver code to what AppSync's JavaScript runtime
// supports (no try/catch, classes, recursion, ++, disallowed built-ins…): a violation would
// otherwise pass every local test and fail only at deploy. test/resolvers/appsync/ runs it.
import appsync from '@aws-appsync/eslint-plugin';

export default [
  {
    files: ['resolvers/appsync/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  { ...appsync.configs.recommended, files: ['resolvers/appsync/**/*.ts'] },
];
