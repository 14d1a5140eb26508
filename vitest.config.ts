import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { JAVA, systemPartFor } from './test/helpers/systemParts.js';

// MEMO_TEST_STORE=dynamodb-local runs on Amazon's DynamoDB Local, a Java program: without Java 17+
// the run is skipped with one line outside CI and fails on CI (test/helpers/systemParts.ts).
const storeMissing = process.env.MEMO_TEST_STORE === 'dynamodb-local' && !systemPartFor('the DynamoDB Local run', JAVA);

export default defineConfig({
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
