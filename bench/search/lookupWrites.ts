import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { writeUnits } from '../capacity/capacityRules.js';
import { itemSizeBytes } from '../capacity/itemSize.js';
import { sampleMemo } from '../capacity/sizedMemo.js';
import { MEMO_TABLE_PARTITION_KEY, toItem, TOMBSTONE_ATTRIBUTES, type MemoRecord } from '../resolverSeam.js';
import { round } from '../stats.js';
import { distinctPrefixes, distinctWords, LOOKUP_KEYS, lookupItem, lookupKeysOf, type LookupDesign } from './lookupLayouts.js';
import { seededRandom } from '../seededRandom.js';
import { editedProse, proseText, proseWords } from './proseMemo.js';

/** The write layouts measured: the two designs, and word items with the prefix rule's items too. */
export type WriteLayout = LookupDesign | 'word items + prefixes';
export type WriteOperation = 'create' | 'update content' | 'delete';

/** What one memo write adds to the deployed write (one PutItem or UpdateItem of the memo) in a layout. */
export interface LookupWrite {
  layout: WriteLayout;
  operation: WriteOperation;
  /** Lookup items put or deleted. */
  lookupItems: number;
  /** TransactWriteItems requests it takes (at most 100 actions each): more than one is no longer atomic. */
  transactions: number;
  /** Added write units when the memo and its lookup items go in transactions (2 units per KB per item, the memo's included). */
  addedUnitsTransactional: number;
  /** Added write units when the lookup items follow the memo's own write in BatchWriteItem (1 unit each; not atomic). */
  addedUnitsBatched: number;
  /** Wall time of the transactions on the local store, ms (0 when not sent). */
  ms: number;
  /** Whether the transactions were sent: dynalite has no TransactWriteItems, so there the units are the rule's alone. */
  sent: boolean;
}

/** The prose memo written: how many words, distinct words and distinct prefixes it holds. */
export interface ProseShape {
  bytes: number;
  words: number;
  distinctWords: number;
  distinctPrefixes: number;
  tags: number;
  /** Distinct words an update of the content (10 % of the words redrawn) adds and removes. */
  updateAdds: number;
  updateRemoves: number;
}

const PROSE_TAGS = ['work', 'travel', 'ideas'];
const EDITED_SHARE = 0.1;
const PROSE_ITEM_BYTES = 1024;
const TRANSACTION_MAX = 100;

/**
 * Issue 20, item 2: the added write cost per memo of each lookup layout, for a memo of ~1 KB of
 * prose with 3 tags: created, its content edited (10 % of the words redrawn), deleted (a
 * tombstone, as deployed). Every write is sent to the store for real (so the layouts are proven to
 * fit DynamoDB's rules); the units follow DynamoDB's pricing rules, since DynamoDB Local reports a
 * whole TransactWriteItems as 2 units whatever it holds.
 */
export async function measureLookupWrites(
  documentClient: DynamoDBDocumentClient,
  tables: { memoTable: string; lookupTable: string },
  ownerId: string,
): Promise<{ prose: ProseShape; writes: LookupWrite[] }> {
  const next = proseWords(20);
  const random = seededRandom(2026);
  const fields = { title: 'trip notes', content: '', tags: PROSE_TAGS };
  // Content that brings the item to 1 KB, as the search corpus' memos.
  const room = PROSE_ITEM_BYTES - itemSizeBytes(toItem(sampleMemo(fields, ownerId)));
  const created = sampleMemo({ ...fields, content: proseText(next, room) }, ownerId);
  const edited: MemoRecord = { ...created, content: editedProse(created.content, next, EDITED_SHARE, random), version: 2 };
  const [before, after] = [new Set(distinctWords(created)), new Set(distinctWords(edited))];
  const prose: ProseShape = {
    bytes: itemSizeBytes(toItem(created)),
    words: created.content.split(' ').length + 2,
    distinctWords: before.size,
    distinctPrefixes: distinctPrefixes([...before]).length,
    tags: PROSE_TAGS.length,
    updateAdds: [...after].filter((word) => !before.has(word)).length,
    updateRemoves: [...before].filter((word) => !after.has(word)).length,
  };
  const writes: LookupWrite[] = [];
  for (const layout of ['tag items', 'word items', 'word items + prefixes'] as const) {
    const memo = { ...created, memoId: randomUUID() };
    const steps: [WriteOperation, MemoRecord | undefined, MemoRecord | undefined][] = [
      ['create', undefined, memo],
      ['update content', memo, { ...edited, memoId: memo.memoId }],
      ['delete', { ...edited, memoId: memo.memoId }, undefined],
    ];
    for (const [operation, old, now] of steps)
      writes.push({ layout, operation, ...(await write(documentClient, tables, layout, old, now)) });
  }
  return { prose, writes };
}

/** One write of a memo (`old` → `now`; no `now`: a delete) with its lookup items, as the layout keeps them. */
async function write(
  documentClient: DynamoDBDocumentClient,
  tables: { memoTable: string; lookupTable: string },
  layout: WriteLayout,
  old: MemoRecord | undefined,
  now: MemoRecord | undefined,
): Promise<Omit<LookupWrite, 'layout' | 'operation'>> {
  const design: LookupDesign = layout === 'tag items' ? 'tag items' : 'word items';
  const keysOf = (memo: MemoRecord | undefined) => new Set(memo ? lookupKeysOf(design, memo, layout === 'word items + prefixes') : []);
  const [oldKeys, newKeys] = [keysOf(old), keysOf(now)];
  const memo = (now ?? old)!;
  const puts = [...newKeys].filter((key) => !oldKeys.has(key)).map((key) => lookupItem(key, memo));
  const deletes = [...oldKeys].filter((key) => !newKeys.has(key)).map((key) => lookupItem(key, memo));
  const memoUnits = writeUnits(Math.max(...[old, now].filter((m) => m !== undefined).map((m) => itemSizeBytes(toItem(m)))));
  const lookupUnits = [...puts, ...deletes].reduce((total, item) => total + writeUnits(itemSizeBytes(item)), 0);
  if (puts.length + deletes.length === 0)
    return { lookupItems: 0, transactions: 0, addedUnitsTransactional: 0, addedUnitsBatched: 0, ms: 0, sent: true };
  const actions = [
    now
      ? { Put: { TableName: tables.memoTable, Item: toItem(now) } }
      : {
          Update: {
            TableName: tables.memoTable,
            Key: { [MEMO_TABLE_PARTITION_KEY]: memo.memoId },
            UpdateExpression: 'SET #deletedAt = :now',
            ExpressionAttributeNames: { '#deletedAt': TOMBSTONE_ATTRIBUTES.deletedAt },
            ExpressionAttributeValues: { ':now': new Date().toISOString() },
          },
        },
    ...puts.map((Item) => ({ Put: { TableName: tables.lookupTable, Item } })),
    ...deletes.map((item) => ({
      Delete: {
        TableName: tables.lookupTable,
        Key: { [LOOKUP_KEYS.partitionKey]: item[LOOKUP_KEYS.partitionKey], [LOOKUP_KEYS.sortKey]: item[LOOKUP_KEYS.sortKey] },
      },
    })),
  ];
  const started = performance.now();
  const transactions = Math.ceil(actions.length / TRANSACTION_MAX);
  let sent = true;
  for (let start = 0; start < actions.length && sent; start += TRANSACTION_MAX)
    sent = await sendTransaction(documentClient, actions.slice(start, start + TRANSACTION_MAX));
  return {
    lookupItems: puts.length + deletes.length,
    transactions,
    sent,
    // In a transaction every item costs twice; the memo's own write, once already paid as deployed, is doubled too.
    addedUnitsTransactional: 2 * (memoUnits + lookupUnits) - memoUnits,
    addedUnitsBatched: lookupUnits,
    ms: sent ? round(performance.now() - started, 1) : 0,
  };
}

/** Sends one transaction; false when the store has no TransactWriteItems (dynalite), which only the first one can tell. */
async function sendTransaction(
  documentClient: DynamoDBDocumentClient,
  TransactItems: TransactWriteCommandInput['TransactItems'],
): Promise<boolean> {
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'UnknownOperationException') return false;
    throw error;
  }
}
