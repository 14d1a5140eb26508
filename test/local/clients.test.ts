import { describe, expect, it } from 'vitest';
import {
  CreateMemoDocument,
  DeleteMemoDocument,
  GetMemoDocument,
  ListMemosDocument,
  UpdateMemoDocument,
} from '../../generated/sdk.js';
import * as apollo from './examples/apolloClient.js';
import * as urql from './examples/urqlClient.js';
import { useLocalApiProcess } from './helpers/localApiProcess.js';

// Both clients talk to one runtime, started as `npm start` starts it.
const localApi = useLocalApiProcess();

describe('urql with the generated SDK', () => {
  it('creates, gets, lists, updates and deletes a memo', async () => {
    const client = urql.createMemoClient(localApi().url, localApi().apiKey);

    const created = await client.mutation(CreateMemoDocument, { input: { title: 'urql', content: 'first', tags: ['a'] } }).toPromise();
    expect(created.error).toBeUndefined();
    const memo = created.data!.createMemo;
    expect(memo).toMatchObject({ title: 'urql', content: 'first', tags: ['a'], version: 1 });

    const fetched = await client.query(GetMemoDocument, { memoId: memo.memoId }).toPromise();
    expect(fetched.data?.memo).toEqual(memo);

    const listed = await client.query(ListMemosDocument, { limit: 100 }).toPromise();
    expect(listed.data?.listMemos.items.map((item) => item.memoId)).toContain(memo.memoId);

    const updated = await client.mutation(UpdateMemoDocument, { input: { memoId: memo.memoId, content: 'second', expectedVersion: 1 } }).toPromise();
    expect(updated.data?.updateMemo).toMatchObject({ content: 'second', version: 2, createdAt: memo.createdAt });

    const deleted = await client.mutation(DeleteMemoDocument, { memoId: memo.memoId, expectedVersion: 2 }).toPromise();
    expect(deleted.data?.deleteMemo).toMatchObject({ memoId: memo.memoId, version: 2 });
    expect((await client.query(GetMemoDocument, { memoId: memo.memoId }).toPromise()).data?.memo).toBeNull();
  });

  it('shows the errorType and errorInfo of a failed mutation', async () => {
    const client = urql.createMemoClient(localApi().url, localApi().apiKey);
    const created = await client.mutation(CreateMemoDocument, { input: { content: 'versioned' } }).toPromise();
    const { memoId } = created.data!.createMemo;

    const stale = await client.mutation(UpdateMemoDocument, { input: { memoId, content: 'x', expectedVersion: 7 } }).toPromise();
    expect(urql.errorTypeOf(stale.error)).toBe('VersionConflict');
    expect(stale.error?.graphQLErrors[0]?.path).toEqual(['updateMemo']);
    expect(stale.error?.graphQLErrors[0]?.originalError).toMatchObject({ errorInfo: { memoId, expectedVersion: 7, currentVersion: 1 } });

    const blank = await client.mutation(CreateMemoDocument, { input: { content: '   ' } }).toPromise();
    expect(urql.errorTypeOf(blank.error)).toBe('ValidationError');
  });
});

describe('Apollo Client (core) with the generated SDK', () => {
  it('creates, gets, lists, updates and deletes a memo', async () => {
    const client = apollo.createMemoClient(localApi().url, localApi().apiKey);

    const { data: created } = await client.mutate({ mutation: CreateMemoDocument, variables: { input: { content: 'apollo', tags: ['b', 'c'] } } });
    const memo = created!.createMemo;
    expect(memo).toMatchObject({ title: null, content: 'apollo', tags: ['b', 'c'], version: 1 });

    const { data: fetched } = await client.query({ query: GetMemoDocument, variables: { memoId: memo.memoId } });
    expect(fetched?.memo).toMatchObject({ memoId: memo.memoId, content: 'apollo' });

    const { data: listed } = await client.query({ query: ListMemosDocument, variables: { limit: 100 } });
    expect(listed?.listMemos.items.map((item) => item.memoId)).toContain(memo.memoId);

    const { data: updated } = await client.mutate({ mutation: UpdateMemoDocument, variables: { input: { memoId: memo.memoId, title: 'titled' } } });
    expect(updated?.updateMemo).toMatchObject({ title: 'titled', version: 2 });

    const { data: deleted } = await client.mutate({ mutation: DeleteMemoDocument, variables: { memoId: memo.memoId } });
    expect(deleted?.deleteMemo.memoId).toBe(memo.memoId);
    const { data: gone } = await client.query({ query: GetMemoDocument, variables: { memoId: memo.memoId } });
    expect(gone?.memo).toBeNull();
  });

  it('raises errors whose errorType the caller can switch on', async () => {
    const client = apollo.createMemoClient(localApi().url, localApi().apiKey);
    const missing = '9f1c4c8e-4a3b-4c2d-8e1f-0a1b2c3d4e5f';
    const failure = await client.mutate({ mutation: DeleteMemoDocument, variables: { memoId: missing } }).catch((error: unknown) => error);
    expect(apollo.errorTypeOf(failure)).toBe('MemoNotFound');

    const invalid = await client.query({ query: GetMemoDocument, variables: { memoId: 'not-a-uuid' } }).catch((error: unknown) => error);
    expect(apollo.errorTypeOf(invalid)).toBe('ValidationError');
  });
});
