// Which folder may import which (docs/architecture.md, "Which folder may import which"), checked by
// `npm run deps`, which `npm test` runs. Each rule is a sentence; its comment says why.
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No module imports itself through others. Type-only imports count too (`import type` is erased at run time, ' +
        'but a loop of types still ties the modules together: neither can move or change alone).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'only-tests-import-test',
      severity: 'error',
      comment: 'Nothing outside test/ imports test/: what ships, runs locally or measures never depends on the suites.',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'resolvers-stand-alone',
      severity: 'error',
      comment:
        'resolvers/ is what deploys to Lambda and AppSync: it imports nothing from local/, infra/, bench/, web/ or sdk/ ' +
        '(only its own files, the generated schema types and npm packages).',
      from: { path: '^resolvers/' },
      to: { path: '^(local|infra|bench|web|sdk|test)/' },
    },
    {
      name: 'sdk-stands-alone',
      severity: 'error',
      comment:
        'The SDK (sdk/src) is published on its own: it imports only its own files (its generated documents are in ' +
        'sdk/src/generated) and the packages it declares, never the rest of the repository.',
      from: { path: '^sdk/src/' },
      to: { pathNot: '^sdk/src/', dependencyTypesNot: ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'npm-no-pkg', 'core'] },
    },
    {
      name: 'sdk-by-package-name',
      severity: 'error',
      comment:
        'Outside the SDK and its tests, the SDK is imported by its package name (`@memo-api/client`, `@memo-api/client/urql`), ' +
        'never by a path into sdk/src: only its public exports are used, as an installed copy would allow.',
      from: { pathNot: '^(sdk/src|test)/' },
      to: { path: '^sdk/src/', dependencyTypesNot: ['aliased-tsconfig-paths'] },
    },
    {
      name: 'web-uses-sdk-only',
      severity: 'error',
      comment:
        'The web app (web/src) is browser code built by Vite: it talks to the API through the SDK, which also gives it ' +
        'the field rules its editor checks as the server does, and imports nothing from local/, infra/, bench/, ' +
        'generated/ or resolvers/.',
      from: { path: '^web/src/' },
      to: { path: '^(local|infra|bench|generated|resolvers)/' },
    },
    {
      name: 'infra-not-local-or-bench',
      severity: 'error',
      comment: 'infra/ deploys resolvers/: it imports nothing from the local emulator (local/) or the benchmark (bench/).',
      from: { path: '^infra/' },
      to: { path: '^(local|bench)/' },
    },
    {
      name: 'local-not-infra-or-bench',
      severity: 'error',
      comment: 'local/ emulates AppSync, Cognito and DynamoDB around resolvers/: it imports nothing from infra/ or bench/.',
      from: { path: '^local/' },
      to: { path: '^(infra|bench)/' },
    },
    {
      name: 'bench-reaches-resolvers-through-its-seam',
      severity: 'error',
      comment:
        'bench/ measures resolvers/ through one seam module, bench/resolverSeam.ts, so a change inside resolvers/ ' +
        'breaks at most that file of the benchmark.',
      from: { path: '^bench/', pathNot: '^bench/resolverSeam\\.ts$' },
      to: { path: '^resolvers/' },
    },
  ],
  options: {
    // Type-only imports are edges too (see no-circular).
    tsPreCompilationDeps: true,
    // `@memo-api/client` resolves through the tsconfig paths to sdk/src, marked aliased-tsconfig-paths.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'node', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|cdk\\.out|\\.data|test-output)/|^bench/results/' },
    moduleSystems: ['es6'],
  },
};
