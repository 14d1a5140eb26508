import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemoRecord } from '../../resolvers/store/memoStore.js';
import { countDynamoCalls } from '../helpers/countRequests.js';
import { createMemoTable } from '../helpers/memoTable.js';
import { resolveField, resolveOk } from '../helpers/resolveField.js';
import { tableSnapshot } from '../helpers/tableSnapshot.js';
import { testMemoStore } from '../helpers/testStore.js';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(createMemoTable);

function createMemo(input: Record<string, unknown> = { title: 'title', content: 'content', tags: ['a'] }): Promise<MemoRecord> {
  return resolveOk('createMemo', { input });
}

describe('updateMemo', () => {
  it('changes only the fields sent, bumps version by 1 and moves updatedAt forward', async () => {
    const created = await createMemo();
    await sleep(5);
    const updated = await resolveOk('updateMemo', { input: { memoId: created.memoId, content: 'new content' } });

    expect(updated).toMatchObject({ memoId: created.memoId, title: 'title', content: 'new content', tags: ['a'], version: 2 });
    expect(updated.createdAt).toBe(created.createdAt);
    expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
    expect(await testMemoStore().getMemo(created.memoId)).toEqual(updated);
  });

  it('removes the title when title is null', async () => {
    const created = await createMemo();
    const updated = await resolveOk('updateMemo', { input: { memoId: created.memoId, title: null } });
    expect(updated.title).toBeNull();
    expect((await testMemoStore().getMemo(created.memoId))?.title).toBeNull();
  });

  it('replaces tags, removing duplicates, and can empty them', async () => {
    const created = await createMemo();
    const retagged = await resolveOk('updateMemo', { input: { memoId: created.memoId, tags: ['x', 'y', 'x'] } });
    expect(retagged.tags).toEqual(['x', 'y']);
    const emptied = await resolveOk('updateMemo', { input: { memoId: created.memoId, tags: [] } });
    expect(emptied.tags).toEqual([]);
    expect(emptied.version).toBe(3);
  });

  it('applies an update whose expectedVersion is current', async () => {
    const created = await createMemo();
    const updated = await resolveOk('updateMemo', { input: { memoId: created.memoId, content: 'v2', expectedVersion: 1 } });
    expect(updated.version).toBe(2);
  });

  it('rejects a stale expectedVersion with VersionConflict carrying the current version, leaving the memo unchanged', async () => {
    const created = await createMemo();
    await resolveOk('updateMemo', { input: { memoId: created.memoId, content: 'v2' } });
    const before = await tableSnapshot();

    const outcome = await resolveField('updateMemo', { input: { memoId: created.memoId, content: 'lost?', expectedVersion: 1 } });

    expect(outcome).toMatchObject({
      errorType: 'VersionConflict',
      errorInfo: { memoId: created.memoId, expectedVersion: 1, currentVersion: 2 },
    });
    expect(outcome.errorType && outcome.message).toContain('version 2');
    expect(await tableSnapshot()).toBe(before);
  });

  it.each([
    ['without expectedVersion', {}],
    ['with expectedVersion', { expectedVersion: 1 }],
  ])('never creates a missing memo (%s): MemoNotFound and the store is unchanged', async (_case, extra) => {
    const before = await tableSnapshot();
    const outcome = await resolveField('updateMemo', { input: { memoId: MISSING_ID, content: 'ghost', ...extra } });
    expect(outcome).toMatchObject({ errorType: 'MemoNotFound', message: `Memo ${MISSING_ID} does not exist` });
    expect(await testMemoStore().getMemo(MISSING_ID)).toBeUndefined();
    expect(await tableSnapshot()).toBe(before);
  });

  it('rejects an update that changes nothing with a ValidationError', async () => {
    const created = await createMemo();
    const outcome = await resolveField('updateMemo', { input: { memoId: created.memoId, expectedVersion: 1 } });
    expect(outcome).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'input' } });
    expect(await testMemoStore().getMemo(created.memoId)).toEqual(created);
  });

  it('makes exactly one DynamoDB call (a conditional UpdateItem)', async () => {
    const created = await createMemo();
    const counter = countDynamoCalls();
    await resolveOk('updateMemo', { input: { memoId: created.memoId, content: 'counted', expectedVersion: 1 } });
    expect(counter.calls).toEqual({ UpdateItem: 1 });
  });

  it('lets exactly one of 50 concurrent writers with the same expectedVersion win', async () => {
    const created = await createMemo();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, writer) =>
        resolveField('updateMemo', { input: { memoId: created.memoId, content: `writer ${writer}`, expectedVersion: 1 } }),
      ),
    );

    const winners = outcomes.filter((outcome) => outcome.errorType === undefined);
    const conflicts = outcomes.filter((outcome) => outcome.errorType === 'VersionConflict');
    expect(winners).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    const stored = await testMemoStore().getMemo(created.memoId);
    expect(stored?.version).toBe(2);
    expect(stored?.content).toBe(winners[0]?.data?.content);
  });

  it('loses no update among 30 concurrent writers without expectedVersion', async () => {
    const created = await createMemo();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, writer) => resolveOk('updateMemo', { input: { memoId: created.memoId, content: `w${writer}` } })),
    );
    expect(new Set(results.map((memo) => memo.version))).toEqual(new Set(Array.from({ length: 30 }, (_, i) => i + 2)));
    expect((await testMemoStore().getMemo(created.memoId))?.version).toBe(31);
  });
});
