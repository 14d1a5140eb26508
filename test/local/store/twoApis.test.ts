import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../../../local/server.js';
import { signIn } from '../../helpers/localCredentials.js';
import { deleteTestTable } from '../../helpers/testStore.js';
import { postGraphQL } from '../helpers/localApiProcess.js';

const CREATE = 'mutation ($content: String!) { createMemo(input: { content: $content }) { memoId content } }';
const LIST = '{ listMemos { items { memoId content } } }';
const GET = 'query ($memoId: ID!) { memo(memoId: $memoId) { memoId } }';

/** One local API on its own table of the run's shared store, and alice's ID token for it. */
async function apiOnTable(tableName: string): Promise<{ api: LocalApi; token: string }> {
  const api = await startLocalApi({ dynamodbEndpoint: inject('dynamodbEndpoint'), tableName });
  const { userPoolEndpoint, userPoolClientId, users } = api.clientConfig;
  const alice = users.find((user) => user.username === 'alice')!;
  const { idToken } = await signIn(userPoolEndpoint, userPoolClientId, alice.username, alice.password);
  return { api, token: idToken };
}

async function graphql<T>(target: { api: LocalApi; token: string }, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { status, body } = await postGraphQL(target.api.url, { query, variables }, { authorization: target.token });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

// Importing the handlers reads no settings: each API binds them to its own store, so two APIs on
// two tables serve side by side in one process, in either order.
describe('two local APIs in one process', () => {
  const tables = [`memoTable-first-${randomUUID()}`, `memoTable-second-${randomUUID()}`] as const;
  let first: { api: LocalApi; token: string };
  let second: { api: LocalApi; token: string };

  beforeAll(async () => {
    first = await apiOnTable(tables[0]);
    second = await apiOnTable(tables[1]);
  });

  afterAll(async () => {
    await Promise.all([first?.api.close(), second?.api.close()]);
    await Promise.all(tables.map(deleteTestTable));
  });

  it('each writes to its own table and sees only its own memos', async () => {
    const a = (await graphql<{ createMemo: { memoId: string } }>(first, CREATE, { content: 'on the first API' })).createMemo;
    const b = (await graphql<{ createMemo: { memoId: string } }>(second, CREATE, { content: 'on the second API' })).createMemo;

    expect((await graphql<{ listMemos: { items: unknown[] } }>(first, LIST)).listMemos.items).toEqual([
      { memoId: a.memoId, content: 'on the first API' },
    ]);
    expect((await graphql<{ listMemos: { items: unknown[] } }>(second, LIST)).listMemos.items).toEqual([
      { memoId: b.memoId, content: 'on the second API' },
    ]);
    expect(await graphql(second, GET, { memoId: a.memoId })).toEqual({ memo: null });
    expect(await graphql(first, GET, { memoId: b.memoId })).toEqual({ memo: null });
  });

  it('reports the table each API is bound to, and its store holds only that table’s memos', async () => {
    expect([first.api.store.tableName, second.api.store.tableName]).toEqual(tables);
    const { Items } = await first.api.store.memoStore.documentClient.send(new ScanCommand({ TableName: tables[0] }));
    expect(Items).toEqual([expect.objectContaining({ content: 'on the first API' })]);
    expect(first.api.storeDescription).toContain(tables[0]);
    expect(second.api.storeDescription).toContain(tables[1]);
  });
});
