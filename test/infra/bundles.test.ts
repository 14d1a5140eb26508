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
import { CUSTOM_METRICS } from '../../resolvers/lib/memoMetricNames.js';

const run = promisify(execFile);
let synthesized: SynthesizedMemoApp;

/** The synth bundles with esbuild: seconds alone, far longer while other suites load the machine. */
const SYNTH_TIMEOUT_MS = 240_000;

beforeAll(async () => {
  synthesized = synthMemoApp();
  await createMemoTable();
}, SYNTH_TIMEOUT_MS);
afterAll(() => synthesized?.dispose());

/** Runs an ES module snippet in a fresh Node process with only the given environment. */
function runModule(source: string, env: Record<string, string>, ...args: string[]) {
  return run(process.execPath, ['--input-type=module', '-e', source, ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1', AWS_REGION: 'us-east-1', ...env },
  });
}

const IMPORT_HANDLER = 'const { handler } = await import(process.argv[1]); console.log(typeof handler);';
/** Imports the handler and invokes it once with the event in argv[2]. */
const INVOKE_HANDLER = 'const { handler } = await import(process.argv[1]); await handler(JSON.parse(process.argv[2]));';
/** The function's settings as CDK passes them (any table: nothing here reaches it). */
const SETTINGS = { TABLE_NAME: 'memoTable', PAGE_TOKEN_SECRET: TEST_STORE_CONFIG.pageTokenKey };

/** The event AppSync hands the function for `fieldName`: the shared resolver's request over a user-pool context. */
function eventOf(fieldName: string, args: Record<string, unknown>, caller = userPoolCaller()): unknown {
  const { typeName } = MEMO_FIELDS.find((field) => field.fieldName === fieldName)!;
  return lambdaRequest(appSyncContext(typeName, fieldName, args, caller)).payload;
}

/** Arguments that each field resolves without an error, given the memo `memoId` exists and is the caller's. */
const ARGS_OF: Record<string, (memoId: string) => Record<string, unknown>> = {
  memo: (memoId) => ({ memoId }),
  listMemos: () => ({}),
  memoChanges: () => ({}),
  searchMemos: () => ({ query: 'bundle' }),
  createMemo: () => ({ input: { memoId: randomUUID(), content: 'another from the bundle' } }),
  updateMemo: (memoId) => ({ input: { memoId, content: 'edited in the bundle', expectedVersion: 1 } }),
  deleteMemo: (memoId) => ({ memoId }),
};

/** Settings that reach the test table, with the handlers' log lines and metrics on stdout. */
const LOCAL_SETTINGS = {
  TABLE_NAME: TEST_STORE_CONFIG.tableName,
  PAGE_TOKEN_SECRET: TEST_STORE_CONFIG.pageTokenKey,
  DYNAMODB_ENDPOINT: TEST_STORE_CONFIG.endpoint!,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  POWERTOOLS_METRICS_DISABLED: 'false',
};

/** Every JSON line a run wrote (log lines, EMF documents, the script's own answers): stdout's, then stderr's (WARN and above). */
function jsonLines({ stdout, stderr }: { stdout: string; stderr: string }): Record<string, unknown>[] {
  return `${stdout}\n${stderr}`
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the memo function bundle (one for every field)', () => {
  it('is the one asset every field resolves to', () => {
    const bundles = new Set(MEMO_FIELDS.map(({ fieldName }) => synthesized.bundleOf(fieldName)));
    expect(bundles.size).toBe(1);
  });

  it('is one minified ES module with a source map and the AWS SDK bundled in', () => {
    const path = synthesized.bundleOf(MEMO_FIELDS[0]!.fieldName);
    const bundle = readFileSync(path, 'utf8');
    // Assertions on extracts only: a failure must not print the whole bundle.
    expect(bundle.match(/export\s*\{[^}]*\bhandler\b[^}]*\}/)).not.toBeNull();
    // Minified: identifiers renamed (every handler calls readStoreConfig at its first invocation).
    expect(bundle.includes('readStoreConfig')).toBe(false);
    expect(bundle.match(/sourceMappingURL=\S+/)?.[0]).toBe('sourceMappingURL=index.mjs.map');
    expect(existsSync(`${path}.map`)).toBe(true);
    // Nothing left for the runtime to resolve: no SDK import and no CommonJS require() shim.
    expect(bundle.match(/\bfrom\s*["']@aws-sdk\/[^"']*|\bimport\(\s*["']@aws-sdk\/[^"']*/g)).toBeNull();
    expect(bundle.includes('Dynamic require of')).toBe(false);
    expect(bundle.includes('DynamoDBClient')).toBe(true);
  });

  it('carries only the environment credential provider Lambda uses, not the default chain', () => {
    const bundle = readFileSync(synthesized.bundleOf(MEMO_FIELDS[0]!.fieldName), 'utf8');
    expect(bundle.includes('AWS_SECRET_ACCESS_KEY')).toBe(true);
    for (const chainOnly of ['AssumeRoleWithWebIdentity', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'sso_start_url', 'credential_process']) {
      expect(bundle.includes(chainOnly), chainOnly).toBe(false);
    }
  });

  it('imports in a fresh Node process with none of its settings: nothing is read at import', async () => {
    const { stdout } = await runModule(IMPORT_HANDLER, {}, pathToFileURL(synthesized.bundleOf(MEMO_FIELDS[0]!.fieldName)).href);
    expect(stdout.trim()).toBe('function');
  });

  it('answers a field it does not serve with InternalError, logged at ERROR, running no handler', async () => {
    const event = eventOf('memo', { memoId: randomUUID() }) as { info: { fieldName: string } };
    event.info.fieldName = 'dropMemos';
    const script = `const { handler } = await import(process.argv[1]);
      console.log(JSON.stringify({ answer: await handler(JSON.parse(process.argv[2])) }));`;
    const output = await runModule(script, LOCAL_SETTINGS, pathToFileURL(synthesized.bundleOf('memo')).href, JSON.stringify(event));
    const lines = jsonLines(output);
    expect(lines.find((line) => 'answer' in line)).toMatchObject({ answer: { error: { errorType: 'InternalError' } } });
    expect(lines.filter((line) => 'operation' in line)).toEqual([
      expect.objectContaining({ level: 'ERROR', operation: 'unserved', field: 'Query.dropMemos' }),
    ]);
  });
});

describe.each(MEMO_FIELDS.map((field) => [`${field.typeName}.${field.fieldName}`, field.fieldName] as const))(
  'the memo function bundle, invoked for %s',
  (fieldKey, fieldName) => {
    it.each([
      ['TABLE_NAME', 'TABLE_NAME is not set'],
      ['PAGE_TOKEN_SECRET', 'PAGE_TOKEN_SECRET is not set'],
    ] as const)('fails its first invocation, naming %s, when it is not set', async (setting, message) => {
      const { [setting]: _missing, ...settings } = SETTINGS;
      const event = JSON.stringify(eventOf(fieldName, ARGS_OF[fieldName]!(randomUUID())));
      await expect(runModule(INVOKE_HANDLER, settings, pathToFileURL(synthesized.bundleOf(fieldName)).href, event)).rejects.toMatchObject({
        stderr: expect.stringContaining(message),
      });
    });

    it("runs that field's handler: its answer, its log line and its metrics carry the field", async () => {
      const memoId = randomUUID();
      const createEvent = eventOf('createMemo', { input: { memoId, content: 'from the bundle' } });
      // The script's own output is marked so it is told apart from the handlers' lines.
      const script = `const { handler } = await import(process.argv[1]);
        const created = await handler(JSON.parse(process.argv[2]));
        if (!created.data) throw new Error(JSON.stringify(created));
        console.log(JSON.stringify({ answer: await handler(JSON.parse(process.argv[3])) }));`;
      const output = await runModule(
        script,
        LOCAL_SETTINGS,
        pathToFileURL(synthesized.bundleOf(fieldName)).href,
        JSON.stringify(createEvent),
        JSON.stringify(eventOf(fieldName, ARGS_OF[fieldName]!(memoId))),
      );
      const lines = jsonLines(output);
      const answer = lines.find((line) => 'answer' in line)!.answer as { data?: unknown; error?: unknown };
      expect(answer.error).toBeUndefined();
      expect(answer.data).toBeDefined();
      // The second invocation's log line and metrics: the field's handler ran, under its own field.
      const logLines = lines.filter((line) => 'operation' in line);
      expect(logLines.map((line) => [line.operation, line.field, line.outcome])).toEqual([
        ['createMemo', 'Mutation.createMemo', 'ok'],
        [fieldName, fieldKey, 'ok'],
      ]);
      const metricDocuments = lines.filter((line) => '_aws' in line && CUSTOM_METRICS.requests.metricName in line);
      expect(metricDocuments.map((document) => document.field)).toEqual(['Mutation.createMemo', fieldKey]);
    });
  },
);

it('the bundled function round-trips a memo through DynamoDB for its owner: createMemo then memo', async () => {
  const caller = userPoolCaller();
  const memoId = randomUUID();
  const script = `
    const { handler } = await import(process.argv[1]);
    const created = await handler(JSON.parse(process.argv[2]));
    if (!created.data) throw new Error(JSON.stringify(created));
    console.log(JSON.stringify({ answer: await handler(JSON.parse(process.argv[3])) }));`;
  const output = await runModule(
    script,
    { ...LOCAL_SETTINGS, POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
    pathToFileURL(synthesized.bundleOf('memo')).href,
    JSON.stringify(eventOf('createMemo', { input: { memoId, content: 'from the bundle' } }, caller)),
    JSON.stringify(eventOf('memo', { memoId }, caller)),
  );
  expect(jsonLines(output)).toEqual([
    { answer: { data: expect.objectContaining({ memoId, content: 'from the bundle', version: 1, ownerId: caller.identity.sub }) } },
  ]);
});
