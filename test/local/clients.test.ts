import { describe, expect, it } from 'vitest';
import {
  CreateMemoDocument,
  DeleteMemoDocument,
  GetMemoDocument,
  ListMemosDocument,
  UpdateMemoDocument,
} from '../../sdk/src/generated/operations.js';
import type { TestUsername } from '../helpers/localCredentials.js';
import * as apollo from './examples/apolloClient.js';
import * as urql from './examples/urqlClient.js';
import { useLocalApiProcess } from './helpers/localApiProcess.js';

// Both clients talk to one runtime, started as `npm start` starts it, signed in as its users.
const localApi = useLocalApiProcess();
const idTokenOf = (username: TestUsername) => async () => (await localApi().tokens(username)).idToken;
/** The user's sub: what the API stores as ownerId. */
const subOf = (jwt: string): string => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).sub;
const missingMemoId = '9f1c4c8e-4a3b-4c2d-8e1f-0a1b2c3d4e5f';

/** A memo of bob's, created through his own client, for the isolation cases. */
async function bobsMemo(): Promise<{ memoId: string; version: number }> {
  const { data } = await urql
    .createMemoClient(localApi().url, idTokenOf('bob'))
    .mutation(CreateMemoDocument, { input: { content: "bob's" } })
    .toPromise();
  return data!.createMemo;
}

describe('urql with the generated SDK', () => {
  it('creates, gets, lists (newest first), updates and deletes a memo of the signed-in user', async () => {
    const client = urql.createMemoClient(localApi().url, idTokenOf('alice'));
    const alice = await localApi().tokens('alice');

    const older = await client.mutation(CreateMemoDocument, { input: { content: 'older' } }).toPromise();
    const created = await client.mutation(CreateMemoDocument, { input: { title: 'urql', content: 'first', tags: ['a'] } }).toPromise();
    expect(created.error).toBeUndefined();
    const memo = created.data!.createMemo;
    expect(memo).toMatchObject({ title: 'urql', content: 'first', tags: ['a'], version: 1, ownerId: subOf(alice.idToken) });

    const fetched = await client.query(GetMemoDocument, { memoId: memo.memoId }).toPromise();
    expect(fetched.data?.memo).toEqual(memo);

    const listed = await client.query(ListMemosDocument, { limit: 100 }).toPromise();
    const ids = listed.data!.listMemos.items.map((item) => item.memoId);
    expect(ids.indexOf(memo.memoId)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(memo.memoId)).toBeLessThan(ids.indexOf(older.data!.createMemo.memoId));

    const updated = await client
      .mutation(UpdateMemoDocument, { input: { memoId: memo.memoId, content: 'second', expectedVersion: 1 } })
      .toPromise();
    expect(updated.data?.updateMemo).toMatchObject({ content: 'second', version: 2, createdAt: memo.createdAt });

    const deleted = await client.mutation(DeleteMemoDocument, { memoId: memo.memoId, expectedVersion: 2 }).toPromise();
    expect(deleted.data?.deleteMemo).toMatchObject({ memoId: memo.memoId, version: 2 });
    expect((await client.query(GetMemoDocument, { memoId: memo.memoId }).toPromise()).data?.memo).toBeNull();
  });

  it('shows the errorType and errorInfo of a failed mutation', async () => {
    const client = urql.createMemoClient(localApi().url, idTokenOf('alice'));
    const created = await client.mutation(CreateMemoDocument, { input: { content: 'versioned' } }).toPromise();
    const { memoId } = created.data!.createMemo;

    const stale = await client.mutation(UpdateMemoDocument, { input: { memoId, content: 'x', expectedVersion: 7 } }).toPromise();
    expect(urql.errorTypeOf(stale.error)).toBe('VersionConflict');
    expect(stale.error?.graphQLErrors[0]?.path).toEqual(['updateMemo']);
    expect(stale.error?.graphQLErrors[0]?.originalError).toMatchObject({ errorInfo: { memoId, expectedVersion: 7, currentVersion: 1 } });

    const missing = await client.mutation(DeleteMemoDocument, { memoId: missingMemoId }).toPromise();
    expect(urql.errorTypeOf(missing.error)).toBe('MemoNotFound');

    const blank = await client.mutation(CreateMemoDocument, { input: { content: '   ' } }).toPromise();
    expect(urql.errorTypeOf(blank.error)).toBe('ValidationError');
  });

  it("cannot read or update another user's memo: null and MemoNotFound, as if it did not exist", async () => {
    const client = urql.createMemoClient(localApi().url, idTokenOf('alice'));
    const { memoId } = await bobsMemo();

    expect((await client.query(GetMemoDocument, { memoId }).toPromise()).data?.memo).toBeNull();
    const update = await client.mutation(UpdateMemoDocument, { input: { memoId, content: 'mine now', expectedVersion: 1 } }).toPromise();
    expect(urql.errorTypeOf(update.error)).toBe('MemoNotFound');
    const listed = await client.query(ListMemosDocument, { limit: 100 }).toPromise();
    expect(listed.data?.listMemos.items.map((item) => item.memoId)).not.toContain(memoId);
  });

  it('reads the token for every request, so the next request uses a new one', async () => {
    let user: TestUsername = 'alice';
    const client = urql.createMemoClient(localApi().url, () => idTokenOf(user)());
    const { memoId } = (await client.mutation(CreateMemoDocument, { input: { content: 'whose?' } }).toPromise()).data!.createMemo;
    expect((await client.query(GetMemoDocument, { memoId }).toPromise()).data?.memo?.memoId).toBe(memoId);

    user = 'bob';
    expect((await client.query(GetMemoDocument, { memoId }).toPromise()).data?.memo).toBeNull();
  });
});

describe('Apollo Client (core) with the generated SDK', () => {
  it('creates, gets, lists, updates and deletes a memo of the signed-in user', async () => {
    const client = apollo.createMemoClient(localApi().url, idTokenOf('alice'));

    const { data: created } = await client.mutate({
      mutation: CreateMemoDocument,
      variables: { input: { content: 'apollo', tags: ['b', 'c'] } },
    });
    const memo = created!.createMemo;
    expect(memo).toMatchObject({ title: null, content: 'apollo', tags: ['b', 'c'], version: 1 });

    const { data: fetched } = await client.query({ query: GetMemoDocument, variables: { memoId: memo.memoId } });
    expect(fetched?.memo).toMatchObject({ memoId: memo.memoId, content: 'apollo' });

    const { data: listed } = await client.query({ query: ListMemosDocument, variables: { limit: 100 } });
    expect(listed?.listMemos.items[0]?.memoId).toBe(memo.memoId); // newest first

    const { data: updated } = await client.mutate({
      mutation: UpdateMemoDocument,
      variables: { input: { memoId: memo.memoId, title: 'titled' } },
    });
    expect(updated?.updateMemo).toMatchObject({ title: 'titled', version: 2 });

    const { data: deleted } = await client.mutate({ mutation: DeleteMemoDocument, variables: { memoId: memo.memoId } });
    expect(deleted?.deleteMemo.memoId).toBe(memo.memoId);
    const { data: gone } = await client.query({ query: GetMemoDocument, variables: { memoId: memo.memoId } });
    expect(gone?.memo).toBeNull();
  });

  it('raises errors whose errorType the caller can switch on', async () => {
    const client = apollo.createMemoClient(localApi().url, idTokenOf('alice'));
    const failure = await client
      .mutate({ mutation: DeleteMemoDocument, variables: { memoId: missingMemoId } })
      .catch((error: unknown) => error);
    expect(apollo.errorTypeOf(failure)).toBe('MemoNotFound');

    const { data } = await client.mutate({ mutation: CreateMemoDocument, variables: { input: { content: 'versioned' } } });
    const stale = await client
      .mutate({ mutation: UpdateMemoDocument, variables: { input: { memoId: data!.createMemo.memoId, content: 'x', expectedVersion: 7 } } })
      .catch((error: unknown) => error);
    expect(apollo.errorTypeOf(stale)).toBe('VersionConflict');

    const invalid = await client.query({ query: GetMemoDocument, variables: { memoId: 'not-a-uuid' } }).catch((error: unknown) => error);
    expect(apollo.errorTypeOf(invalid)).toBe('ValidationError');
  });

  it("cannot read or update another user's memo: null and MemoNotFound, as if it did not exist", async () => {
    const client = apollo.createMemoClient(localApi().url, idTokenOf('alice'));
    const { memoId } = await bobsMemo();

    const { data } = await client.query({ query: GetMemoDocument, variables: { memoId } });
    expect(data?.memo).toBeNull();
    const update = await client
      .mutate({ mutation: UpdateMemoDocument, variables: { input: { memoId, content: 'mine now' } } })
      .catch((error: unknown) => error);
    expect(apollo.errorTypeOf(update)).toBe('MemoNotFound');
  });
});
