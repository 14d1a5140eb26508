import { FEED_INDEX, OWNER_INDEX } from '../resolverSeam.js';
import type { Units } from './consumedCapacity.js';
import type { IndexKeys } from './designTables.js';

/**
 * Issue 19, item 3: whether the list and the change feed share one index. Both layouts hold the
 * same items, written by the real store (memoStore.ts); they differ only in the indexes the table has.
 */
export type FeedLayoutName = 'two indexes' | 'one shared index';

export interface FeedLayout {
  name: FeedLayoutName;
  indexes: readonly IndexKeys[];
  /** How a list page is read. */
  list: string;
  note: string;
}

export const FEED_LAYOUTS: readonly FeedLayout[] = [
  {
    name: 'two indexes',
    indexes: [OWNER_INDEX, FEED_INDEX],
    list: `one Query on ${OWNER_INDEX.name} (Limit 21)`,
    note: `deployed: ${OWNER_INDEX.name}, sparse (a delete removes its sort key: no tombstone), newest created first; ${FEED_INDEX.name}, every memo and tombstone by last change`,
  },
  {
    name: 'one shared index',
    indexes: [FEED_INDEX],
    list: `Queries on ${FEED_INDEX.name}, newest change first, FilterExpression attribute_not_exists(deletedAt), Limit 21, until 21 live memos`,
    note: `${FEED_INDEX.name} alone: the list becomes "recently changed first" and reads the tombstones it filters out`,
  },
];

/** One call's units on the table and on each index by name. */
export interface IndexedUnits {
  table: Units;
  indexes: Record<string, Units>;
}

/** Write units of one memo size under one layout, one call each (every measured call agreed). */
export interface FeedLayoutWrites {
  layout: FeedLayoutName;
  kb: number;
  create: IndexedUnits;
  update: IndexedUnits;
  /** deleteMemo as deployed: an UpdateItem that leaves a tombstone. */
  tombstone: IndexedUnits;
  /** The delete before issue 19: a DeleteItem under the same guard (no tombstone, nothing for the feed). */
  deleteItem: IndexedUnits;
  /** The tombstone item's bytes by the item-size rule. */
  tombstoneBytes: number;
}

/** What reading a run of pages cost. */
export interface PagesRead {
  pages: number;
  queries: number;
  itemsRead: number;
  readUnits: number;
}

/** Reads of one owner's 1 KB memos under one layout, with a share of them deleted (tombstones). */
export interface FeedLayoutReads {
  layout: FeedLayoutName;
  memos: number;
  tombstoneShare: number;
  /** The first list page (20 memos): most recent first, where recent deletes sit under the shared layout. */
  firstListPage: PagesRead & { memos: number };
  /** Every list page of the owner, first to last. */
  wholeList: PagesRead & { memos: number };
  /** One feed page of 100 changes (Limit 101) from the start of the feed index: the same Query under both layouts. */
  feedPage: PagesRead & { changes: number };
  /** GetItem of one memo (the memo field). */
  getItemUnits: number;
  /** DynamoDB on-demand dollars per million calls of the read-heavy mix, listMemos priced per first page. */
  readHeavyMixPerMillion: number;
}

export interface FeedLayoutFigures {
  status: 'measured' | 'skipped';
  skippedReason: string | null;
  layouts: { name: FeedLayoutName; list: string; note: string }[];
  writes: FeedLayoutWrites[];
  reads: FeedLayoutReads[];
  /** Per tombstone share: the cheaper layout for the read-heavy mix, and by how much. */
  verdict: { tombstoneShare: number; cheaper: FeedLayoutName; twoIndexes: number; oneShared: number }[];
}

/** Sums every index's units: the index part of a call. */
export function allIndexes(units: IndexedUnits): Units {
  return Object.values(units.indexes).reduce((sum, used) => ({ read: sum.read + used.read, write: sum.write + used.write }), {
    read: 0,
    write: 0,
  });
}
