import { validate as isUuid, version as uuidVersion } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { countDynamoCalls } from '../helpers/countRequests.js';
import { createMemoTable } from '../helpers/memoTable.js';
import { resolveField, resolveOk } from '../helpers/resolveField.js';
import { tableSnapshot } from '../helpers/tableSnapshot.js';
import { storeReturnsOldItemOnConditionFailure, testMemoStore } from '../helpers/testStore.js';
import { WRITABLE_FIELD_NAMES, type WritableField } from '../../resolvers/lib/writableFields.js';

beforeAll(createMemoTable);

describe('createMemo', () => {
  it('assigns a UUID v4, version 1 and equal ISO-8601 UTC timestamps', async () => {
    const before = Date.now();
    const memo = await resolveOk('createMemo', { input: { title: 'Groceries', content: 'milk', tags: ['home'] } });

    expect(isUuid(memo.memoId) && uuidVersion(memo.memoId)).toBe(4);
    expect(memo).toMatchObject({ title: 'Groceries', content: 'milk', tags: ['home'], version: 1 });
    expect(memo.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(memo.updatedAt).toBe(memo.createdAt);
    expect(Date.parse(memo.createdAt)).toBeGreaterThanOrEqual(before);
  });

  it('stores exactly what it returns', async () => {
    const memo = await resolveOk('createMemo', { input: { content: 'persisted', tags: ['a', 'b'] } });
    expect(await testMemoStore().getMemo(memo.memoId)).toEqual(memo);
  });

  it('defaults tags to [] and title to null', async () => {
    const memo = await resolveOk('createMemo', { input: { content: 'bare' } });
    expect(memo.tags).toEqual([]);
    expect(memo.title).toBeNull();
    expect(await testMemoStore().getMemo(memo.memoId)).toMatchObject({ tags: [], title: null });
  });

  it('removes duplicate tags, keeping first-seen order', async () => {
    const memo = await resolveOk('createMemo', { input: { content: 'x', tags: ['b', 'a', 'b', 'a', 'c'] } });
    expect(memo.tags).toEqual(['b', 'a', 'c']);
  });

  it('gives every memo its own id', async () => {
    const memos = await Promise.all(Array.from({ length: 20 }, () => resolveOk('createMemo', { input: { content: 'same' } })));
    expect(new Set(memos.map((memo) => memo.memoId)).size).toBe(20);
  });

  it('makes exactly one DynamoDB call (a conditional PutItem)', async () => {
    const counter = countDynamoCalls();
    await resolveOk('createMemo', { input: { content: 'counted' } });
    expect(counter.calls).toEqual({ PutItem: 1 });
  });

  it.each([
    ['emoji and ZWJ sequences', '👩‍💻 memo 🎉🇯🇵'],
    ['right-to-left text', 'مرحبا بالعالم שלום עולם'],
    ['combining marks', 'e\u0301 a\u0308 Z\u0351\u0352\u0353'],
    ['CJK and astral plane', '漢字かなカナ 𠜎𠜱𝄞'],
    ['control characters and newlines', 'line1\nline2\ttab\r\n\u0007'],
    ['JSON and markup', '{"a":1} <script>alert(1)</script> \' " \\'],
  ])('round-trips %s exactly', async (_kind, text) => {
    const tag = [...text].slice(0, 10).join(''); // whole code points: a split surrogate pair is invalid
    const memo = await resolveOk('createMemo', { input: { title: text, content: text, tags: [tag] } });
    const stored = await testMemoStore().getMemo(memo.memoId);
    expect(stored?.title).toBe(text);
    expect(stored?.content).toBe(text);
    expect(stored?.tags).toEqual([tag]);
  });
});

describe('createMemo with a client-generated memoId (retries)', () => {
  const input = { memoId: '', title: 'Trip', content: 'pack the tent', tags: ['camping', 'summer'] };
  const withId = () => ({ ...input, memoId: crypto.randomUUID() });

  it('stores the memo under the id the client chose', async () => {
    const fields = withId();
    const memo = await resolveOk('createMemo', { input: fields });
    expect(memo).toMatchObject({ ...fields, version: 1 });
    expect(await testMemoStore().getMemo(fields.memoId)).toEqual(memo);
  });

  it('answers a retry with the stored memo, unchanged: no duplicate, no error', async () => {
    const fields = withId();
    const first = await resolveOk('createMemo', { input: fields });
    const before = await tableSnapshot();

    const retry = await resolveOk('createMemo', { input: { ...fields, tags: [...fields.tags, 'camping'] } }); // same after dedup

    expect(retry).toEqual(first);
    expect(await tableSnapshot()).toBe(before);
  });

  it('accepts the id in any letter case, as the same memo', async () => {
    const fields = withId();
    const first = await resolveOk('createMemo', { input: fields });
    expect(await resolveOk('createMemo', { input: { ...fields, memoId: fields.memoId.toUpperCase() } })).toEqual(first);
  });

  const differentCreates: [string, Partial<Record<WritableField, unknown>>][] = [
    ['other content', { content: 'something else' }],
    ['another title', { title: 'Other trip' }],
    ['no title', { title: null }],
    ['other tags', { tags: ['camping'] }],
    ['the tags in another order', { tags: ['summer', 'camping'] }],
  ];

  it('tries a different value of every writable field (a new field needs its case here)', () => {
    expect(new Set(differentCreates.flatMap(([, change]) => Object.keys(change)))).toEqual(new Set(WRITABLE_FIELD_NAMES));
  });

  it.each(differentCreates)('refuses the same memoId with %s: MemoAlreadyExists, store unchanged', async (_case, change) => {
    const fields = withId();
    await resolveOk('createMemo', { input: fields });
    const before = await tableSnapshot();

    const outcome = await resolveField('createMemo', { input: { ...fields, ...change } });

    expect(outcome).toMatchObject({
      errorType: 'MemoAlreadyExists',
      message: expect.stringContaining(fields.memoId),
      errorInfo: { memoId: fields.memoId, currentVersion: 1 },
    });
    expect(await tableSnapshot()).toBe(before);
  });

  it('refuses a retry once the memo has moved on (updated since): MemoAlreadyExists with the current version', async () => {
    const fields = withId();
    await resolveOk('createMemo', { input: fields });
    await resolveOk('updateMemo', { input: { memoId: fields.memoId, tags: ['camping', 'summer'] } }); // same fields, version 2
    const before = await tableSnapshot();

    expect(await resolveField('createMemo', { input: fields })).toMatchObject({
      errorType: 'MemoAlreadyExists',
      errorInfo: { memoId: fields.memoId, currentVersion: 2 },
    });
    expect(await tableSnapshot()).toBe(before);
  });

  it('turns 20 identical creates in parallel into one memo and 20 identical answers', async () => {
    const fields = withId();
    const answers = await Promise.all(Array.from({ length: 20 }, () => resolveField('createMemo', { input: fields })));

    expect(answers.filter((answer) => answer.errorType !== undefined)).toEqual([]);
    expect(new Set(answers.map((answer) => JSON.stringify(answer.data))).size).toBe(1);
    expect(await testMemoStore().getMemo(fields.memoId)).toEqual(answers[0]!.data);
  });

  it(`costs one conditional PutItem on a retry${storeReturnsOldItemOnConditionFailure ? '' : ', plus one GetItem where the store omits the old item (dynalite)'}`, async () => {
    const fields = withId();
    await resolveOk('createMemo', { input: fields });
    const counter = countDynamoCalls();

    await resolveOk('createMemo', { input: fields });

    expect(counter.calls).toEqual(storeReturnsOldItemOnConditionFailure ? { PutItem: 1 } : { PutItem: 1, GetItem: 1 });
  });
});
