import {
  CreateMemoDocument,
  DeleteMemoDocument,
  GetMemoDocument,
  ListMemosDocument,
  SearchMemosDocument,
  UpdateMemoDocument,
  type MemoClient,
} from '@memo-api/client';
import { dataOf, eventually, typedErrorOf } from './apiResults.js';
import { CheckFailed, expectThat } from './checkRows.js';
import type { VerifyContext } from './verifyContext.js';

/** The memo the checks work on: user A's, at its current version. */
export interface MemoUnderTest {
  readonly memoId: string;
  version: number;
}

/**
 * Create, read, update (current and stale version), list, and isolation from user B, each one
 * row. Returns A's memo for the checks after, or undefined when it could not be created.
 */
export async function memoChecks(context: VerifyContext): Promise<MemoUnderTest | undefined> {
  const { a, rows } = context;
  let memo: MemoUnderTest | undefined;
  const onMemo = (check: (memo: MemoUnderTest) => Promise<string | void>) => () => {
    if (!memo) throw new CheckFailed('not run: the memo could not be created');
    return check(memo);
  };

  await rows.run('create', async () => {
    const input = { content: `Deployment check ${context.word}`, tags: ['verify'] };
    const { createMemo } = dataOf(await a.client.request(CreateMemoDocument, { input }), 'createMemo');
    context.created.push({ owner: a.client, memoId: createMemo.memoId });
    expectThat(createMemo.ownerId === a.user.sub, `ownerId is ${createMemo.ownerId}, not the creator's sub ${a.user.sub}`);
    expectThat(createMemo.version === 1, `a new memo is at version ${createMemo.version}, not 1`);
    memo = { memoId: createMemo.memoId, version: createMemo.version };
  });
  await rows.run(
    'read',
    onMemo(async ({ memoId }) => {
      const { memo: read } = dataOf(await a.client.request(GetMemoDocument, { memoId }), 'memo');
      expectThat(read?.content === `Deployment check ${context.word}`, `memo(${memoId}) did not return what was created`);
    }),
  );
  await rows.run(
    'update with the current version',
    onMemo(async (current) => {
      const input = { memoId: current.memoId, title: 'Checked', expectedVersion: current.version };
      const { updateMemo } = dataOf(await a.client.request(UpdateMemoDocument, { input }), 'updateMemo');
      expectThat(updateMemo.version === current.version + 1, `the version went to ${updateMemo.version}, not ${current.version + 1}`);
      current.version = updateMemo.version;
    }),
  );
  await rows.run(
    'update with a stale version is a VersionConflict',
    onMemo(async (current) => {
      const input = { memoId: current.memoId, title: 'Stale', expectedVersion: current.version - 1 };
      const error = typedErrorOf(await a.client.request(UpdateMemoDocument, { input }), 'a stale updateMemo');
      expectThat(error.errorType === 'VersionConflict', `the error is ${error.errorType}, not VersionConflict`);
      expectThat(error.errorInfo.currentVersion === current.version, `errorInfo.currentVersion is ${error.errorInfo.currentVersion}`);
    }),
  );
  await rows.run(
    'list contains it',
    onMemo(async ({ memoId }) => {
      const found = await eventually(async () => listed(a.client, memoId), context.timings.indexMs);
      expectThat(found, `listMemos did not contain ${memoId} within ${context.timings.indexMs} ms`);
    }),
  );
  await isolationChecks(context, onMemo);
  return memo;
}

/** User B must not see, change or delete A's memo, and B's list must not hold it. */
async function isolationChecks(
  { a, b, rows }: VerifyContext,
  onMemo: (check: (memo: MemoUnderTest) => Promise<string | void>) => () => Promise<string | void>,
): Promise<void> {
  await rows.run(
    'isolation: B cannot read it',
    onMemo(async ({ memoId }) => {
      const { memo } = dataOf(await b.client.request(GetMemoDocument, { memoId }), "B's memo");
      expectThat(memo === null, "B read A's memo");
    }),
  );
  await rows.run(
    'isolation: B cannot update it',
    onMemo(async ({ memoId }) => {
      const error = typedErrorOf(await b.client.request(UpdateMemoDocument, { input: { memoId, content: 'Not yours' } }), "B's updateMemo");
      expectThat(error.errorType === 'MemoNotFound', `the error is ${error.errorType}, not MemoNotFound`);
    }),
  );
  await rows.run(
    'isolation: B cannot delete it',
    onMemo(async (memo) => {
      const error = typedErrorOf(await b.client.request(DeleteMemoDocument, { memoId: memo.memoId }), "B's deleteMemo");
      expectThat(error.errorType === 'MemoNotFound', `the error is ${error.errorType}, not MemoNotFound`);
      const { memo: stillThere } = dataOf(await a.client.request(GetMemoDocument, { memoId: memo.memoId }), 'memo');
      expectThat(stillThere?.version === memo.version, "A's memo changed after B's attempts");
    }),
  );
  await rows.run(
    "isolation: B's list lacks it",
    onMemo(async ({ memoId }) => expectThat(!(await listed(b.client, memoId)), "B's listMemos holds A's memo")),
  );
}

/** Whether the caller's first page of 100 (newest first: a fresh user's whole list) holds the memo. */
async function listed(client: MemoClient, memoId: string, ownerId?: string): Promise<boolean> {
  const { listMemos } = dataOf(await client.request(ListMemosDocument, { limit: 100, ...(ownerId ? { ownerId } : {}) }), 'listMemos');
  return listMemos.items.some((item) => item.memoId === memoId);
}

/** Search finds A's memo by its word for A only, and an IAM call naming A as owner lists it. */
export async function searchAndIamChecks(context: VerifyContext, memo: MemoUnderTest | undefined): Promise<void> {
  const { a, b, iam, rows, word, timings } = context;
  const onMemo = (check: (memo: MemoUnderTest) => Promise<void>) => () => {
    if (!memo) throw new CheckFailed('not run: the memo could not be created');
    return check(memo);
  };
  const found = async (client: MemoClient, memoId: string) => {
    const { searchMemos } = dataOf(await client.request(SearchMemosDocument, { query: word, limit: 100 }), 'searchMemos');
    return searchMemos.items.some((item) => item.memoId === memoId);
  };
  await rows.run(
    'search finds it for A',
    onMemo(async ({ memoId }) => {
      const hit = await eventually(() => found(a.client, memoId), timings.indexMs);
      expectThat(hit, `searchMemos("${word}") did not find ${memoId} within ${timings.indexMs} ms`);
    }),
  );
  await rows.run(
    'search does not find it for B',
    onMemo(async ({ memoId }) => expectThat(!(await found(b.client, memoId)), `B's searchMemos("${word}") found A's memo`)),
  );
  await rows.run(
    'IAM call (SigV4) lists it with ownerId',
    onMemo(async ({ memoId }) => {
      const hit = await eventually(() => listed(iam, memoId, a.user.sub), timings.indexMs);
      expectThat(hit, `listMemos(ownerId: A) over IAM did not contain ${memoId} within ${timings.indexMs} ms`);
    }),
  );
}
