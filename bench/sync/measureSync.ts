import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BENCH_PAGE_TOKEN_SECRET } from '../benchCaller.js';
import { recordConsumedCapacity } from '../capacity/consumedCapacity.js';
import { deleteTable, emulatorClient } from '../capacity/designTables.js';
import { itemSizeBytes } from '../capacity/itemSize.js';
import { sampleMemo, sizedMemoFields } from '../capacity/sizedMemo.js';
import {
  createMemoStore,
  DEFAULT_TOMBSTONE_RETENTION_DAYS,
  EMULATOR_CREDENTIALS,
  ensureMemoTable,
  toItem,
  type MemoStore,
  type StoreConfig,
} from '../resolverSeam.js';
import { bulkLoad, type LoadFigures } from './bulkLoad.js';
import { dataStoreBaseSync, DATASTORE_SYNC_PAGE_SIZE } from './dataStoreScan.js';
import { feedClient } from './handlerSync.js';
import type { DataStoreComparison, FullSyncRow } from './syncFigures.js';

export interface SyncSettings {
  /** One owner each, synced in full through memoChanges. */
  syncSizes: readonly number[];
  /** The DataStore comparison's table: this many users with this many memos each. */
  users: number;
  memosPerUser: number;
  /** Changes made after a full sync, then pulled. */
  deltaChanges: number;
}

export const SYNC_SETTINGS: SyncSettings = { syncSizes: [100, 1000, 10_000], users: 100, memosPerUser: 1000, deltaChanges: 10 };
export const SYNC_QUICK_SETTINGS: SyncSettings = { syncSizes: [100, 300], users: 10, memosPerUser: 100, deltaChanges: 10 };

const DAY_MS = 86_400_000;

/**
 * Full syncs of 1 KB memos through the real memoChanges handler (pages of 100) with a delta pull
 * after each, and DataStore's base sync (a filtered Scan) of one user of a users × memos table
 * beside our owner Query on that same table. The memos are written a day back, as a store's memos
 * are, so a sync's hand-over to the feed (its start minus the overlap window) finds none of them
 * again. Every table it creates is deleted before it returns or throws.
 */
export async function measureSync(
  endpoint: string,
  settings: SyncSettings,
  log: (line: string) => void,
): Promise<{ memoBytes: number; load: LoadFigures; fullSyncs: FullSyncRow[]; dataStore: DataStoreComparison }> {
  const client = emulatorClient(endpoint);
  const documents = DynamoDBDocumentClient.from(client);
  const fields = sizedMemoFields(1);
  const base = Date.now() - DAY_MS;
  const memosOf = (ownerId: string, count: number) =>
    Array.from({ length: count }, (_, i) => toItem(sampleMemo(fields, ownerId, new Date(base + i).toISOString())));
  const stores: MemoStore[] = [];
  const openStore = async (): Promise<MemoStore> => {
    const config = syncStoreConfig(endpoint);
    await ensureMemoTable(config);
    const store = createMemoStore(config);
    stores.push(store);
    return store;
  };
  try {
    const sizesStore = await openStore();
    const owners = settings.syncSizes.map((memos) => ({ ownerId: randomUUID(), memos }));
    const sizeItems = owners.flatMap(({ ownerId, memos }) => memosOf(ownerId, memos));
    log(`offline: loading ${sizeItems.length.toLocaleString('en-US')} memos for full syncs of ${settings.syncSizes.join(' / ')}…`);
    await bulkLoad(documents, sizesStore.tableName, sizeItems);
    const fullSyncs: FullSyncRow[] = [];
    for (const { ownerId, memos } of owners) fullSyncs.push(await syncAndDelta(sizesStore, ownerId, memos, settings.deltaChanges));

    const usersStore = await openStore();
    const users = Array.from({ length: settings.users }, () => randomUUID());
    const userItems = users.flatMap((ownerId) => memosOf(ownerId, settings.memosPerUser));
    log(`offline: loading ${settings.users} users × ${settings.memosPerUser} memos (BatchWriteItem, 8 in parallel)…`);
    const load = await bulkLoad(documents, usersStore.tableName, userItems);
    const dataStore = await compareWithDataStore(usersStore, users[0]!, settings);
    return { memoBytes: itemSizeBytes(userItems[0]!), load, fullSyncs, dataStore };
  } finally {
    for (const store of stores) store.destroy();
    await Promise.all(stores.map((store) => deleteTable(client, store.tableName)));
    client.destroy();
  }
}

async function syncAndDelta(store: MemoStore, ownerId: string, memos: number, deltaChanges: number): Promise<FullSyncRow> {
  const recorder = recordConsumedCapacity(store.documentClient);
  try {
    const feed = feedClient(store, ownerId);
    const full = await feed.pull(recorder);
    if (full.run.received !== memos) throw new Error(`a full sync of ${memos} memos received ${full.run.received}`);
    const { items } = await store.listMemosOfOwner(ownerId, deltaChanges);
    const content = sizedMemoFields(1, 'y').content;
    for (const memo of items)
      await store.updateMemo(memo.memoId, { content }, new Date().toISOString(), { ownerId, expectedVersion: memo.version });
    recorder.take();
    const delta = await feed.pull(recorder, full.cursor);
    return { memos, fullSync: full.run, delta: delta.run };
  } finally {
    recorder.stop();
  }
}

async function compareWithDataStore(store: MemoStore, ownerId: string, settings: SyncSettings): Promise<DataStoreComparison> {
  const recorder = recordConsumedCapacity(store.documentClient);
  try {
    const scan = await dataStoreBaseSync(store.documentClient, recorder, store.tableName, ownerId);
    const ownerQuery = (await feedClient(store, ownerId).pull(recorder)).run;
    if (scan.received !== settings.memosPerUser || ownerQuery.received !== settings.memosPerUser)
      throw new Error(`one user's sync received ${scan.received} (Scan) and ${ownerQuery.received} (Query), not ${settings.memosPerUser}`);
    return {
      users: settings.users,
      memosPerUser: settings.memosPerUser,
      scanPageSize: DATASTORE_SYNC_PAGE_SIZE,
      scan,
      ownerQuery,
      readUnitRatio: Math.round((scan.readUnits / ownerQuery.readUnits) * 10) / 10,
    };
  } finally {
    recorder.stop();
  }
}

function syncStoreConfig(endpoint: string): StoreConfig {
  return {
    tableName: `memoOffline-sync-${randomUUID().slice(0, 8)}`,
    endpoint,
    region: 'us-east-1',
    credentials: EMULATOR_CREDENTIALS,
    pageTokenKey: BENCH_PAGE_TOKEN_SECRET,
    tombstoneRetentionDays: DEFAULT_TOMBSTONE_RETENTION_DAYS,
  };
}
