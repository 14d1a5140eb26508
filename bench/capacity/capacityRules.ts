import { ITEM_SIZE_RULE, ITEM_SIZE_SOURCE } from './itemSize.js';

/** One pricing rule as the report prints it, with where it is written down. */
export interface CapacityRule {
  topic: string;
  text: string;
  source: string;
}

const READ_WRITE_SOURCE = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html';
const GSI_SOURCE = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations';

/**
 * The rules the minimum units follow, quoted closely enough to check every figure by hand. A
 * KB is 1,024 bytes. The store's GetItem and Query send no ConsistentRead, so both are
 * eventually consistent (GSI queries can only be).
 */
export const CAPACITY_RULES: readonly CapacityRule[] = [
  { topic: 'item size', text: ITEM_SIZE_RULE, source: ITEM_SIZE_SOURCE },
  {
    topic: 'writes',
    text: 'PutItem, UpdateItem and DeleteItem: 1 write unit per started KB of the item; UpdateItem (and a PutItem that replaces) on the larger of the item before and after, DeleteItem on the deleted item',
    source: READ_WRITE_SOURCE,
  },
  {
    topic: 'reads',
    text: 'GetItem: ½ read unit per started 4 KB of the item when eventually consistent (our GetItem is: no ConsistentRead); BatchGetItem: each item rounded up to 4 KB on its own; Query and Scan: the sizes of all items read summed, then rounded up to 4 KB once per request',
    source: READ_WRITE_SOURCE,
  },
  {
    topic: 'index writes',
    text: 'a global secondary index is written when a table write puts, changes or removes its entry: 1 write unit per started KB of the index entry (table key + index key + projected attributes); none when the write changes neither the index keys nor a projected attribute; 2 writes when an index key changes',
    source: GSI_SOURCE,
  },
  {
    topic: 'index reads',
    text: 'a Query on a global secondary index is eventually consistent and reads index entries: Σ sizes of the projected attributes of the entries read, rounded up to 4 KB, ½ unit each; attributes outside the projection cannot be fetched from the table',
    source: GSI_SOURCE,
  },
  {
    topic: 'page cap',
    text: 'a Query returns a page of at most 1 MB of data (documented); the page ends with the item that brings the data read to 1 MB (as DynamoDB Local and dynalite do), so items of exactly 64 KB fill a page at 16, below the 21 its Limit asks for',
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html',
  },
];

const KB = 1024;
const QUERY_PAGE_CAP_BYTES = 1024 * KB;

/** Write units of one PutItem, UpdateItem or DeleteItem of an item (or index entry) of `bytes`. */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / KB));
}

/** Read units of a GetItem of an item of `bytes` (a missing item still costs one 4 KB block). */
export function getItemReadUnits(bytes: number, consistent = false): number {
  return blocksOf4Kb(bytes) * readFactor(consistent);
}

/** Read units of one Query or Scan request that read items of `sizes` bytes: summed, then rounded once. */
export function queryReadUnits(sizes: readonly number[], consistent = false): number {
  return blocksOf4Kb(sum(sizes)) * readFactor(consistent);
}

/** Read units of one BatchGetItem of items of `sizes` bytes: each rounded up to 4 KB on its own. */
export function batchGetReadUnits(sizes: readonly number[], consistent = false): number {
  return sizes.reduce((total, bytes) => total + blocksOf4Kb(bytes), 0) * readFactor(consistent);
}

/**
 * How many items of `bytes` each a Query with `limit` reads: it stops at the limit, or after the
 * item that brings the data read to 1 MB.
 */
export function queryItemsRead(limit: number, bytes: number): number {
  let count = 0;
  let read = 0;
  while (count < limit && read < QUERY_PAGE_CAP_BYTES) {
    count++;
    read += bytes;
  }
  return count;
}

/** An index entry before and after a table write: undefined where the item has no entry. */
export interface IndexEntryChange {
  before?: { bytes: number; keys: string; projected: string };
  after?: { bytes: number; keys: string; projected: string };
}

/**
 * Index write units of one table write, per the GSI rules: a new or removed entry is one write
 * of its size, a changed index key two, a changed projected attribute one (on the larger entry,
 * as for UpdateItem), and nothing when neither changed. `keys` and `projected` identify the
 * entry's key values and projected values (any string that differs when they differ).
 */
export function indexWriteUnits({ before, after }: IndexEntryChange): number {
  if (!before && !after) return 0;
  if (!before) return writeUnits(after!.bytes);
  if (!after) return writeUnits(before.bytes);
  if (before.keys !== after.keys) return writeUnits(before.bytes) + writeUnits(after.bytes);
  if (before.projected === after.projected) return 0;
  return writeUnits(Math.max(before.bytes, after.bytes));
}

function blocksOf4Kb(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / (4 * KB)));
}

function readFactor(consistent: boolean): number {
  return consistent ? 1 : 0.5;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
