import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MemoRecord } from '../../resolvers/store/memoStore.js';
import { iamCaller, userPoolCaller } from '../helpers/callers.js';
import { createMemoTable } from '../helpers/memoTable.js';
import { resolveField, resolveOk, type FieldName } from '../helpers/resolveField.js';
import { tableSnapshot } from '../helpers/tableSnapshot.js';
import { testMemoStore } from '../helpers/testStore.js';

const alice = userPoolCaller(randomUUID(), 'alice');
const bob = userPoolCaller(randomUUID(), 'bob');
const FIELDS = { title: 'secret title', content: 'secret content', tags: ['private'] };

/** The stored item itself, tombstone or not. */
async function storedItem(memoId: string): Promise<Record<string, unknown> | undefined> {
  const { documentClient, tableName } = testMemoStore();
  return (await documentClient.send(new GetCommand({ TableName: tableName, Key: { memoId } }))).Item;
}

let deleted: MemoRecord;

beforeAll(async () => {
  await createMemoTable();
  const created = await resolveOk('createMemo', { input: { memoId: randomUUID(), ...FIELDS } }, alice);
  deleted = await resolveOk('updateMemo', { input: { memoId: created.memoId, content: FIELDS.content } }, alice);
  await resolveOk('deleteMemo', { memoId: deleted.memoId, expectedVersion: deleted.version }, alice);
});

describe('a deleted memo leaves a tombstone', () => {
  it('keeps no content: every writable field and the list-index key are gone, deletedAt and a TTL are set', async () => {
    const item = (await storedItem(deleted.memoId))!;
    expect(Object.keys(item).sort()).toEqual([
      'changedAt',
      'changedAtId',
      'createdAt',
      'deletedAt',
      'expiresAt',
      'memoId',
      'ownerId',
      'updatedAt',
      'version',
    ]);
    expect(item).toMatchObject({ memoId: deleted.memoId, ownerId: alice.identity.sub, version: deleted.version + 1 });
    expect(item.changedAt).toBe(item.deletedAt);
    expect(item.changedAtId).toBe(`${item.deletedAt as string}#${deleted.memoId}`);
    const deletedAtSeconds = Math.floor(Date.parse(item.deletedAt as string) / 1000);
    expect(item.expiresAt).toBe(deletedAtSeconds + 30 * 86_400);
    expect(JSON.stringify(item)).not.toContain('secret');
  });

  it('answers the delete with the memo as it was', async () => {
    const memo = await resolveOk('createMemo', { input: { ...FIELDS } }, alice);
    expect(await resolveOk('deleteMemo', { memoId: memo.memoId }, alice)).toEqual(memo);
  });
});

describe('every operation treats a tombstone as missing', () => {
  let before: string;
  beforeEach(async () => {
    before = await tableSnapshot();
  });

  it.each([
    ['alice', () => alice],
    ['bob', () => bob],
    ['an IAM caller', () => iamCaller()],
  ])('memo is null for %s', async (_who, caller) => {
    expect(await resolveOk<MemoRecord | null>('memo', { memoId: deleted.memoId }, caller())).toBeNull();
  });

  /** [case, field, arguments, caller, errorType] */
  const writes: [string, FieldName, () => Record<string, unknown>, () => ReturnType<typeof userPoolCaller>, string][] = [
    ['update it', 'updateMemo', () => ({ input: { memoId: deleted.memoId, content: 'back' } }), () => alice, 'MemoNotFound'],
    [
      'update it at its last live version',
      'updateMemo',
      () => ({ input: { memoId: deleted.memoId, content: 'back', expectedVersion: deleted.version } }),
      () => alice,
      'MemoNotFound',
    ],
    [
      "update it at the tombstone's version",
      'updateMemo',
      () => ({ input: { memoId: deleted.memoId, content: 'back', expectedVersion: deleted.version + 1 } }),
      () => alice,
      'MemoNotFound',
    ],
    ['update it as IAM', 'updateMemo', () => ({ input: { memoId: deleted.memoId, content: 'back' } }), iamCaller, 'MemoNotFound'],
    ['delete it again', 'deleteMemo', () => ({ memoId: deleted.memoId }), () => alice, 'MemoNotFound'],
    [
      'delete it again at its last live version',
      'deleteMemo',
      () => ({ memoId: deleted.memoId, expectedVersion: deleted.version }),
      () => alice,
      'MemoNotFound',
    ],
    [
      "delete it at the tombstone's version",
      'deleteMemo',
      () => ({ memoId: deleted.memoId, expectedVersion: deleted.version + 1 }),
      () => alice,
      'MemoNotFound',
    ],
    ['delete it as IAM', 'deleteMemo', () => ({ memoId: deleted.memoId }), iamCaller, 'MemoNotFound'],
    ['delete it as bob', 'deleteMemo', () => ({ memoId: deleted.memoId, expectedVersion: deleted.version + 1 }), () => bob, 'MemoNotFound'],
    [
      'create it again with the same fields',
      'createMemo',
      () => ({ input: { memoId: deleted.memoId, ...FIELDS } }),
      () => alice,
      'MemoAlreadyExists',
    ],
    [
      'create it again with other fields',
      'createMemo',
      () => ({ input: { memoId: deleted.memoId, content: 'new' } }),
      () => alice,
      'MemoAlreadyExists',
    ],
    ['create its id as bob', 'createMemo', () => ({ input: { memoId: deleted.memoId, content: 'new' } }), () => bob, 'MemoAlreadyExists'],
    [
      'create its id as IAM for alice',
      'createMemo',
      () => ({ input: { memoId: deleted.memoId, ownerId: alice.identity.sub, ...FIELDS } }),
      iamCaller,
      'MemoAlreadyExists',
    ],
  ];

  it.each(writes)('%s: %s, store unchanged', async (_case, field, args, caller, errorType) => {
    const outcome = await resolveField(field, args(), caller());
    expect(outcome).toMatchObject({ errorType });
    if (errorType === 'MemoAlreadyExists') expect(outcome).toMatchObject({ errorInfo: { memoId: deleted.memoId, currentVersion: null } });
    expect(await tableSnapshot()).toBe(before);
  });

  it('still refuses a stale-version delete of a live memo with VersionConflict', async () => {
    const memo = await resolveOk('createMemo', { input: { content: 'c' } }, alice);
    await resolveOk('updateMemo', { input: { memoId: memo.memoId, content: 'v2' } }, alice);
    const outcome = await resolveField('deleteMemo', { memoId: memo.memoId, expectedVersion: 1 }, alice);
    expect(outcome).toMatchObject({ errorType: 'VersionConflict', errorInfo: { currentVersion: 2 } });
  });
});

describe('listMemos never shows a tombstone', () => {
  it('keeps every page full when every other memo is deleted', async () => {
    const carol = userPoolCaller(randomUUID(), 'carol');
    const memos: MemoRecord[] = [];
    for (let i = 0; i < 30; i++) memos.push(await resolveOk('createMemo', { input: { content: `memo ${i}` } }, carol));
    for (const memo of memos.filter((_, i) => i % 2 === 0)) await resolveOk('deleteMemo', { memoId: memo.memoId }, carol);
    const live = memos.filter((_, i) => i % 2 === 1).reverse();

    const pages: MemoRecord[][] = [];
    let nextToken: string | null = null;
    do {
      const page: { items: MemoRecord[]; nextToken: string | null } = await resolveOk('listMemos', { limit: 5, nextToken }, carol);
      pages.push(page.items);
      nextToken = page.nextToken;
    } while (nextToken);

    expect(pages.map((page) => page.length)).toEqual([5, 5, 5]);
    expect(pages.flat().map((memo) => memo.memoId)).toEqual(live.map((memo) => memo.memoId));
  });
});
