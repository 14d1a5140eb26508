import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FEED_INDEX, TOMBSTONE_ATTRIBUTES } from '../resolverSeam.js';
import { PAGE_SIZE } from './indexDesigns.js';

type Key = Record<string, unknown>;

/** One list page read from the shared index: the live memos it holds, the Queries it took, and where the next page starts. */
export interface SharedListPage {
  memos: number;
  queries: number;
  next: Key | undefined;
}

/**
 * A list page under the one-shared-index layout: the feed index newest change first, tombstones
 * dropped by a FilterExpression. DynamoDB applies the filter after Limit, and charges for every
 * item read, so a page keeps querying (Limit 21, as listMemos asks) until it holds 21 live memos
 * (a page and one more, so no empty page hides behind a token) or the index ends.
 */
export async function sharedIndexListPage(
  documents: DynamoDBDocumentClient,
  TableName: string,
  ownerId: string,
  startAfter: Key | undefined,
): Promise<SharedListPage> {
  const live: Key[] = [];
  let queries = 0;
  let start = startAfter;
  do {
    const { Items = [], LastEvaluatedKey } = await documents.send(
      new QueryCommand({
        TableName,
        IndexName: FEED_INDEX.name,
        KeyConditionExpression: '#owner = :owner',
        FilterExpression: 'attribute_not_exists(#deletedAt)',
        ExpressionAttributeNames: { '#owner': FEED_INDEX.partitionKey, '#deletedAt': TOMBSTONE_ATTRIBUTES.deletedAt },
        ExpressionAttributeValues: { ':owner': ownerId },
        ScanIndexForward: false,
        Limit: PAGE_SIZE + 1,
        ExclusiveStartKey: start,
      }),
    );
    queries++;
    live.push(...Items);
    start = LastEvaluatedKey;
  } while (live.length <= PAGE_SIZE && start !== undefined);
  const page = live.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  const more = live.length > PAGE_SIZE || start !== undefined;
  return {
    memos: page.length,
    queries,
    next: more && last ? { memoId: last.memoId, ownerId, [FEED_INDEX.sortKey]: last[FEED_INDEX.sortKey] } : undefined,
  };
}

/** One feed page from the start of an owner's feed, as memoFeed.ts's feedPage asks for it (ascending, the page and one more). */
export async function feedIndexPage(documents: DynamoDBDocumentClient, TableName: string, ownerId: string, limit: number): Promise<number> {
  const { Items = [] } = await documents.send(
    new QueryCommand({
      TableName,
      IndexName: FEED_INDEX.name,
      // From the feed's very start: no sort-key condition (a cursor's page adds `changedAtId > :after`).
      KeyConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: { '#owner': FEED_INDEX.partitionKey },
      ExpressionAttributeValues: { ':owner': ownerId },
      ScanIndexForward: true,
      Limit: limit + 1,
    }),
  );
  return Math.min(Items.length, limit);
}
