import { validate as isUuid, version as uuidVersion } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { getMemo } from '../../resolvers/store/memoStore.js';
import { countDynamoCalls } from '../helpers/countRequests.js';
import { createMemoTable } from '../helpers/memoTable.js';
import { resolveOk } from '../helpers/resolveField.js';

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
    expect(await getMemo(memo.memoId)).toEqual(memo);
  });

  it('defaults tags to [] and title to null', async () => {
    const memo = await resolveOk('createMemo', { input: { content: 'bare' } });
    expect(memo.tags).toEqual([]);
    expect(memo.title).toBeNull();
    expect(await getMemo(memo.memoId)).toMatchObject({ tags: [], title: null });
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
    const stored = await getMemo(memo.memoId);
    expect(stored?.title).toBe(text);
    expect(stored?.content).toBe(text);
    expect(stored?.tags).toEqual([tag]);
  });
});
