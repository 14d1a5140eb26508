import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { print } from 'graphql';
import { CreateMemoDocument, GetMemoDocument, ListMemosDocument } from '../../sdk/src/generated/operations.js';
import * as urql from './examples/urqlClient.js';
import { iamHeaders, TEST_IAM, TEST_USERS } from '../helpers/localCredentials.js';
import { deleteTestTable } from '../helpers/testStore.js';
import {
  postGraphQL,
  runLocalApiToExit,
  startLocalApiProcess,
  temporaryDataDir,
  urqlClientOf,
  useTemporaryDataDir,
} from './helpers/localApiProcess.js';

const dataDir = useTemporaryDataDir();

// Most of these are about the embedded store (its data directory and lock, persistence on disk,
// --in-memory): they keep it (store: 'embedded') under MEMO_TEST_STORE=dynamodb-local too.
describe('the runtime process', () => {
  it('prints the endpoints, the user pool and its users, the IAM credentials and the data directory on start', async () => {
    const api = await startLocalApiProcess({ dataDir: dataDir().path, store: 'embedded' });
    try {
      const { graphqlUrl, realtimeUrl, userPoolId, userPoolClientId, userPoolEndpoint } = await api.config();
      const origin = new URL(api.url).origin;
      expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
      expect(api.output()).toContain(
        [
          `  GraphQL:   ${graphqlUrl}`,
          `  Realtime:  ${realtimeUrl}`,
          `  GraphiQL:  ${origin}/`,
          `  App:       ${origin}/app/`,
          `  Config:    ${origin}/config.json`,
          `  User pool: ${userPoolId}, app client ${userPoolClientId}, at ${userPoolEndpoint}`,
          `  Users:     alice / ${TEST_USERS.alice}, bob / ${TEST_USERS.bob}`,
          `  IAM:       ${TEST_IAM.accessKeyId} / ${TEST_IAM.secretAccessKey}`,
          `  Data:      table memoTable in ${dataDir().path}\n`,
        ].join('\n'),
      );
    } finally {
      expect(await api.stop()).toBe(0);
    }
  });

  it('keeps memos across SIGTERM and a restart on the same DATA_DIR', async () => {
    const first = await startLocalApiProcess({ dataDir: dataDir().path, store: 'embedded' });
    const writer = urqlClientOf(first);
    const memoIds: string[] = [];
    for (const content of ['one', 'two', 'three']) {
      const { data } = await writer.mutation(CreateMemoDocument, { input: { content } }).toPromise();
      memoIds.push(data!.createMemo.memoId);
    }
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.output()).toContain('Stopped.');

    const second = await startLocalApiProcess({ dataDir: dataDir().path, store: 'embedded' });
    try {
      const reader = urqlClientOf(second);
      for (const [index, memoId] of memoIds.entries()) {
        const { data } = await reader.query(GetMemoDocument, { memoId }).toPromise();
        expect(data?.memo?.content).toBe(['one', 'two', 'three'][index]);
      }
    } finally {
      await second.stop('SIGINT');
    }
  });

  it('accepts ID and access tokens issued before a restart on the same DATA_DIR and port (the pool and its signing key live there)', async () => {
    const first = await startLocalApiProcess({ dataDir: dataDir().path, store: 'embedded' });
    const { idToken, accessToken } = await first.tokens('alice');
    const { data } = await urqlClientOf(first)
      .mutation(CreateMemoDocument, { input: { content: 'before restart' } })
      .toPromise();
    const pool = await first.config();
    expect(await first.stop()).toBe(0);

    // The issuer names the origin, as Cognito's names the pool: same port, same issuer.
    const second = await startLocalApiProcess({ dataDir: dataDir().path, store: 'embedded', env: { PORT: new URL(first.url).port } });
    try {
      expect(await second.config()).toMatchObject({
        userPoolId: pool.userPoolId,
        userPoolClientId: pool.userPoolClientId,
        userPoolEndpoint: pool.userPoolEndpoint,
      });
      for (const token of [idToken, accessToken]) {
        const { data: read, error } = await urql
          .createMemoClient(second.url, () => token)
          .query(GetMemoDocument, { memoId: data!.createMemo.memoId })
          .toPromise();
        expect(error).toBeUndefined();
        expect(read?.memo?.content).toBe('before restart');
      }
    } finally {
      await second.stop();
    }
  });

  it('answers or refuses every request around SIGTERM, and keeps every write it acknowledged', async () => {
    const first = await startLocalApiProcess({ dataDir: dataDir().path, store: 'embedded' });
    const writer = urqlClientOf(first);
    await first.tokens('alice'); // signed in before the burst, so every request is in flight at once
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

    const second = await startLocalApiProcess({ dataDir: dataDir().path, store: 'embedded' });
    try {
      const reader = urqlClientOf(second);
      for (const memoId of acknowledged) {
        expect((await reader.query(GetMemoDocument, { memoId }).toPromise()).data?.memo?.memoId).toBe(memoId);
      }
    } finally {
      await second.stop();
    }
  });

  it('refuses to start a second instance on a DATA_DIR in use, with a clear message', async () => {
    const first = await startLocalApiProcess({ dataDir: dataDir().path, store: 'embedded' });
    try {
      const second = await runLocalApiToExit({ dataDir: dataDir().path, store: 'embedded' });
      expect(second.code).toBe(1);
      expect(second.output).toContain(`The data directory ${dataDir().path} is in use by another process`);
      // The first instance is unharmed.
      const { data, error } = await urqlClientOf(first)
        .mutation(CreateMemoDocument, { input: { content: 'still fine' } })
        .toPromise();
      expect(error).toBeUndefined();
      expect(data?.createMemo.content).toBe('still fine');
    } finally {
      await first.stop();
    }
  });

  it('runs without a data directory with --in-memory', async () => {
    const api = await startLocalApiProcess({ dataDir: dataDir().path, store: 'embedded', args: ['--in-memory'] });
    try {
      expect(api.output()).toContain('Data:      table memoTable in memory');
      const { data } = await urqlClientOf(api)
        .mutation(CreateMemoDocument, { input: { content: 'ephemeral' } })
        .toPromise();
      expect(data?.createMemo.version).toBe(1);
    } finally {
      await api.stop();
    }
  });

  it('uses the store at DYNAMODB_ENDPOINT instead of the embedded one', async () => {
    // The test run's store (dynalite or DynamoDB Local, test/globalSetup.ts) plays an external DynamoDB endpoint.
    const env = { DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), TABLE_NAME: `memoTable-external-${randomUUID()}` };
    const writer = await startLocalApiProcess({ dataDir: dataDir().path, env });
    expect(writer.output()).toContain(`Data:      table ${env.TABLE_NAME} at the DynamoDB endpoint ${env.DYNAMODB_ENDPOINT}\n`);
    const { data } = await urqlClientOf(writer)
      .mutation(CreateMemoDocument, { input: { content: 'external' } })
      .toPromise();
    await writer.stop();

    const reader = await startLocalApiProcess({ dataDir: dataDir().path, env, args: ['--in-memory'] });
    try {
      // An in-memory pool has new users (new subs): read as IAM, which may read any memo by id.
      const body = JSON.stringify({ query: print(GetMemoDocument), variables: { memoId: data!.createMemo.memoId } });
      const { body: read } = await postGraphQL(reader.url, body, await iamHeaders(reader.url, body));
      expect(read.data.memo.content).toBe('external');
    } finally {
      await reader.stop();
      await deleteTestTable(env.TABLE_NAME);
    }
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be an integer'],
    [{ QUERY_DEPTH_LIMIT: '0' }, 'QUERY_DEPTH_LIMIT must be an integer from 1 to 75'],
  ])('exits 1 with a clear message for bad configuration %j', async (env, message) => {
    const result = await runLocalApiToExit({ dataDir: dataDir().path, env });
    expect(result.code).toBe(1);
    expect(result.output).toContain(message);
  });
});

describe('the page-token secret', () => {
  it('lives in the data directory (0600): list page tokens survive a restart on it, and another data directory refuses them', async () => {
    const first = await startLocalApiProcess({ dataDir: dataDir().path, store: 'embedded' });
    const writer = urqlClientOf(first);
    for (const content of ['page one', 'page two']) await writer.mutation(CreateMemoDocument, { input: { content } }).toPromise();
    const { data } = await writer.query(ListMemosDocument, { limit: 1 }).toPromise();
    const nextToken = data!.listMemos.nextToken!;
    expect(nextToken).toEqual(expect.any(String));
    expect(await first.stop()).toBe(0);
    expect((await stat(join(dataDir().path, 'local-auth', 'page-token-secret.json'))).mode & 0o777).toBe(0o600);

    const second = await startLocalApiProcess({ dataDir: dataDir().path, store: 'embedded' });
    try {
      const { data: next, error } = await urqlClientOf(second).query(ListMemosDocument, { limit: 1, nextToken }).toPromise();
      expect(error).toBeUndefined();
      expect(next!.listMemos.items).toHaveLength(1);
    } finally {
      await second.stop();
    }

    const other = await temporaryDataDir();
    const elsewhere = await startLocalApiProcess({ dataDir: other.path, store: 'embedded' });
    try {
      const { error } = await urqlClientOf(elsewhere).query(ListMemosDocument, { limit: 1, nextToken }).toPromise();
      expect(urql.errorTypeOf(error)).toBe('ValidationError');
    } finally {
      await elsewhere.stop();
      await other.remove();
    }
  });
});
