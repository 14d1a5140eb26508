import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { BENCH_PAGE_TOKEN_SECRET } from '../benchCaller.js';
import {
  createMemoStore,
  DEFAULT_TOMBSTONE_RETENTION_DAYS,
  EMULATOR_CREDENTIALS,
  type MemoRecord,
  type MemoStore,
} from '../resolverSeam.js';
import { recordConsumedCapacity, type CapacityRecorder, type ConsumedRequest } from './consumedCapacity.js';
import { agreedIndexedUnits, indexedUnits } from './indexedUnits.js';
import { createTableWithIndexes, deleteTable, emulatorClient } from './designTables.js';
import type { FeedLayout, FeedLayoutReads, FeedLayoutWrites, IndexedUnits, PagesRead } from './feedLayouts.js';
import { feedIndexPage, sharedIndexListPage } from './layoutQueries.js';
import { itemSizeBytes } from './itemSize.js';
import { PAGE_SIZE } from './indexDesigns.js';
import { sampleMemo, sizedMemoFields } from './sizedMemo.js';

export interface FeedLayoutRunOptions {
  sizesKb: readonly number[];
  /** Calls of each write per size; every one must consume the same units. */
  repeats: number;
  /** Memos of the owner whose list and feed are read (1 KB each). */
  memos: number;
  tombstoneShares: readonly number[];
}

/** The page memoChanges serves at most: a sync pulls pages of this many changes. */
export const FEED_PAGE_SIZE = 100;

/**
 * Measures one layout on a table of its own: the real store's writes (create, update, delete as a
 * tombstone) and the old DeleteItem, then an owner's list and feed pages with a share of the memos
 * deleted. Deletes come after the creates, as they do in life, so under the shared layout the
 * tombstones are the most recent changes: the head of a "recently changed first" list.
 */
export async function measureFeedLayout(
  endpoint: string,
  layout: FeedLayout,
  options: FeedLayoutRunOptions,
  prices: (reads: Omit<FeedLayoutReads, 'readHeavyMixPerMillion'>, writes: FeedLayoutWrites) => number,
): Promise<{ writes: FeedLayoutWrites[]; reads: FeedLayoutReads[] }> {
  const client = emulatorClient(endpoint);
  const tableName = `memoOffline-layout-${layout.indexes.length}-${randomUUID().slice(0, 8)}`;
  const store = createMemoStore({
    tableName,
    endpoint,
    region: 'us-east-1',
    credentials: EMULATOR_CREDENTIALS,
    pageTokenKey: BENCH_PAGE_TOKEN_SECRET,
    tombstoneRetentionDays: DEFAULT_TOMBSTONE_RETENTION_DAYS,
  });
  const recorder = recordConsumedCapacity(store.documentClient);
  try {
    await createTableWithIndexes(client, tableName, layout.indexes);
    const writes: FeedLayoutWrites[] = [];
    for (const kb of options.sizesKb) writes.push(await measureWrites(store, recorder, layout, kb, options.repeats));
    const reads: FeedLayoutReads[] = [];
    for (const share of options.tombstoneShares) {
      const measured = await measureReads(store, recorder, layout, options.memos, share);
      reads.push({ ...measured, readHeavyMixPerMillion: prices(measured, writes.find((row) => row.kb === 1) ?? writes[0]!) });
    }
    return { writes, reads };
  } finally {
    recorder.stop();
    store.destroy();
    await deleteTable(client, tableName);
    client.destroy();
  }
}

async function measureWrites(
  store: MemoStore,
  recorder: CapacityRecorder,
  layout: FeedLayout,
  kb: number,
  repeats: number,
): Promise<FeedLayoutWrites> {
  const calls = {
    create: [] as IndexedUnits[],
    update: [] as IndexedUnits[],
    tombstone: [] as IndexedUnits[],
    deleteItem: [] as IndexedUnits[],
  };
  const ownerId = randomUUID();
  recorder.take();
  let tombstoneBytes = 0;
  for (let i = 0; i < repeats; i++) {
    const created = await store.putNewMemo(sampleMemo(sizedMemoFields(kb), ownerId));
    calls.create.push(indexedUnits(recorder.take()));
    const content = sizedMemoFields(kb, 'y').content;
    const updated = await store.updateMemo(created.memoId, { content }, new Date().toISOString(), { ownerId, expectedVersion: 1 });
    calls.update.push(indexedUnits(recorder.take()));
    await store.deleteMemo(updated.memoId, new Date().toISOString(), { ownerId, expectedVersion: updated.version });
    calls.tombstone.push(indexedUnits(recorder.take()));
    const { Item } = await store.documentClient.send(new GetCommand({ TableName: store.tableName, Key: { memoId: updated.memoId } }));
    tombstoneBytes = itemSizeBytes(Item!);
    const doomed = await store.putNewMemo(sampleMemo(sizedMemoFields(kb), ownerId));
    recorder.take();
    await deleteItem(store, doomed);
    calls.deleteItem.push(indexedUnits(recorder.take()));
  }
  const agreed = (what: string, list: IndexedUnits[]) => agreedIndexedUnits(`${layout.name}: ${what} at ${kb} KB`, list);
  return {
    layout: layout.name,
    kb,
    create: agreed('create', calls.create),
    update: agreed('update', calls.update),
    tombstone: agreed('tombstone delete', calls.tombstone),
    deleteItem: agreed('DeleteItem', calls.deleteItem),
    tombstoneBytes,
  };
}

/** The delete before tombstones: one DeleteItem under the guard memoStore puts on every write. */
async function deleteItem(store: MemoStore, memo: MemoRecord): Promise<void> {
  await store.documentClient.send(
    new DeleteCommand({
      TableName: store.tableName,
      Key: { memoId: memo.memoId },
      ConditionExpression: 'attribute_exists(memoId) AND attribute_not_exists(#deletedAt) AND #ownerId = :ownerId AND #version = :version',
      ExpressionAttributeNames: { '#deletedAt': 'deletedAt', '#ownerId': 'ownerId', '#version': 'version' },
      ExpressionAttributeValues: { ':ownerId': memo.ownerId, ':version': memo.version },
      ReturnValues: 'ALL_OLD',
    }),
  );
}

async function measureReads(
  store: MemoStore,
  recorder: CapacityRecorder,
  layout: FeedLayout,
  memos: number,
  tombstoneShare: number,
): Promise<Omit<FeedLayoutReads, 'readHeavyMixPerMillion'>> {
  const ownerId = randomUUID();
  const created: MemoRecord[] = [];
  for (let i = 0; i < memos; i++) created.push(await store.putNewMemo(sampleMemo(sizedMemoFields(1), ownerId)));
  // Spread evenly over the creation order: memo i goes when the running share passes a whole number.
  const doomed = created.filter((_, i) => Math.floor((i + 1) * tombstoneShare) > Math.floor(i * tombstoneShare));
  for (const memo of doomed) await store.deleteMemo(memo.memoId, new Date().toISOString(), { ownerId, expectedVersion: 1 });
  recorder.take();
  const shared = layout.indexes.length === 1;
  const listPage = async (after: unknown): Promise<{ memos: number; queries: number; next: unknown }> => {
    if (shared) return sharedIndexListPage(store.documentClient, store.tableName, ownerId, after as Record<string, unknown> | undefined);
    const page = await store.listMemosOfOwner(ownerId, PAGE_SIZE, after as string | undefined);
    return { memos: page.items.length, queries: 1, next: page.nextToken ?? undefined };
  };
  const first = await listPage(undefined);
  const firstListPage = { ...pagesRead(recorder.take(), 1, first.queries), memos: first.memos };
  let listed = first.memos;
  let queries = first.queries;
  let pages = 1;
  for (let next = first.next; next !== undefined; pages++) {
    const page = await listPage(next);
    listed += page.memos;
    queries += page.queries;
    next = page.next;
  }
  const rest = pagesRead(recorder.take(), pages - 1, queries - first.queries);
  const wholeList = {
    pages,
    queries,
    itemsRead: firstListPage.itemsRead + rest.itemsRead,
    readUnits: firstListPage.readUnits + rest.readUnits,
    memos: listed,
  };
  const changes = await feedIndexPage(store.documentClient, store.tableName, ownerId, FEED_PAGE_SIZE);
  const feedPage = { ...pagesRead(recorder.take(), 1, 1), changes };
  await store.getMemo(created.at(-1)!.memoId);
  const getItemUnits = pagesRead(recorder.take(), 0, 0).readUnits;
  if (listed !== memos - doomed.length) throw new Error(`${layout.name}: the list held ${listed} memos, not ${memos - doomed.length}`);
  return { layout: layout.name, memos, tombstoneShare, firstListPage, wholeList, feedPage, getItemUnits };
}

function pagesRead(requests: readonly ConsumedRequest[], pages: number, queries: number): PagesRead {
  const units = indexedUnits(requests);
  const readUnits = units.table.read + Object.values(units.indexes).reduce((sum, used) => sum + used.read, 0);
  return { pages, queries, itemsRead: requests.reduce((sum, request) => sum + (request.itemsRead ?? 0), 0), readUnits };
}
