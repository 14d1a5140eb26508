import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VerifiedCaller } from '../../local/auth/verifiedCaller.js';
import type { MemoRecord } from '../../resolvers/store/memoStore.js';
import { iamCaller, userPoolCaller } from '../helpers/callers.js';
import { createMemoTable } from '../helpers/memoTable.js';
import { resolveField, resolveOk, type FieldName } from '../helpers/resolveField.js';
import { tableSnapshot } from '../helpers/tableSnapshot.js';

const alice = userPoolCaller('a11ce000-0000-4000-8000-0000000000a1', 'alice');
const bob = userPoolCaller('b0b00000-0000-4000-8000-0000000000b2', 'bob');
const SECRET = 'alice-only: the safe code is 4721';
const MISSING = '00000000-0000-4000-8000-00000000dead';

let memo: MemoRecord;
let aliceToken: string;

beforeAll(async () => {
  await createMemoTable();
  memo = await resolveOk(
    'createMemo',
    { input: { memoId: crypto.randomUUID(), title: SECRET, content: SECRET, tags: ['private'] } },
    alice,
  );
  await resolveOk('updateMemo', { input: { memoId: memo.memoId, tags: ['private', 'v2'] } }, alice);
  memo = (await resolveOk<MemoRecord | null>('memo', { memoId: memo.memoId }, alice))!;
  await resolveOk('createMemo', { input: { content: 'another of alice' } }, alice);
  aliceToken = (await resolveOk<{ nextToken: string }>('listMemos', { limit: 1 }, alice)).nextToken;
});

let before: string;
beforeEach(async () => {
  before = await tableSnapshot();
});

/** [what bob tries, field, arguments] */
type Attempt = [string, FieldName, () => Record<string, unknown>];

const readsAndWrites: Attempt[] = [
  ['update her content', 'updateMemo', () => ({ input: { memoId: memo.memoId, content: 'mine now' } })],
  ['remove her title', 'updateMemo', () => ({ input: { memoId: memo.memoId, title: null } })],
  ['replace her tags', 'updateMemo', () => ({ input: { memoId: memo.memoId, tags: ['bob'] } })],
  [
    'update with her current version',
    'updateMemo',
    () => ({ input: { memoId: memo.memoId, content: 'x', expectedVersion: memo.version } }),
  ],
  ['update with a stale version', 'updateMemo', () => ({ input: { memoId: memo.memoId, content: 'x', expectedVersion: 1 } })],
  ['update with a future version', 'updateMemo', () => ({ input: { memoId: memo.memoId, content: 'x', expectedVersion: 99 } })],
  ['update with her id upper-cased', 'updateMemo', () => ({ input: { memoId: memo.memoId.toUpperCase(), content: 'x' } })],
  ['delete it', 'deleteMemo', () => ({ memoId: memo.memoId })],
  ['delete with her current version', 'deleteMemo', () => ({ memoId: memo.memoId, expectedVersion: memo.version })],
  ['delete with a stale version', 'deleteMemo', () => ({ memoId: memo.memoId, expectedVersion: 1 })],
  ['delete with her id upper-cased', 'deleteMemo', () => ({ memoId: memo.memoId.toUpperCase() })],
];

describe("one user cannot read, list, change or delete another user's memo", () => {
  it.each([
    ['get it', { memoId: () => memo.memoId }],
    ['get it by an upper-cased id', { memoId: () => memo.memoId.toUpperCase() }],
  ])('bob cannot %s: null, exactly as for a memo that does not exist', async (_case, args) => {
    expect(await resolveField('memo', { memoId: args.memoId() }, bob)).toEqual({ data: null });
    expect(await resolveField('memo', { memoId: MISSING }, bob)).toEqual({ data: null });
  });

  it.each(readsAndWrites)(
    'bob cannot %s: MemoNotFound, as for a missing memo, store unchanged, nothing leaked',
    async (_case, field, args) => {
      const outcome = await resolveField(field, args(), bob);
      expect(outcome).toEqual({
        errorType: 'MemoNotFound',
        message: `Memo ${memo.memoId} does not exist`,
        errorInfo: { memoId: memo.memoId },
      });
      // The same answer, word for word, as for an id nobody has.
      const missing = JSON.stringify(args()).replaceAll(memo.memoId, MISSING).replaceAll(memo.memoId.toUpperCase(), MISSING);
      expect(JSON.stringify(await resolveField(field, JSON.parse(missing), bob)).replaceAll(MISSING, memo.memoId)).toBe(
        JSON.stringify(outcome),
      );
      expect(await tableSnapshot()).toBe(before);
    },
  );

  it.each([
    ['re-create her memo under her id, same fields', () => ({ memoId: memo.memoId, title: SECRET, content: SECRET, tags: memo.tags })],
    ['create a memo of his own under her id', () => ({ memoId: memo.memoId, content: 'bob was here' })],
  ])('bob cannot %s: MemoAlreadyExists without her version or content, store unchanged', async (_case, input) => {
    const outcome = await resolveField('createMemo', { input: input() }, bob);
    expect(outcome).toEqual({
      errorType: 'MemoAlreadyExists',
      message: `Memo id ${memo.memoId} is taken; choose a new memoId`,
      errorInfo: { memoId: memo.memoId, currentVersion: null },
    });
    expect(await tableSnapshot()).toBe(before);
  });

  it.each([
    ['create a memo owned by alice', 'createMemo', () => ({ input: { content: 'planted', ownerId: alice.identity.sub } })],
    ['create a memo naming himself as owner', 'createMemo', () => ({ input: { content: 'x', ownerId: bob.identity.sub } })],
    ["list alice's memos by naming her", 'listMemos', () => ({ ownerId: alice.identity.sub })],
  ] as Attempt[])('bob cannot %s: Unauthorized, store unchanged', async (_case, field, args) => {
    const outcome = await resolveField(field, args(), bob);
    expect(outcome).toMatchObject({
      errorType: 'Unauthorized',
      message: expect.stringMatching(/^Not Authorized to access \w+ on type (Query|Mutation): /),
    });
    expect(JSON.stringify(outcome)).not.toContain(SECRET);
    expect(await tableSnapshot()).toBe(before);
  });

  it("bob cannot page through alice's list with her nextToken", async () => {
    expect(await resolveField('listMemos', { limit: 1, nextToken: aliceToken }, bob)).toMatchObject({
      errorType: 'ValidationError',
      errorInfo: { field: 'nextToken' },
    });
  });

  it("bob's own list never holds alice's memos", async () => {
    await resolveOk('createMemo', { input: { content: 'bob memo' } }, bob);
    const { items } = await resolveOk<{ items: MemoRecord[] }>('listMemos', { limit: 100 }, bob);
    expect(items.map((item) => item.content)).toEqual(['bob memo']);
    expect(items.every((item) => item.ownerId === bob.identity.sub)).toBe(true);
  });

  it('50 racing updates and 10 racing deletes by bob all fail with MemoNotFound, and her memo is untouched', async () => {
    const outcomes = await Promise.all([
      ...Array.from({ length: 50 }, (_, i) =>
        resolveField('updateMemo', { input: { memoId: memo.memoId, content: `race ${i}`, expectedVersion: memo.version } }, bob),
      ),
      ...Array.from({ length: 10 }, () => resolveField('deleteMemo', { memoId: memo.memoId }, bob)),
    ]);
    expect(outcomes.every((outcome) => outcome.errorType === 'MemoNotFound')).toBe(true);
    expect(await tableSnapshot()).toBe(before);
  });

  it.each(['memo', 'listMemos', 'createMemo', 'updateMemo', 'deleteMemo'] as const)(
    'a caller with no user-pool or IAM identity (an API key) gets Unauthorized from %s, store unchanged',
    async (field) => {
      const anonymous: VerifiedCaller = { authMode: 'AMAZON_COGNITO_USER_POOLS', identity: null as never };
      const args = {
        memo: { memoId: memo.memoId },
        listMemos: {},
        createMemo: { input: { content: 'x' } },
        updateMemo: { input: { memoId: memo.memoId, content: 'x' } },
        deleteMemo: { memoId: memo.memoId },
      }[field];
      expect(await resolveField(field, args, anonymous)).toMatchObject({ errorType: 'Unauthorized' });
      expect(await tableSnapshot()).toBe(before);
    },
  );
});

describe('the owner and IAM callers', () => {
  it('alice sees her stale version as a VersionConflict: it is her memo', async () => {
    expect(await resolveField('updateMemo', { input: { memoId: memo.memoId, content: 'x', expectedVersion: 1 } }, alice)).toMatchObject({
      errorType: 'VersionConflict',
      errorInfo: { currentVersion: memo.version },
    });
  });

  it('an IAM caller reads, updates and deletes any memo by id, and creates for a named owner', async () => {
    const iam = iamCaller();
    const created = await resolveOk('createMemo', { input: { content: 'migrated', ownerId: alice.identity.sub } }, iam);
    expect(created.ownerId).toBe(alice.identity.sub);
    expect(await resolveOk('memo', { memoId: created.memoId }, alice)).toEqual(created);
    expect(await resolveOk('memo', { memoId: created.memoId }, iam)).toEqual(created);
    const updated = await resolveOk(
      'updateMemo',
      { input: { memoId: created.memoId, content: 'fixed by support', expectedVersion: 1 } },
      iam,
    );
    expect(updated).toMatchObject({ ownerId: alice.identity.sub, version: 2 });
    expect(await resolveOk('deleteMemo', { memoId: created.memoId }, iam)).toEqual(updated);
  });

  it.each([
    ['without an owner', { content: 'x' }, 'input.ownerId is required for IAM callers'],
    ['with an owner that is not a sub', { content: 'x', ownerId: 'alice' }, 'input.ownerId must be a user-pool sub (a UUID)'],
  ])('refuses an IAM create %s with a ValidationError, store unchanged', async (_case, input, message) => {
    expect(await resolveField('createMemo', { input }, iamCaller())).toMatchObject({ errorType: 'ValidationError', message });
    expect(await tableSnapshot()).toBe(before);
  });
});
