import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CreateMemoDocument, GetMemoDocument } from '../../generated/sdk.js';
import * as urql from './examples/urqlClient.js';
import { deleteTestTable } from '../helpers/testStore.js';
import { runLocalApiToExit, startLocalApiProcess, temporaryDataDir } from './helpers/localApiProcess.js';

let dataDir: Awaited<ReturnType<typeof temporaryDataDir>>;

beforeAll(async () => {
  dataDir = await temporaryDataDir();
});

afterAll(async () => {
  await dataDir?.remove();
});

// Most of these are about the embedded store (its data directory and lock, persistence on disk,
// --in-memory): they keep it (store: 'embedded') under MEMO_TEST_STORE=dynamodb-local too.
describe('the runtime process', () => {
  it('prints the URL, the API key and the data directory on start', async () => {
    const api = await startLocalApiProcess({ dataDir: dataDir.path, store: 'embedded' });
    try {
      expect(api.output()).toContain(`API key:   ${api.apiKey}`);
      expect(api.output()).toContain(`Data:      table memoTable in ${dataDir.path}\n`);
      expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    } finally {
      expect(await api.stop()).toBe(0);
    }
  });

  it('keeps memos across SIGTERM and a restart on the same DATA_DIR', async () => {
    const first = await startLocalApiProcess({ dataDir: dataDir.path, store: 'embedded' });
    const writer = urql.createMemoClient(first.url, first.apiKey);
    const memoIds: string[] = [];
    for (const content of ['one', 'two', 'three']) {
      const { data } = await writer.mutation(CreateMemoDocument, { input: { content } }).toPromise();
      memoIds.push(data!.createMemo.memoId);
    }
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.output()).toContain('Stopped.');

    const second = await startLocalApiProcess({ dataDir: dataDir.path, store: 'embedded' });
    try {
      const reader = urql.createMemoClient(second.url, second.apiKey);
      for (const [index, memoId] of memoIds.entries()) {
        const { data } = await reader.query(GetMemoDocument, { memoId }).toPromise();
        expect(data?.memo?.content).toBe(['one', 'two', 'three'][index]);
      }
    } finally {
      await second.stop('SIGINT');
    }
  });

  it('answers or refuses every request around SIGTERM, and keeps every write it acknowledged', async () => {
    const first = await startLocalApiProcess({ dataDir: dataDir.path, store: 'embedded' });
    const writer = urql.createMemoClient(first.url, first.apiKey);
    const attempts = Array.from({ length: 20 }, (_, index) =>
      writer.mutation(CreateMemoDocument, { input: { content: `burst ${index}` } }).toPromise(),
    );
    await Promise.race(attempts);
    const exitCode = first.stop('SIGTERM');
    const results = await Promise.all(attempts);
    expect(await exitCode).toBe(0);
    // Never a half-done request: each one has its memo or never reached the API.
    expect(results.filter((result) => !result.data?.createMemo && !result.error?.networkError)).toEqual([]);
    const acknowledged = results.flatMap((result) => (result.data ? [result.data.createMemo.memoId] : []));
    expect(acknowledged.length).toBeGreaterThan(0);

    const second = await startLocalApiProcess({ dataDir: dataDir.path, store: 'embedded' });
    try {
      const reader = urql.createMemoClient(second.url, second.apiKey);
      for (const memoId of acknowledged) {
        expect((await reader.query(GetMemoDocument, { memoId }).toPromise()).data?.memo?.memoId).toBe(memoId);
      }
    } finally {
      await second.stop();
    }
  });

  it('refuses to start a second instance on a DATA_DIR in use, with a clear message', async () => {
    const first = await startLocalApiProcess({ dataDir: dataDir.path, store: 'embedded' });
    try {
      const second = await runLocalApiToExit({ dataDir: dataDir.path, store: 'embedded' });
      expect(second.code).toBe(1);
      expect(second.output).toContain(`The data directory ${dataDir.path} is in use by another process`);
      // The first instance is unharmed.
      const { data, error } = await urql.createMemoClient(first.url, first.apiKey).mutation(CreateMemoDocument, { input: { content: 'still fine' } }).toPromise();
      expect(error).toBeUndefined();
      expect(data?.createMemo.content).toBe('still fine');
    } finally {
      await first.stop();
    }
  });

  it('runs without a data directory with --in-memory', async () => {
    const api = await startLocalApiProcess({ dataDir: dataDir.path, store: 'embedded', args: ['--in-memory'] });
    try {
      expect(api.output()).toContain('Data:      table memoTable in memory');
      const { data } = await urql.createMemoClient(api.url, api.apiKey).mutation(CreateMemoDocument, { input: { content: 'ephemeral' } }).toPromise();
      expect(data?.createMemo.version).toBe(1);
    } finally {
      await api.stop();
    }
  });

  it('uses the store at DYNAMODB_ENDPOINT instead of the embedded one', async () => {
    // The test run's store (dynalite or DynamoDB Local, test/globalSetup.ts) plays an external DynamoDB endpoint.
    const env = { DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), TABLE_NAME: `memoTable-external-${randomUUID()}` };
    const writer = await startLocalApiProcess({ dataDir: dataDir.path, env });
    expect(writer.output()).toContain(`Data:      table ${env.TABLE_NAME} at the DynamoDB endpoint ${env.DYNAMODB_ENDPOINT}\n`);
    const { data } = await urql.createMemoClient(writer.url, writer.apiKey).mutation(CreateMemoDocument, { input: { content: 'external' } }).toPromise();
    await writer.stop();

    const reader = await startLocalApiProcess({ dataDir: dataDir.path, env, args: ['--in-memory'] });
    try {
      const memoId = data!.createMemo.memoId;
      expect((await urql.createMemoClient(reader.url, reader.apiKey).query(GetMemoDocument, { memoId }).toPromise()).data?.memo?.content).toBe('external');
    } finally {
      await reader.stop();
      await deleteTestTable(env.TABLE_NAME);
    }
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer'],
    [{ QUERY_DEPTH_LIMIT: '0' }, 'QUERY_DEPTH_LIMIT must be an integer from 1 to 75'],
  ])('exits 1 with a clear message for bad configuration %j', async (env, message) => {
    const result = await runLocalApiToExit({ dataDir: dataDir.path, env });
    expect(result.code).toBe(1);
    expect(result.output).toContain(message);
  });
});
