import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// MEMO_TEST_STORE=dynamodb-local runs on Amazon's DynamoDB Local, a Java program: without Java 17+
// the run is skipped with one line outside CI and fails on CI (test/helpers/systemParts.ts).
// Imported only then: finding Java loads the DynamoDB client, which the default run does without here.
const storeMissing =
  process.env.MEMO_TEST_STORE === 'dynamodb-local' &&
  (await import('./test/helpers/systemParts.js').then(({ JAVA, systemPartFor }) => !systemPartFor('the DynamoDB Local run', JAVA)));

const sdkSource = (file: string) => fileURLToPath(new URL(`./sdk/src/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    // `@memo-api/client` from the SDK's sources, as tsconfig.json's paths map it for tsc and tsx
    // (local/ and infra/ import it by name); the built package is tested apart, packed and installed
    // (test/sdk/package.test.ts, test/sdk/consumer.test.ts).
    alias: [
      { find: /^@memo-api\/client$/, replacement: sdkSource('index.ts') },
      { find: /^@memo-api\/client\/([\w/-]+)$/, replacement: sdkSource('$1.ts') },
    ],
  },
  test: {
    include: storeMissing ? [] : ['test/**/*.test.ts'],
    passWithNoTests: storeMissing,
    globalSetup: ['test/globalSetup.ts'],
    setupFiles: ['test/setupEnv.ts'],
    // Vitest's default (cores - 1) is one file at a time on a 2-core machine; most files wait on
    // child processes (the runtime, Chromium, Java), so two at a time roughly halves the run.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
