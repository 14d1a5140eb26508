import type { FeedLayoutFigures } from '../capacity/feedLayouts.js';
import type { LoadFigures } from './bulkLoad.js';

export type { LoadFigures } from './bulkLoad.js';

/** What one sync run (a run of memoChanges pages, or of Scan pages) cost. */
export interface SyncRun {
  /** DynamoDB requests sent (each page is one). */
  requests: number;
  /** Read units, table and indexes together (ReturnConsumedCapacity). */
  readUnits: number;
  /** Items the requests read (ScannedCount), which the units are charged on. */
  itemsRead: number;
  /** Memos (or changes) the client received. */
  received: number;
  /** Wall time of the whole run, ms: through the handler for memoChanges. */
  ms: number;
}

/** A full sync of one owner's memos through the real memoChanges handler, then a pull of 10 changes made after it. */
export interface FullSyncRow {
  memos: number;
  fullSync: SyncRun;
  delta: SyncRun;
}

/** Amplify DataStore's base sync on the same store: a filtered Scan of the whole table, beside our owner Query. */
export interface DataStoreComparison {
  users: number;
  memosPerUser: number;
  /** The Scan's Limit: DataStore's default syncPageSize. */
  scanPageSize: number;
  scan: SyncRun;
  ownerQuery: SyncRun;
  /** Scan read units ÷ owner-query read units. */
  readUnitRatio: number;
}

/** Issue 19's "Measure" figures, measured in the bench's capacity store (DynamoDB Local). */
export interface OfflineFigures {
  store: string;
  /** Item 3: one index shared by list and feed, or two. */
  feedLayouts: FeedLayoutFigures;
  /** 1 KB memos (the capacity section's smallest size), loaded by BatchWriteItem. */
  memoBytes: number;
  load: LoadFigures;
  fullSyncs: FullSyncRow[];
  dataStore: DataStoreComparison;
  outboxDrain: OutboxDrainFigures;
  elapsedSeconds: number;
}

/** The SDK's offline store draining queued creates after a reconnect, through the real local runtime. */
export interface OutboxDrainFigures {
  status: 'measured';
  edits: number;
  /** From the reconnect to an empty outbox. */
  seconds: number;
  /** GraphQL requests the drain sent: every create, and the catch-up's memoChanges pulls. */
  requests: number;
  createsSent: number;
}
