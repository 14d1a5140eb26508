import type { Projection } from '@aws-sdk/client-dynamodb';
import { MEMO_LIMITS, MEMO_TABLE_PARTITION_KEY, OWNER_INDEX, toItem } from '../resolverSeam.js';
import type { IndexDesignInfo, IndexDesignName, MemoOperation, TableAndIndexUnits } from './capacityFigures.js';
import { batchGetReadUnits, getItemReadUnits, indexWriteUnits, queryItemsRead, queryReadUnits, writeUnits } from './capacityRules.js';
import { itemSizeBytes } from './itemSize.js';
import { sampleMemo, sizedMemoFields } from './sizedMemo.js';

/** How listMemos would read one page with a design. */
export type ListRead = 'Query' | 'Query + BatchGetItem' | 'Scan';

export interface IndexDesign extends IndexDesignInfo {
  /** The owner index's projection; undefined: the table has no owner index. */
  projection: Projection | undefined;
  list: ListRead;
}

/** The page listMemos serves by default; its Query asks for one memo more. */
export const PAGE_SIZE = MEMO_LIMITS.listLimitDefault;

const KEY_ATTRIBUTES: readonly string[] = [MEMO_TABLE_PARTITION_KEY, OWNER_INDEX.partitionKey, OWNER_INDEX.sortKey];

/**
 * The non-key attributes a listMemos page returns: every attribute of a stored memo (the
 * schema's Memo has them all) but the keys, derived from memoItem.toItem so it cannot drift.
 */
export const LIST_ATTRIBUTES: readonly string[] = Object.keys(toItem(sampleMemo({ title: 't', content: 'c', tags: ['t'] }))).filter(
  (name) => !KEY_ATTRIBUTES.includes(name),
);

export const INDEX_DESIGNS: readonly IndexDesign[] = [
  {
    design: 'ALL',
    projection: { ProjectionType: 'ALL' },
    list: 'Query',
    servesList: true,
    note: 'deployed (memoTableSchema.ts, infra/): a page is one Query',
  },
  {
    design: 'INCLUDE',
    projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...LIST_ATTRIBUTES] },
    list: 'Query',
    servesList: true,
    note: `the attributes listMemos returns (${LIST_ATTRIBUTES.join(', ')}): every non-key attribute today, so the same entries as ALL`,
  },
  {
    design: 'KEYS_ONLY',
    projection: { ProjectionType: 'KEYS_ONLY' },
    list: 'Query + BatchGetItem',
    servesList: true,
    note: 'a page is a Query for its keys, then a BatchGetItem of its memos from the table: two round trips',
  },
  {
    design: 'INCLUDE without content',
    projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: LIST_ATTRIBUTES.filter((name) => name !== 'content') },
    list: 'Query',
    servesList: false,
    note: 'hypothetical: a summary list without content; listMemos returns content, so this needs a schema change',
  },
  {
    design: 'no index (seed)',
    projection: undefined,
    list: 'Scan',
    servesList: false,
    note: "the seed's design: a page is a Scan of 20 memos of any owner (not an owner's list); priced for the seed",
  },
];

/** The deployed design, which the handlers are measured on. */
export const DEPLOYED_DESIGN: IndexDesign = designNamed('ALL');

/** The seed's table: no owner index, a list page is a Scan. */
export const SEED_DESIGN: IndexDesign = designNamed('no index (seed)');

function designNamed(name: IndexDesignName): IndexDesign {
  const design = INDEX_DESIGNS.find((candidate) => candidate.design === name);
  if (!design) throw new Error(`no index design ${name}`);
  return design;
}

/** The owner index's entry for a stored item: table key, index keys and projected attributes; undefined without an index. */
export function indexEntryOf(item: Readonly<Record<string, unknown>>, design: IndexDesign): Record<string, unknown> | undefined {
  const projection = design.projection;
  if (!projection) return undefined;
  const projected = (name: string) =>
    KEY_ATTRIBUTES.includes(name) ||
    projection.ProjectionType === 'ALL' ||
    (projection.ProjectionType === 'INCLUDE' && projection.NonKeyAttributes!.includes(name));
  return Object.fromEntries(Object.entries(item).filter(([name]) => projected(name)));
}

export interface DesignMinimum {
  perOperation: Record<MemoOperation, TableAndIndexUnits>;
  /** The stored item's bytes by the item-size rule, and its content's. */
  itemBytes: number;
  contentBytes: number;
  /** Memos one list page returns, and items its read request (Query or Scan) reads. */
  pageMemos: number;
  itemsRead: number;
}

/** How many items a list page's read request read (ScannedCount), when measured. */
export interface PageRead {
  itemsRead: number;
}

/**
 * The least DynamoDB's rules charge each operation of `kb` memos with `design`, for the same
 * requests the store sends: a conditional PutItem, an eventually consistent GetItem, an UpdateItem
 * that swaps the content for as many bytes (the item keeps its size), a DeleteItem, and a page read.
 * A page reads what the Limit and the documented 1 MB cap allow; given `read` (what a store did
 * read), the page's units are the rules' for those items, so a store's page cap, which can
 * differ, shows in the page size and not as a units difference.
 */
export function designMinimum(design: IndexDesign, kb: number, read?: PageRead): DesignMinimum {
  const memo = sampleMemo(sizedMemoFields(kb));
  const created = toItem(memo);
  const updated = toItem({ ...memo, content: sizedMemoFields(kb, 'y').content, version: 2, updatedAt: new Date().toISOString() });
  const itemBytes = itemSizeBytes(created);
  const entry = (item: Record<string, unknown>) => describeEntry(indexEntryOf(item, design));
  const entryBytes = entry(created)?.bytes ?? 0;
  const list = listMinimum(design, itemBytes, entryBytes, read?.itemsRead);
  return {
    perOperation: {
      createMemo: units({ tableWrite: writeUnits(itemBytes), indexWrite: indexWriteUnits({ after: entry(created) }) }),
      memo: units({ tableRead: getItemReadUnits(itemBytes) }),
      updateMemo: units({
        tableWrite: writeUnits(Math.max(itemBytes, itemSizeBytes(updated))),
        indexWrite: indexWriteUnits({ before: entry(created), after: entry(updated) }),
      }),
      listMemos: list.units,
      deleteMemo: units({ tableWrite: writeUnits(itemSizeBytes(updated)), indexWrite: indexWriteUnits({ before: entry(updated) }) }),
    },
    itemBytes,
    contentBytes: Buffer.byteLength(memo.content, 'utf8'),
    pageMemos: list.pageMemos,
    itemsRead: list.itemsRead,
  };
}

function listMinimum(
  design: IndexDesign,
  itemBytes: number,
  entryBytes: number,
  measuredItemsRead?: number,
): { units: TableAndIndexUnits; pageMemos: number; itemsRead: number } {
  if (design.list === 'Scan') {
    // The seed's Scan asked for exactly a page (Limit 20), of the table's items.
    const itemsRead = measuredItemsRead ?? queryItemsRead(PAGE_SIZE, itemBytes);
    return { units: units({ tableRead: queryReadUnits(Array(itemsRead).fill(itemBytes)) }), pageMemos: itemsRead, itemsRead };
  }
  const itemsRead = measuredItemsRead ?? queryItemsRead(PAGE_SIZE + 1, entryBytes);
  const pageMemos = Math.min(itemsRead, PAGE_SIZE);
  const indexRead = queryReadUnits(Array(itemsRead).fill(entryBytes));
  const tableRead = design.list === 'Query + BatchGetItem' ? batchGetReadUnits(Array(pageMemos).fill(itemBytes)) : 0;
  return { units: units({ tableRead, indexRead }), pageMemos, itemsRead };
}

function describeEntry(entry: Record<string, unknown> | undefined): { bytes: number; keys: string; projected: string } | undefined {
  if (!entry) return undefined;
  const keys = KEY_ATTRIBUTES.map((name) => entry[name]);
  const projected = Object.entries(entry).filter(([name]) => !KEY_ATTRIBUTES.includes(name));
  return { bytes: itemSizeBytes(entry), keys: JSON.stringify(keys), projected: JSON.stringify(projected) };
}

function units({
  tableRead = 0,
  tableWrite = 0,
  indexRead = 0,
  indexWrite = 0,
}: {
  tableRead?: number;
  tableWrite?: number;
  indexRead?: number;
  indexWrite?: number;
}): TableAndIndexUnits {
  return { table: { read: tableRead, write: tableWrite }, index: { read: indexRead, write: indexWrite } };
}
