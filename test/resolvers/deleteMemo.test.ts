import { beforeAll, describe, expect, it } from 'vitest';
import { countDynamoCalls } from '../helpers/countRequests.js';
import { createMemoTable } from '../helpers/memoTable.js';
import { resolveField, resolveOk } from '../helpers/resolveField.js';
import { tableSnapshot } from '../helpers/tableSnapshot.js';
import { testMemoStore } from '../helpers/testStore.js';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(createMemoTable);

describe('deleteMemo', () => {
  it('deletes the memo and returns it as it was', async () => {
    const created = await resolveOk('createMemo', { input: { title: 't', content: 'c', tags: ['x'] } });
    expect(await resolveOk('deleteMemo', { memoId: created.memoId })).toEqual(created);
    expect(await testMemoStore().getMemo(created.memoId)).toBeUndefined();
  });

  it('deletes when expectedVersion is current', async () => {
    const created = await resolveOk('createMemo', { input: { content: 'c' } });
    await resolveOk('updateMemo', { input: { memoId: created.memoId, content: 'v2' } });
    const deleted = await resolveOk('deleteMemo', { memoId: created.memoId, expectedVersion: 2 });
    expect(deleted).toMatchObject({ content: 'v2', version: 2 });
  });

  it('rejects a stale expectedVersion with VersionConflict and keeps the memo', async () => {
    const created = await resolveOk('createMemo', { input: { content: 'c' } });
    await resolveOk('updateMemo', { input: { memoId: created.memoId, content: 'v2' } });
    const before = await tableSnapshot();

    const outcome = await resolveField('deleteMemo', { memoId: created.memoId, expectedVersion: 1 });

    expect(outcome).toMatchObject({ errorType: 'VersionConflict', errorInfo: { currentVersion: 2, expectedVersion: 1 } });
    expect(await tableSnapshot()).toBe(before);
  });

  it.each([
    ['without expectedVersion', {}],
    ['with expectedVersion', { expectedVersion: 3 }],
  ])('reports MemoNotFound for a missing memo (%s)', async (_case, extra) => {
    const before = await tableSnapshot();
    expect(await resolveField('deleteMemo', { memoId: MISSING_ID, ...extra })).toMatchObject({ errorType: 'MemoNotFound' });
    expect(await tableSnapshot()).toBe(before);
  });

  it('reports MemoNotFound when the memo was already deleted', async () => {
    const created = await resolveOk('createMemo', { input: { content: 'c' } });
    await resolveOk('deleteMemo', { memoId: created.memoId });
    expect(await resolveField('deleteMemo', { memoId: created.memoId })).toMatchObject({ errorType: 'MemoNotFound' });
  });

  it('lets exactly one of 10 concurrent deletes succeed', async () => {
    const created = await resolveOk('createMemo', { input: { content: 'c' } });
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => resolveField('deleteMemo', { memoId: created.memoId })));
    expect(outcomes.filter((outcome) => outcome.errorType === undefined)).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.errorType === 'MemoNotFound')).toHaveLength(9);
  });

  it('makes exactly one DynamoDB call (a conditional UpdateItem that leaves a tombstone)', async () => {
    const created = await resolveOk('createMemo', { input: { content: 'c' } });
    const counter = countDynamoCalls();
    await resolveOk('deleteMemo', { memoId: created.memoId, expectedVersion: 1 });
    expect(counter.calls).toEqual({ UpdateItem: 1 });
  });
});
