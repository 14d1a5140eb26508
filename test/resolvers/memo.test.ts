import { beforeAll, describe, expect, it } from 'vitest';
import { countDynamoCalls } from '../helpers/countRequests.js';
import { createMemoTable } from '../helpers/memoTable.js';
import { resolveField, resolveOk } from '../helpers/resolveField.js';

beforeAll(createMemoTable);

describe('memo', () => {
  it('returns a stored memo', async () => {
    const created = await resolveOk('createMemo', { input: { title: 't', content: 'c', tags: ['x'] } });
    expect(await resolveOk('memo', { memoId: created.memoId })).toEqual(created);
  });

  it('returns null, not an error, for a memo that does not exist', async () => {
    expect(await resolveField('memo', { memoId: '00000000-0000-4000-8000-000000000000' })).toEqual({ data: null });
  });

  it('accepts an upper-case UUID for the same memo', async () => {
    const created = await resolveOk('createMemo', { input: { content: 'c' } });
    expect(await resolveOk('memo', { memoId: created.memoId.toUpperCase() })).toEqual(created);
  });

  it('rejects a memoId that is not a UUID with a ValidationError naming the field', async () => {
    const outcome = await resolveField('memo', { memoId: 'not-a-uuid' });
    expect(outcome).toMatchObject({ errorType: 'ValidationError', message: 'memoId must be a UUID', errorInfo: { field: 'memoId' } });
  });

  it('makes exactly one DynamoDB call (GetItem)', async () => {
    const created = await resolveOk('createMemo', { input: { content: 'c' } });
    const counter = countDynamoCalls();
    await resolveOk('memo', { memoId: created.memoId });
    expect(counter.calls).toEqual({ GetItem: 1 });
  });
});
