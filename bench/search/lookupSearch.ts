import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { memoMatcher, type SearchFilter } from '../resolverSeam.js';
import { LOOKUP_KEYS, tagLookupKey, wordLookupKey, type LookupDesign } from './lookupLayouts.js';

/** Where the prototype reads: the memo table (memos by id) and the lookup table. */
export interface LookupSource {
  documentClient: DynamoDBDocumentClient;
  memoTable: string;
  lookupTable: string;
}

export interface LookupPage {
  items: Record<string, unknown>[];
  hasNextPage: boolean;
}

/** The most lookup items one Query reads: as searchOwnerMemos' chunks, a page and one more, doubling up to this. */
const CHUNK_MAX = 1000;
/** BatchGetItem's most keys per request. */
const BATCH_GET_MAX = 100;

interface Entry {
  createdAtId: string;
  memoId: string;
}

/**
 * A first page (`limit` memos, newest first, and whether more exist) of a search on a lookup
 * design; undefined when the design has nothing to look up (tag items without tags: the owner
 * index and matching in the Lambda, as deployed). Word items intersect every term's items; tag
 * items intersect the tags' items, fetch the candidates and match the words here.
 */
export async function lookupFirstPage(
  source: LookupSource,
  design: LookupDesign,
  ownerId: string,
  filter: SearchFilter,
  limit: number,
): Promise<LookupPage | undefined> {
  const tagKeys = filter.tagKeys.map((tag) => tagLookupKey(ownerId, tag));
  const wordKeys = design === 'word items' ? filter.words.map((word) => wordLookupKey(ownerId, word)) : [];
  const keys = [...tagKeys, ...wordKeys];
  if (keys.length === 0) return undefined;
  const candidates = intersect(keys.map((key) => termCursor(source, key, limit)));
  const everyCandidateMatches = design === 'word items' || filter.words.length === 0;
  const found: Record<string, unknown>[] = [];
  if (everyCandidateMatches) {
    // The page's entries and one more, which proves a next page; only the page's memos are fetched.
    const entries: Entry[] = [];
    for await (const entry of candidates) if (entries.push(entry) > limit) break;
    found.push(...(await fetchMemos(source, entries.slice(0, limit))));
    return { items: found, hasNextPage: entries.length > limit };
  }
  const matches = memoMatcher(filter);
  let batch: Entry[] = [];
  let batchSize = limit + 1;
  const matchBatch = async () => {
    for (const item of await fetchMemos(source, batch))
      if (found.length <= limit && matches(item as { content: string; tags: string[] })) found.push(item);
    batch = [];
    batchSize = Math.min(batchSize * 2, CHUNK_MAX);
  };
  for await (const entry of candidates) {
    batch.push(entry);
    if (batch.length >= batchSize) await matchBatch();
    if (found.length > limit) break;
  }
  if (found.length <= limit && batch.length > 0) await matchBatch();
  return { items: found.slice(0, limit), hasNextPage: found.length > limit };
}

/** The memos of `entries` by id (BatchGetItem, 100 keys a request, unprocessed keys asked again), in the entries' order. */
async function fetchMemos(source: LookupSource, entries: readonly Entry[]): Promise<Record<string, unknown>[]> {
  const byId = new Map<string, Record<string, unknown>>();
  for (let start = 0; start < entries.length; start += BATCH_GET_MAX) {
    let keys: Record<string, unknown>[] = entries.slice(start, start + BATCH_GET_MAX).map(({ memoId }) => ({ memoId }));
    while (keys.length > 0) {
      const { Responses = {}, UnprocessedKeys = {} } = await source.documentClient.send(
        new BatchGetCommand({ RequestItems: { [source.memoTable]: { Keys: keys } } }),
      );
      for (const item of Responses[source.memoTable] ?? []) byId.set(item.memoId as string, item);
      keys = UnprocessedKeys[source.memoTable]?.Keys ?? [];
    }
  }
  return entries.map(({ memoId }) => byId.get(memoId)).filter((item) => item !== undefined);
}

interface TermCursor {
  peek(): Promise<Entry | undefined>;
  skip(): void;
}

/** One term's lookup items, newest first, read chunk by chunk as they are needed. */
function termCursor(source: LookupSource, lookupKey: string, limit: number): TermCursor {
  let entries: Entry[] = [];
  let at = 0;
  let chunk = limit + 1;
  let startKey: Record<string, unknown> | undefined;
  let exhausted = false;
  return {
    async peek() {
      while (at >= entries.length && !exhausted) {
        const { Items = [], LastEvaluatedKey } = await source.documentClient.send(
          new QueryCommand({
            TableName: source.lookupTable,
            KeyConditionExpression: '#key = :key',
            ExpressionAttributeNames: { '#key': LOOKUP_KEYS.partitionKey },
            ExpressionAttributeValues: { ':key': lookupKey },
            ScanIndexForward: false,
            Limit: chunk,
            ExclusiveStartKey: startKey,
          }),
        );
        entries = Items.map((item) => ({ createdAtId: item[LOOKUP_KEYS.sortKey] as string, memoId: item.memoId as string }));
        at = 0;
        startKey = LastEvaluatedKey;
        exhausted = LastEvaluatedKey === undefined;
        chunk = Math.min(chunk * 2, CHUNK_MAX);
      }
      return entries[at];
    },
    skip: () => void at++,
  };
}

/** The entries every cursor holds, newest first: each cursor skips ahead to the oldest head seen so far until all agree. */
async function* intersect(cursors: readonly TermCursor[]): AsyncGenerator<Entry> {
  let target = await cursors[0]!.peek();
  while (target) {
    let agreed = true;
    for (const cursor of cursors) {
      let head = await cursor.peek();
      while (head && head.createdAtId > target.createdAtId) {
        cursor.skip();
        head = await cursor.peek();
      }
      if (!head) return;
      if (head.createdAtId < target.createdAtId) {
        target = head;
        agreed = false;
        break;
      }
    }
    if (agreed) {
      yield target;
      for (const cursor of cursors) cursor.skip();
      target = await cursors[0]!.peek();
    }
  }
}
