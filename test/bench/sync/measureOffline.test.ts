import { randomUUID } from 'node:crypto';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../../../local/server.js';
import { emulatorClient } from '../../../bench/capacity/designTables.js';
import { allIndexes, type FeedLayoutName } from '../../../bench/capacity/feedLayouts.js';
import { measureOffline } from '../../../bench/sync/measureOffline.js';
import type { SyncSettings } from '../../../bench/sync/measureSync.js';
import { offlineReportLines } from '../../../bench/sync/offlineReport.js';
import { measureOutboxDrain } from '../../../bench/sync/outboxDrain.js';
import type { OfflineFigures, OutboxDrainFigures } from '../../../bench/sync/syncFigures.js';
import { deleteTestTable, TEST_STORE } from '../../helpers/testStore.js';

const endpoint = inject('dynamodbEndpoint');
// Small, so the file stays fast; the figures' shape and the units' proportions, never times.
const SETTINGS: SyncSettings = { syncSizes: [100, 250], users: 10, memosPerUser: 100, deltaChanges: 10 };
const DRAIN_EDITS = 20;
const apiTable = `memoTable-outboxDrain-${randomUUID()}`;
let figures: Omit<OfflineFigures, 'outboxDrain'>;
let drain: OutboxDrainFigures;
let tablesBefore: string[];
let api: LocalApi | undefined;

beforeAll(async () => {
  tablesBefore = await measurementTables();
  figures = await measureOffline({ quick: true, log: () => {}, store: { endpoint, description: TEST_STORE }, sync: SETTINGS });
  api = await startLocalApi({ dynamodbEndpoint: endpoint, tableName: apiTable, dataDir: null });
  drain = await measureOutboxDrain(api, DRAIN_EDITS);
}, 120_000);

afterAll(async () => {
  await api?.close();
  await deleteTestTable(apiTable);
});

async function measurementTables(): Promise<string[]> {
  const client = emulatorClient(endpoint);
  try {
    const { TableNames = [] } = await client.send(new ListTablesCommand({}));
    return TableNames.filter((name) => name.startsWith('memoOffline'));
  } finally {
    client.destroy();
  }
}

describe('measureOffline', () => {
  it('leaves no table behind', async () => {
    expect((await measurementTables()).filter((name) => !tablesBefore.includes(name))).toEqual([]);
  });

  it('syncs each owner in full through memoChanges: one Query per page of 100, then one for the hand-over to the feed', () => {
    expect(figures.fullSyncs.map((row) => row.memos)).toEqual(SETTINGS.syncSizes);
    for (const { memos, fullSync } of figures.fullSyncs) {
      expect(fullSync.received).toBe(memos);
      expect(fullSync.requests).toBe(Math.ceil(memos / 100) + 1);
      // Each page asks for one item more than it holds, so a page reads at most one memo twice.
      expect(fullSync.itemsRead).toBeGreaterThanOrEqual(memos);
      expect(fullSync.itemsRead).toBeLessThanOrEqual(memos + Math.ceil(memos / 100));
    }
  });

  it('pulls a delta of 10 changes in one Query, for as many units whatever the owner holds', () => {
    const deltas = figures.fullSyncs.map((row) => row.delta);
    for (const delta of deltas)
      expect(delta).toMatchObject({ requests: 1, received: SETTINGS.deltaChanges, itemsRead: SETTINGS.deltaChanges });
    expect(new Set(deltas.map((delta) => delta.readUnits)).size).toBe(1);
    const [smallest] = figures.fullSyncs;
    expect(deltas[0]!.readUnits).toBeLessThan(smallest!.fullSync.readUnits);
  });

  it("reads the whole table with DataStore's filtered Scan, about users × as many units as our owner Query", () => {
    const { scan, ownerQuery, users, memosPerUser, scanPageSize } = figures.dataStore;
    const tableItems = users * memosPerUser;
    expect(scan.itemsRead).toBe(tableItems);
    expect(scan.received).toBe(memosPerUser);
    expect(scan.requests).toBeGreaterThanOrEqual(Math.ceil(tableItems / scanPageSize));
    expect(ownerQuery).toMatchObject({ received: memosPerUser, requests: Math.ceil(memosPerUser / 100) + 1 });
    // Query pages read one memo more than they hold and round their units apiece: a little over 1/users of the Scan's.
    expect(figures.dataStore.readUnitRatio).toBeGreaterThanOrEqual(0.9 * users);
    expect(figures.dataStore.readUnitRatio).toBeLessThanOrEqual(1.1 * users);
    expect(figures.load.items).toBe(tableItems);
  });

  it("drains the SDK offline store's queued creates through the local runtime, each sent once", () => {
    expect(drain).toMatchObject({ status: 'measured', edits: DRAIN_EDITS, createsSent: DRAIN_EDITS });
    // The creates, and the catch-up's memoChanges pull(s) around them.
    expect(drain.requests).toBeGreaterThan(DRAIN_EDITS);
  });

  it('prints every part', () => {
    const printed = offlineReportLines({ ...figures, outboxDrain: drain }).join('\n');
    for (const part of ['a) Index layout', 'c) Full sync', "d) One user's full sync", 'e) Outbox drain']) expect(printed).toContain(part);
    expect(JSON.parse(JSON.stringify(figures))).toEqual(figures);
  });
});

describe.runIf(TEST_STORE === 'dynalite')('measureOffline on dynalite', () => {
  it('skips the index layouts, saying why: no index units on writes', () => {
    expect(figures.feedLayouts).toMatchObject({ status: 'skipped', writes: [], reads: [] });
    expect(figures.feedLayouts.skippedReason).toContain('GlobalSecondaryIndexes is missing');
  });
});

describe.runIf(TEST_STORE === 'dynamodb-local')('measureOffline on DynamoDB Local', () => {
  const writes = (layout: FeedLayoutName, kb: number) => figures.feedLayouts.writes.find((row) => row.layout === layout && row.kb === kb)!;
  const reads = (layout: FeedLayoutName, share: number) =>
    figures.feedLayouts.reads.find((row) => row.layout === layout && row.tombstoneShare === share)!;

  it.each([1, 4, 64])('writes one index entry more per call with two indexes than with one, at %i KB', (kb) => {
    const [two, one] = [writes('two indexes', kb), writes('one shared index', kb)];
    expect(Object.keys(two.create.indexes).sort()).toEqual(['byOwner', 'byOwnerChange']);
    expect(Object.keys(one.create.indexes)).toEqual(['byOwnerChange']);
    // The owner index's entry keeps its key on an update (one write of the item) and goes on a delete.
    for (const call of ['create', 'update', 'tombstone'] as const) {
      expect(allIndexes(two[call]).write - allIndexes(one[call]).write).toBe(two[call].indexes.byOwner!.write);
      expect(two[call].table).toEqual(one[call].table);
    }
  });

  it('pays one feed-index write more for a tombstone than for the old DeleteItem: the tombstone’s new entry', () => {
    const row = writes('two indexes', 1);
    expect(row.tombstone.indexes.byOwnerChange!.write).toBe(row.deleteItem.indexes.byOwnerChange!.write + 1);
    expect(row.tombstone.indexes.byOwner).toEqual(row.deleteItem.indexes.byOwner);
    expect(row.tombstoneBytes).toBeLessThan(1024);
  });

  it('reads a first list page in one Query with two indexes whatever was deleted; the shared index needs more as tombstones pile up', () => {
    for (const share of [0, 0.1, 0.5]) expect(reads('two indexes', share).firstListPage).toMatchObject({ queries: 1, memos: 20 });
    expect(reads('one shared index', 0).firstListPage.queries).toBe(1);
    expect(reads('one shared index', 0.5).firstListPage.queries).toBeGreaterThan(1);
    expect(reads('one shared index', 0.5).firstListPage.readUnits).toBeGreaterThan(reads('two indexes', 0.5).firstListPage.readUnits);
    expect(figures.feedLayouts.verdict.map((row) => row.tombstoneShare)).toEqual([0, 0.1, 0.5]);
  });
});
