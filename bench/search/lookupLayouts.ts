import { CreateTableCommand, waitUntilTableExists, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { searchWords, tagKey, type MemoRecord } from '../resolverSeam.js';

/**
 * The alternatives to matching in the Lambda, as a bench-only prototype (issue 20, item 2): lookup
 * items kept beside each memo, in a table of their own keyed (lookupKey, createdAtId) so a search
 * reads a term's memos newest first by key, no index needed (an index would add its own write per
 * item). Nothing deployed changes; infra/ and the memo table are as they are.
 *
 * - tag items: one item per (owner, tag, memo); a tag filter Queries its tag's items and fetches the
 *   page; words are still matched in the Lambda, over the tag's memos (or the owner index without tags).
 * - word items: tag items plus one item per (owner, distinct word, memo); a search intersects the
 *   items of every word and tag, newest first. Whole words only: the prefix rule ("meet" finds
 *   "meeting") would need one item per distinct prefix as well, counted in the write figures.
 */
export type LookupDesign = 'tag items' | 'word items';

export const LOOKUP_DESIGNS: readonly LookupDesign[] = ['tag items', 'word items'];

/** The lookup table's keys: a term of one owner, then the memo's place in the owner index. */
export const LOOKUP_KEYS = { partitionKey: 'lookupKey', sortKey: 'createdAtId' } as const;

export const tagLookupKey = (ownerId: string, tag: string) => `${ownerId}#tag#${tagKey(tag)}`;
export const wordLookupKey = (ownerId: string, word: string) => `${ownerId}#word#${word}`;
export const prefixLookupKey = (ownerId: string, prefix: string) => `${ownerId}#prefix#${prefix}`;

/** The distinct words of a memo's title and content, as search compares them. */
export function distinctWords(memo: Pick<MemoRecord, 'title' | 'content'>): string[] {
  return [...new Set([...searchWords(memo.title ?? ''), ...searchWords(memo.content)])];
}

/** Every distinct prefix of the words (each word included): what the prefix rule would need items for. */
export function distinctPrefixes(words: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const word of words) for (let end = 1; end <= word.length; end++) prefixes.add(word.slice(0, end));
  return [...prefixes];
}

/**
 * The lookup keys a design keeps for a memo. With prefixes, the word layout also keeps an item per
 * distinct prefix (the last query word's lookup); the whole-word items stay, as a prefix's items
 * also hold every longer word it starts.
 */
export function lookupKeysOf(design: LookupDesign, memo: MemoRecord, withPrefixes = false): string[] {
  const tags = memo.tags.map((tag) => tagLookupKey(memo.ownerId, tag));
  if (design === 'tag items') return tags;
  const words = distinctWords(memo);
  const prefixes = withPrefixes ? distinctPrefixes(words).map((prefix) => prefixLookupKey(memo.ownerId, prefix)) : [];
  return [...tags, ...words.map((word) => wordLookupKey(memo.ownerId, word)), ...prefixes];
}

/** One lookup item: the term's key, the memo's owner-index sort key, and the memo's id to fetch it by. */
export function lookupItem(lookupKey: string, memo: Pick<MemoRecord, 'memoId' | 'createdAt'>): Record<string, string> {
  return { [LOOKUP_KEYS.partitionKey]: lookupKey, [LOOKUP_KEYS.sortKey]: `${memo.createdAt}#${memo.memoId}`, memoId: memo.memoId };
}

/** Creates the lookup table (on demand, no index) and waits until it is active. */
export async function createLookupTable(client: DynamoDBClient, TableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName,
      KeySchema: [
        { AttributeName: LOOKUP_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: LOOKUP_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Object.values(LOOKUP_KEYS).map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 }, { TableName });
}
