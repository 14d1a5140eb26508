import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VerifiedCaller } from '../../local/auth/verifiedCaller.js';
import type { MemoChangePage, MemoRecord } from '../../resolvers/store/memoStore.js';
import { FEED_OVERLAP_MS } from '../../resolvers/store/memoFeed.js';
import { iamCaller, userPoolCaller } from '../helpers/callers.js';
import { countDynamoCalls } from '../helpers/countRequests.js';
import { createMemoTable } from '../helpers/memoTable.js';
import { resolveField, resolveOk } from '../helpers/resolveField.js';
import { tableSnapshot } from '../helpers/tableSnapshot.js';
import { testMemoStore } from '../helpers/testStore.js';

beforeAll(createMemoTable);

const newUser = (name: string) => userPoolCaller(randomUUID(), name);
const subOf = (caller: VerifiedCaller) => (caller.identity as { sub: string }).sub;

/** A client's replica: the change with the higher version wins, as docs/offline.md tells clients. */
type Replica = Map<string, { version: number; memo: MemoRecord | null }>;

function apply(replica: Replica, page: MemoChangePage): void {
  for (const change of page.changes) {
    const known = replica.get(change.memoId);
    if (!known || known.version < change.version) replica.set(change.memoId, { version: change.version, memo: change.memo });
  }
}

/** Pulls until nothing more is waiting: what a client does on start and on reconnect. */
async function pull(caller: VerifiedCaller, replica: Replica, cursor: string | null, limit = 20, extra = {}): Promise<string> {
  let next = cursor;
  for (let pages = 0; pages < 100; pages++) {
    const page = await resolveOk<MemoChangePage>('memoChanges', { cursor: next, limit, ...extra }, caller);
    expect(page.changes.length).toBeLessThanOrEqual(limit);
    apply(replica, page);
    next = page.cursor;
    if (!page.hasMore) return next;
  }
  throw new Error('the feed never said it was done');
}

const liveMemos = (replica: Replica) =>
  [...replica.values()]
    .map((entry) => entry.memo)
    .filter((memo) => memo !== null)
    .sort((a, b) => a.memoId.localeCompare(b.memoId));
const byId = (memos: MemoRecord[]) => memos.slice().sort((a, b) => a.memoId.localeCompare(b.memoId));

describe('memoChanges', () => {
  it('without a cursor syncs every live memo, page by page, then says it is done', async () => {
    const alice = newUser('alice');
    const memos: MemoRecord[] = [];
    for (let i = 0; i < 7; i++) memos.push(await resolveOk('createMemo', { input: { content: `memo ${i}` } }, alice));
    const gone = memos.pop()!;
    await resolveOk('deleteMemo', { memoId: gone.memoId }, alice);

    const replica: Replica = new Map();
    await pull(alice, replica, null, 3);
    expect(liveMemos(replica)).toEqual(byId(memos));
  });

  it('delivers creates, updates and deletes after the cursor; a delete as deleted with no memo', async () => {
    const alice = newUser('alice');
    const kept = await resolveOk('createMemo', { input: { content: 'kept' } }, alice);
    const changed = await resolveOk('createMemo', { input: { content: 'changed' } }, alice);
    const removed = await resolveOk('createMemo', { input: { content: 'removed' } }, alice);
    const replica: Replica = new Map();
    const cursor = await pull(alice, replica, null);

    const added = await resolveOk('createMemo', { input: { content: 'added' } }, alice);
    const updated = await resolveOk('updateMemo', { input: { memoId: changed.memoId, content: 'v2' } }, alice);
    await resolveOk('deleteMemo', { memoId: removed.memoId }, alice);
    const page = await resolveOk<MemoChangePage>('memoChanges', { cursor }, alice);

    expect(page.changes.find((change) => change.memoId === removed.memoId)).toMatchObject({
      deleted: true,
      memo: null,
      version: removed.version + 1,
    });
    expect(page.changes.find((change) => change.memoId === updated.memoId)).toMatchObject({ deleted: false, memo: updated, version: 2 });
    const changedAts = page.changes.map((change) => change.changedAt);
    expect(changedAts).toEqual(changedAts.slice().sort()); // oldest change first
    apply(replica, page);
    expect(liveMemos(replica)).toEqual(byId([kept, updated, added]));
  });

  it('pages by limit: every page full while hasMore, each one Query', async () => {
    const alice = newUser('alice');
    const replica: Replica = new Map();
    const cursor = await pull(alice, replica, null);
    for (let i = 0; i < 7; i++) await resolveOk('createMemo', { input: { content: `memo ${i}` } }, alice);

    const counter = countDynamoCalls();
    const sizes: number[] = [];
    let next: string | null = cursor;
    let hasMore = true;
    while (hasMore) {
      const page: MemoChangePage = await resolveOk('memoChanges', { cursor: next, limit: 3 }, alice);
      sizes.push(page.changes.length);
      ({ cursor: next, hasMore } = page);
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(counter.calls).toEqual({ Query: sizes.length });
  });

  it('still delivers a write committed with a changedAt older than the last read (a slow or late-clocked writer)', async () => {
    const alice = newUser('alice');
    const store = testMemoStore();
    const start = Date.now() + 10 * 60_000; // read "later", so the overlap window is all that can catch the write
    const first = await store.memoChangesOf(subOf(alice), 20, null, new Date(start));
    let page = await store.memoChangesOf(subOf(alice), 20, first.cursor, new Date(start));
    expect(page).toMatchObject({ changes: [], hasMore: false });

    // Committed after that read, stamped 20 s before it (changedAt taken before a slow commit, or a clock behind).
    const stampedAt = new Date(start - 20_000).toISOString();
    const late: MemoRecord = {
      memoId: randomUUID(),
      ownerId: subOf(alice),
      title: null,
      content: 'late',
      tags: [],
      createdAt: stampedAt,
      updatedAt: stampedAt,
      version: 1,
    };
    await store.putNewMemo(late);

    page = await store.memoChangesOf(subOf(alice), 20, page.cursor, new Date(start + 1_000));
    expect(page.changes).toEqual([{ memoId: late.memoId, version: 1, changedAt: stampedAt, deleted: false, memo: late }]);
    // The window is bounded: once the pull starts past the overlap, the write is not sent again.
    page = await store.memoChangesOf(subOf(alice), 20, page.cursor, new Date(start + FEED_OVERLAP_MS + 1_000));
    page = await store.memoChangesOf(subOf(alice), 20, page.cursor, new Date(start + FEED_OVERLAP_MS + 2_000));
    expect(page.changes).toEqual([]);
  });

  it('answers SyncExpired for a cursor older than the tombstone retention, store unchanged', async () => {
    const alice = newUser('alice');
    const store = testMemoStore();
    const longAgo = new Date(Date.now() - 31 * 86_400_000);
    const full = await store.memoChangesOf(subOf(alice), 20, null, longAgo);
    const feed = await store.memoChangesOf(subOf(alice), 20, full.cursor, longAgo);
    const before = await tableSnapshot();
    for (const cursor of [full.cursor, feed.cursor]) {
      expect(await resolveField('memoChanges', { cursor }, alice)).toMatchObject({
        errorType: 'SyncExpired',
        errorInfo: { retentionDays: 30 },
      });
    }
    expect(await tableSnapshot()).toBe(before);
  });
});

describe('memoChanges refuses cursors it did not issue for this owner', () => {
  const alice = newUser('alice');
  const bob = newUser('bob');
  let aliceCursors: string[];
  let aliceListToken: string;
  let aliceMemo: MemoRecord;

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) aliceMemo = await resolveOk('createMemo', { input: { content: `alice secret ${i}` } }, alice);
    const fullPage = await resolveOk<MemoChangePage>('memoChanges', { limit: 1 }, alice);
    const handover = await resolveOk<MemoChangePage>('memoChanges', { cursor: fullPage.cursor, limit: 20 }, alice);
    const feedPage = await resolveOk<MemoChangePage>('memoChanges', { cursor: handover.cursor, limit: 1 }, alice);
    aliceCursors = [fullPage.cursor, handover.cursor, feedPage.cursor];
    aliceListToken = (await resolveOk<{ nextToken: string }>('listMemos', { limit: 1 }, alice)).nextToken;
  });

  const tamper = (token: string) => token.slice(0, 5) + (token[5] === 'A' ? 'B' : 'A') + token.slice(6);
  const forge = (body: object) => `${Buffer.from(JSON.stringify(body)).toString('base64url')}.${'A'.repeat(22)}`;

  it.each([
    ['garbage', () => 'not a cursor'],
    ['an empty string', () => ''],
    ['a number', () => 42],
    ['a forged body', () => forge({ c: 1, owner: subOf(alice), kind: 'feed', after: '2000-01-01T00:00:00.000Z', origin: null })],
    ['a tampered cursor', () => tamper(aliceCursors[1]!)],
    ["a list page token for the owner's own list", () => aliceListToken],
  ])('refuses %s with ValidationError, store unchanged', async (_case, cursor) => {
    const before = await tableSnapshot();
    expect(await resolveField('memoChanges', { cursor: cursor() }, alice)).toMatchObject({
      errorType: 'ValidationError',
      errorInfo: { field: 'cursor' },
    });
    expect(await tableSnapshot()).toBe(before);
  });

  it('refuses a cursor as a list page token', async () => {
    expect(await resolveField('listMemos', { nextToken: aliceCursors[0] }, alice)).toMatchObject({ errorType: 'ValidationError' });
  });

  it('refuses 12 cross-user attempts: her cursors, tampered or not, and naming her as owner', async () => {
    const before = await tableSnapshot();
    const attempts = [
      ...aliceCursors.map((cursor) => ({ cursor })),
      ...aliceCursors.map((cursor) => ({ cursor, limit: 100 })),
      ...aliceCursors.map((cursor) => ({ cursor: tamper(cursor) })),
      { ownerId: subOf(alice) },
      { ownerId: subOf(alice), cursor: aliceCursors[1] },
      { ownerId: subOf(bob) },
    ];
    expect(attempts.length).toBeGreaterThanOrEqual(10);
    for (const args of attempts) {
      const outcome = await resolveField('memoChanges', args, bob);
      expect(['ValidationError', 'Unauthorized']).toContain(outcome.errorType);
      expect(JSON.stringify(outcome)).not.toContain('alice secret');
    }
    const replica: Replica = new Map();
    await pull(bob, replica, null);
    expect(replica.has(aliceMemo.memoId)).toBe(false);
    expect(await tableSnapshot()).toBe(before);
  });

  it('serves an IAM caller the owner it names, and requires one', async () => {
    expect(await resolveField('memoChanges', {}, iamCaller())).toMatchObject({
      errorType: 'ValidationError',
      errorInfo: { field: 'ownerId' },
    });
    const replica: Replica = new Map();
    await pull(iamCaller(), replica, null, 20, { ownerId: subOf(alice) });
    expect(replica.get(aliceMemo.memoId)?.memo).toEqual(aliceMemo);
    // Her cursor is bound to her, whoever presents it with another owner.
    expect(await resolveField('memoChanges', { ownerId: subOf(bob), cursor: aliceCursors[1] }, iamCaller())).toMatchObject({
      errorType: 'ValidationError',
    });
  });
});
