import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseTags } from '../../resolvers/lib/memoRules.js';
import { MEMO_LIMITS } from '../../resolvers/lib/validation.js';
import type { MemoRecord } from '../../resolvers/store/memoStore.js';
import { createMemoTable } from '../helpers/memoTable.js';
import { resolveField, resolveOk, type FieldName } from '../helpers/resolveField.js';
import { tableSnapshot } from '../helpers/tableSnapshot.js';

const EXISTING = '{existing}'; // replaced by the id of a memo created in beforeAll
const LONE_SURROGATE = 'broken \ud800 text';
const tags = (count: number) => Array.from({ length: count }, (_, i) => `tag${i}`);
const chars = (count: number) => '😀'.repeat(count); // astral: 2 UTF-16 units, 1 character, 4 bytes

let existing: MemoRecord;

beforeAll(async () => {
  await createMemoTable();
  existing = await resolveOk('createMemo', { input: { title: 'keep', content: 'keep me', tags: ['keep'] } });
});

/** [what is wrong, field called, arguments, the field the error must name] */
const badInputs: [string, FieldName, Record<string, unknown>, string][] = [
  // createMemo
  ['create without input', 'createMemo', {}, 'input'],
  ['create with input not an object', 'createMemo', { input: 'text' }, 'input'],
  ['create with input a list', 'createMemo', { input: [] }, 'input'],
  ['create without content', 'createMemo', { input: { title: 't' } }, 'input.content'],
  ['create with empty content', 'createMemo', { input: { content: '' } }, 'input.content'],
  ['create with blank content', 'createMemo', { input: { content: ' \n\t ' } }, 'input.content'],
  ['create with content a number', 'createMemo', { input: { content: 42 } }, 'input.content'],
  [
    'create with content 1 byte over 64 KiB',
    'createMemo',
    { input: { content: 'x'.repeat(MEMO_LIMITS.contentMaxBytes + 1) } },
    'input.content',
  ],
  [
    'create with multi-byte content over 64 KiB',
    'createMemo',
    { input: { content: 'é'.repeat(MEMO_LIMITS.contentMaxBytes / 2 + 1) } },
    'input.content',
  ],
  ['create with content holding a lone surrogate', 'createMemo', { input: { content: LONE_SURROGATE } }, 'input.content'],
  ['create with title of 201 characters', 'createMemo', { input: { content: 'c', title: chars(201) } }, 'input.title'],
  ['create with title an object', 'createMemo', { input: { content: 'c', title: { a: 1 } } }, 'input.title'],
  ['create with title holding a lone surrogate', 'createMemo', { input: { content: 'c', title: LONE_SURROGATE } }, 'input.title'],
  ['create with 21 tags', 'createMemo', { input: { content: 'c', tags: tags(21) } }, 'input.tags'],
  ['create with tags not a list', 'createMemo', { input: { content: 'c', tags: 'a,b' } }, 'input.tags'],
  ['create with an empty tag', 'createMemo', { input: { content: 'c', tags: ['ok', ''] } }, 'input.tags[1]'],
  ['create with a blank tag', 'createMemo', { input: { content: 'c', tags: ['  '] } }, 'input.tags[0]'],
  ['create with a tag of 51 characters', 'createMemo', { input: { content: 'c', tags: [chars(51)] } }, 'input.tags[0]'],
  ['create with a null tag', 'createMemo', { input: { content: 'c', tags: [null] } }, 'input.tags[0]'],
  ['create with a numeric tag', 'createMemo', { input: { content: 'c', tags: [7] } }, 'input.tags[0]'],
  ['create with a memoId that is not a UUID', 'createMemo', { input: { memoId: 'my-memo', content: 'c' } }, 'input.memoId'],
  ['create with a memoId a number', 'createMemo', { input: { memoId: 7, content: 'c' } }, 'input.memoId'],
  // memo
  ['get with a non-UUID memoId', 'memo', { memoId: 'abc' }, 'memoId'],
  ['get with an empty memoId', 'memo', { memoId: '' }, 'memoId'],
  ['get with a UUID plus trailing text', 'memo', { memoId: '00000000-0000-4000-8000-000000000000x' }, 'memoId'],
  ['get with memoId a number', 'memo', { memoId: 12 }, 'memoId'],
  ['get without memoId', 'memo', {}, 'memoId'],
  // updateMemo
  ['update with a non-UUID memoId', 'updateMemo', { input: { memoId: 'nope', content: 'x' } }, 'input.memoId'],
  ['update with nothing to change', 'updateMemo', { input: { memoId: EXISTING } }, 'input'],
  ['update with only expectedVersion', 'updateMemo', { input: { memoId: EXISTING, expectedVersion: 1 } }, 'input'],
  ['update with blank content', 'updateMemo', { input: { memoId: EXISTING, content: '   ' } }, 'input.content'],
  ['update with null content', 'updateMemo', { input: { memoId: EXISTING, content: null } }, 'input.content'],
  ['update with null tags', 'updateMemo', { input: { memoId: EXISTING, tags: null } }, 'input.tags'],
  [
    'update with expectedVersion 0',
    'updateMemo',
    { input: { memoId: EXISTING, content: 'x', expectedVersion: 0 } },
    'input.expectedVersion',
  ],
  [
    'update with negative expectedVersion',
    'updateMemo',
    { input: { memoId: EXISTING, content: 'x', expectedVersion: -1 } },
    'input.expectedVersion',
  ],
  [
    'update with fractional expectedVersion',
    'updateMemo',
    { input: { memoId: EXISTING, content: 'x', expectedVersion: 1.5 } },
    'input.expectedVersion',
  ],
  [
    'update with expectedVersion a string',
    'updateMemo',
    { input: { memoId: EXISTING, content: 'x', expectedVersion: '1' } },
    'input.expectedVersion',
  ],
  ['update with title of 201 characters', 'updateMemo', { input: { memoId: EXISTING, title: chars(201) } }, 'input.title'],
  ['update with 21 distinct tags', 'updateMemo', { input: { memoId: EXISTING, tags: tags(21) } }, 'input.tags'],
  [
    'update with content over 64 KiB',
    'updateMemo',
    { input: { memoId: EXISTING, content: 'x'.repeat(MEMO_LIMITS.contentMaxBytes + 1) } },
    'input.content',
  ],
  // deleteMemo
  ['delete with a non-UUID memoId', 'deleteMemo', { memoId: "1' OR '1'='1" }, 'memoId'],
  ['delete with expectedVersion 0', 'deleteMemo', { memoId: EXISTING, expectedVersion: 0 }, 'expectedVersion'],
  ['delete with an unsafe-integer expectedVersion', 'deleteMemo', { memoId: EXISTING, expectedVersion: 2 ** 60 }, 'expectedVersion'],
  // listMemos
  ['list with limit 0', 'listMemos', { limit: 0 }, 'limit'],
  ['list with limit 101', 'listMemos', { limit: 101 }, 'limit'],
  ['list with negative limit', 'listMemos', { limit: -5 }, 'limit'],
  ['list with fractional limit', 'listMemos', { limit: 2.5 }, 'limit'],
  ['list with a nextToken that is a number', 'listMemos', { nextToken: 5 }, 'nextToken'],
];

describe('bad input', () => {
  it(`covers at least 30 kinds (${badInputs.length})`, () => {
    expect(badInputs.length).toBeGreaterThanOrEqual(30);
  });

  it.each(badInputs)('rejects %s with a ValidationError and leaves the store unchanged', async (_case, field, args, namedField) => {
    const resolvedArgs = JSON.parse(JSON.stringify(args).replaceAll(EXISTING, existing.memoId)) as Record<string, unknown>;
    const before = await tableSnapshot();

    const outcome = await resolveField(field, resolvedArgs);

    expect(outcome).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: namedField } });
    expect(outcome.errorType && outcome.message).toMatch(new RegExp(`^${namedField.replace(/[[\].]/g, '\\$&')} `));
    expect(await tableSnapshot()).toBe(before);
  });
});

describe('tags', () => {
  it('are trimmed and kept once ignoring case, in the first spelling and first-seen order, on create and update', async () => {
    const created = await resolveOk('createMemo', { input: { content: 'c', tags: ['misc', ' Work ', 'Misc', 'MISC ', 'work', 'home'] } });
    expect(created.tags).toEqual(['misc', 'Work', 'home']);
    const updated = await resolveOk('updateMemo', { input: { memoId: created.memoId, tags: [' Home', 'home', 'HOME'] } });
    expect(updated.tags).toEqual(['Home']);
  });

  it('names the tag as sent when one is too long, counting it after trimming', async () => {
    const outcome = await resolveField('createMemo', { input: { content: 'c', tags: ['a', 'A', ` ${chars(51)}`] } });
    expect(outcome).toMatchObject({
      errorType: 'ValidationError',
      errorInfo: { field: 'input.tags[2]' },
      message: 'input.tags[2] must be at most 50 characters',
    });
  });
});

type MemoFields = { title?: string; content?: string; tags?: string[] };

describe('limits at their edge are accepted', () => {
  it.each<[string, MemoFields]>([
    ['a title of exactly 200 characters', { title: chars(200) }],
    ['content of exactly 64 KiB in UTF-8', { content: 'é'.repeat(MEMO_LIMITS.contentMaxBytes / 2) }],
    ['exactly 20 tags', { tags: tags(20) }],
    ['25 tags that are 20 after removing duplicates', { tags: [...tags(20), ...tags(5)] }],
    ['a tag of exactly 50 characters', { tags: [chars(50)] }],
    ['a one-character tag', { tags: ['x'] }],
    ['an empty title', { title: '' }],
    ['a tag of 50 characters with spaces around it', { tags: [` ${chars(50)} `] }],
    ['21 tags that are 20 when case is ignored', { tags: [...tags(20), 'TAG0'] }],
  ])('accepts %s on create and update', async (_case, fields) => {
    const created = await resolveOk('createMemo', { input: { content: 'c', ...fields } });
    expect(created).toMatchObject(fields.tags ? { tags: normaliseTags(fields.tags) } : fields);
    const updated = await resolveOk('updateMemo', { input: { memoId: created.memoId, content: 'c2', ...fields } });
    expect(updated.version).toBe(2);
  });

  it.each([1, 100])('accepts limit %i', async (limit) => {
    expect((await resolveOk<{ items: unknown[] }>('listMemos', { limit })).items).toBeInstanceOf(Array);
  });
});
