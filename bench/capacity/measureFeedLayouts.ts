import { dynamoDbOnDemandPerMillion, READ_HEAVY_MIX } from '../cost/costModel.js';
import { loadPrices } from '../cost/priceTable.js';
import { round } from '../stats.js';
import type { MemoOperation, TableAndIndexUnits } from './capacityFigures.js';
import { measureFeedLayout, type FeedLayoutRunOptions } from './feedLayoutRun.js';
import {
  allIndexes,
  FEED_LAYOUTS,
  type FeedLayoutFigures,
  type FeedLayoutReads,
  type FeedLayoutWrites,
  type IndexedUnits,
} from './feedLayouts.js';

/** Full run: memo sizes as the capacity section, an owner of ten list pages, no, a few and many deletes. */
export const FEED_LAYOUT_RUN: FeedLayoutRunOptions = { sizesKb: [1, 4, 64], repeats: 3, memos: 200, tombstoneShares: [0, 0.1, 0.5] };
export const FEED_LAYOUT_QUICK_RUN: FeedLayoutRunOptions = { ...FEED_LAYOUT_RUN, repeats: 1, memos: 60 };

/**
 * Issue 19, item 3, measured: each layout (two indexes; one shared index) on a table of its own,
 * its write units per create / update / delete and its read units per list and feed page, then the
 * read-heavy mix priced per layout. Needs a store that reports index units (DynamoDB Local).
 */
export async function measureFeedLayouts(endpoint: string, options: FeedLayoutRunOptions): Promise<FeedLayoutFigures> {
  const writes: FeedLayoutWrites[] = [];
  const reads: FeedLayoutReads[] = [];
  for (const layout of FEED_LAYOUTS) {
    const measured = await measureFeedLayout(endpoint, layout, options, layoutMixPerMillion);
    writes.push(...measured.writes);
    reads.push(...measured.reads);
  }
  return { ...figuresShell('measured', null), writes, reads, verdict: layoutVerdict(reads) };
}

/** No measurement: the store cannot report index units (dynalite). */
export function skippedFeedLayouts(reason: string): FeedLayoutFigures {
  return { ...figuresShell('skipped', reason), writes: [], reads: [], verdict: [] };
}

function figuresShell(status: FeedLayoutFigures['status'], skippedReason: string | null) {
  return { status, skippedReason, layouts: FEED_LAYOUTS.map(({ name, list, note }) => ({ name, list, note })) };
}

/** DynamoDB on-demand dollars per million calls of the read-heavy mix under one layout (1 KB memos). */
export function layoutMixPerMillion(reads: Omit<FeedLayoutReads, 'readHeavyMixPerMillion'>, writes: FeedLayoutWrites): number {
  const prices = loadPrices();
  const read = (units: number): TableAndIndexUnits => ({ table: { read: units, write: 0 }, index: { read: 0, write: 0 } });
  const write = (units: IndexedUnits): TableAndIndexUnits => ({ table: units.table, index: allIndexes(units) });
  const perCall: Record<MemoOperation, TableAndIndexUnits> = {
    memo: read(reads.getItemUnits),
    listMemos: read(reads.firstListPage.readUnits),
    createMemo: write(writes.create),
    updateMemo: write(writes.update),
    deleteMemo: write(writes.tombstone),
  };
  const total = (Object.keys(READ_HEAVY_MIX) as MemoOperation[]).reduce(
    (sum, operation) => sum + READ_HEAVY_MIX[operation] * dynamoDbOnDemandPerMillion(perCall[operation], prices).total,
    0,
  );
  return round(total, 4);
}

function layoutVerdict(reads: readonly FeedLayoutReads[]): FeedLayoutFigures['verdict'] {
  const shares = [...new Set(reads.map((row) => row.tombstoneShare))];
  return shares.map((tombstoneShare) => {
    const mix = (name: string) => reads.find((row) => row.layout === name && row.tombstoneShare === tombstoneShare)!.readHeavyMixPerMillion;
    const twoIndexes = mix('two indexes');
    const oneShared = mix('one shared index');
    return { tombstoneShare, cheaper: twoIndexes <= oneShared ? 'two indexes' : 'one shared index', twoIndexes, oneShared };
  });
}
