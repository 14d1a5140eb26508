import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMO_FIELDS } from '../../resolvers/fields.js';
import { createMemoTable } from '../helpers/memoTable.js';
import { TEST_STORE_CONFIG } from '../helpers/testStore.js';
import { appSyncContext } from '../helpers/appSyncContext.js';
import { userPoolCaller } from '../helpers/callers.js';
import { request as lambdaRequest } from '../../resolvers/appsync/invokeLambda.js';
import { synthMemoApp, type SynthesizedMemoApp } from '../../infra/assembly/synthMemoApp.js';

const run = promisify(execFile);
let synthesized: SynthesizedMemoApp;

beforeAll(() => {
  synthesized = synthMemoApp();
});
afterAll(() => synthesized?.dispose());

/** Runs an ES module snippet in a fresh Node process with only the given environment. */
function runModule(source: string, env: Record<string, string>, ...args: string[]) {
  return run(process.execPath, ['--input-type=module', '-e', source, ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1', AWS_REGION: 'us-east-1', ...env },
  });
}

const IMPORT_HANDLER = 'const { handler } = await import(process.argv[1]); console.log(typeof handler);';
/** Imports the handler and invokes it once; the event does not matter to what is tested with it. */
const INVOKE_HANDLER = 'const { handler } = await import(process.argv[1]); await handler({ arguments: {}, identity: null, info: {} });';
/** The function's settings as CDK passes them (any table: nothing here reaches it). */
const SETTINGS = { TABLE_NAME: 'memoTable', PAGE_TOKEN_SECRET: TEST_STORE_CONFIG.pageTokenKey };

describe.each(MEMO_FIELDS.map((field) => [field.fieldName] as const))('%s bundle', (fieldName) => {
  it('is one minified ES module with a source map and the AWS SDK bundled in', () => {
    const bundle = readFileSync(synthesized.bundleOf(fieldName), 'utf8');
    // Assertions on extracts only: a failure must not print the whole bundle.
    expect(bundle.match(/export\s*\{[^}]*\bhandler\b[^}]*\}/)).not.toBeNull();
    // Minified: identifiers renamed (every handler calls readStoreConfig at its first invocation).
    expect(bundle.includes('readStoreConfig')).toBe(false);
    expect(bundle.match(/sourceMappingURL=\S+/)?.[0]).toBe('sourceMappingURL=index.mjs.map');
    expect(existsSync(`${synthesized.bundleOf(fieldName)}.map`)).toBe(true);
    // Nothing left for the runtime to resolve: no SDK import and no CommonJS require() shim.
    expect(bundle.match(/\bfrom\s*["']@aws-sdk\/[^"']*|\bimport\(\s*["']@aws-sdk\/[^"']*/g)).toBeNull();
    expect(bundle.includes('Dynamic require of')).toBe(false);
    expect(bundle.includes('DynamoDBClient')).toBe(true);
  });

  it('carries only the environment credential provider Lambda uses, not the default chain', () => {
    const bundle = readFileSync(synthesized.bundleOf(fieldName), 'utf8');
    expect(bundle.includes('AWS_SECRET_ACCESS_KEY')).toBe(true);
    for (const chainOnly of ['AssumeRoleWithWebIdentity', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'sso_start_url', 'credential_process']) {
      expect(bundle.includes(chainOnly), chainOnly).toBe(false);
    }
  });

  it('imports in a fresh Node process with none of its settings: nothing is read at import', async () => {
    const { stdout } = await runModule(IMPORT_HANDLER, {}, pathToFileURL(synthesized.bundleOf(fieldName)).href);
    expect(stdout.trim()).toBe('function');
  });

  it.each([
    ['TABLE_NAME', 'TABLE_NAME is not set'],
    ['PAGE_TOKEN_SECRET', 'PAGE_TOKEN_SECRET is not set'],
  ] as const)('fails its first invocation, naming %s, when it is not set', async (setting, message) => {
    const { [setting]: _missing, ...settings } = SETTINGS;
    await expect(runModule(INVOKE_HANDLER, settings, pathToFileURL(synthesized.bundleOf(fieldName)).href)).rejects.toMatchObject({
      stderr: expect.stringContaining(message),
    });
  });
});

it('the bundled createMemo and memo handlers round-trip a memo through DynamoDB for its owner', async () => {
  await createMemoTable();
  const caller = userPoolCaller();
  const memoId = randomUUID();
  // The events AppSync hands the Lambdas: the shared resolver's request over a user-pool context.
  const createEvent = lambdaRequest(
    appSyncContext('Mutation', 'createMemo', { input: { memoId, content: 'from the bundle' } }, caller),
  ).payload;
  const readEvent = lambdaRequest(appSyncContext('Query', 'memo', { memoId }, caller)).payload;
  const script = `
    const create = await import(process.argv[1]);
    const read = await import(process.argv[2]);
    const created = await create.handler(${JSON.stringify(createEvent)});
    if (!created.data) throw new Error(JSON.stringify(created));
    console.log(JSON.stringify(await read.handler(${JSON.stringify(readEvent)})));`;
  const { stdout } = await runModule(
    script,
    {
      TABLE_NAME: TEST_STORE_CONFIG.tableName,
      PAGE_TOKEN_SECRET: TEST_STORE_CONFIG.pageTokenKey,
      DYNAMODB_ENDPOINT: TEST_STORE_CONFIG.endpoint!,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    },
    pathToFileURL(synthesized.bundleOf('createMemo')).href,
    pathToFileURL(synthesized.bundleOf('memo')).href,
  );
  expect(JSON.parse(stdout)).toMatchObject({ data: { memoId, content: 'from the bundle', version: 1, ownerId: caller.identity.sub } });
});
