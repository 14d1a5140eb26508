import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SyncExpired } from '../lib/errors.js';
import { decodeFeedCursor, encodeFeedCursor, positionTime, type FeedPosition } from './feedCursor.js';
import { fromItem, isTombstone, type MemoRecord } from './memoItem.js';
import { CHANGED_AT_ATTRIBUTE, FEED_INDEX, OWNER_INDEX } from './memoTableSchema.js';
import { ownerPageQuery } from './ownerPageQuery.js';

/**
 * How far back the last page of a pull sends the next one (docs/offline.md, "Why the feed cannot
 * miss a change"): a change is re-read unless it was visible more than this before the pull
 * started. It covers a write whose changedAt was taken up to FUNCTION_TIMEOUT_SECONDS (10 s)
 * before it committed, the feed index's propagation lag and writers' clock skew (together up to
 * 20 s). Clients de-duplicate by (memoId, version).
 */
export const FEED_OVERLAP_MS = 30_000;

const DAY_MS = 86_400_000;

export interface MemoChangeRecord {
  memoId: string;
  version: number;
  changedAt: string;
  deleted: boolean;
  memo: MemoRecord | null;
}

export interface MemoChangePage {
  changes: MemoChangeRecord[];
  cursor: string;
  hasMore: boolean;
}

/** What reading the feed needs of the store. */
export interface FeedSource {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly cursorKey: string;
  readonly retentionDays: number;
}

/**
 * One page of `ownerId`'s changes after `cursor`, in one Query: without a cursor, a full sync of
 * the live memos on the list index, which then hands over to the feed index at its start minus
 * the overlap; with one, the feed index in order of change.
 *
 * @throws {ValidationError} when the cursor is not one memoChanges issued for this owner
 * @throws {SyncExpired} when the cursor is older than the tombstone retention
 */
export async function readMemoChanges(
  source: FeedSource,
  ownerId: string,
  limit: number,
  cursor: unknown,
  now: Date,
): Promise<MemoChangePage> {
  const position = decodeFeedCursor(cursor, source.cursorKey, ownerId) ?? { kind: 'full', after: null, syncStart: now.toISOString() };
  if (Date.parse(positionTime(position)) < now.getTime() - source.retentionDays * DAY_MS) throw new SyncExpired(source.retentionDays);
  const page =
    position.kind === 'full' ? await fullSyncPage(source, ownerId, limit, position) : await feedPage(source, ownerId, limit, position, now);
  return { ...page, cursor: encodeFeedCursor(page.next, ownerId, source.cursorKey) };
}

type PageRead = { changes: MemoChangeRecord[]; next: FeedPosition; hasMore: boolean };

async function fullSyncPage(
  source: FeedSource,
  ownerId: string,
  limit: number,
  position: FeedPosition & { kind: 'full' },
): Promise<PageRead> {
  const startAfter = position.after === null ? undefined : { ownerId, memoId: position.after.split('#')[1]!, createdAtId: position.after };
  const { items, more } = await query(source, ownerPageQuery(source.tableName, ownerId, limit, startAfter), limit);
  const last = items.at(-1);
  if (more && last) {
    return { changes: items.map(changeOf), next: { ...position, after: last[OWNER_INDEX.sortKey] as string }, hasMore: true };
  }
  // Hand over to the feed from the sync's start minus the overlap: what changed while the sync
  // paged is waiting there (hasMore), so a client pulls it at once.
  const after = new Date(Date.parse(position.syncStart) - FEED_OVERLAP_MS).toISOString();
  return { changes: items.map(changeOf), next: { kind: 'feed', after, origin: null }, hasMore: true };
}

async function feedPage(
  source: FeedSource,
  ownerId: string,
  limit: number,
  position: FeedPosition & { kind: 'feed' },
  now: Date,
): Promise<PageRead> {
  const origin = position.origin ?? now.toISOString();
  const { items, more } = await query(
    source,
    {
      TableName: source.tableName,
      IndexName: FEED_INDEX.name,
      KeyConditionExpression: '#owner = :owner AND #changedAtId > :after',
      ExpressionAttributeNames: { '#owner': FEED_INDEX.partitionKey, '#changedAtId': FEED_INDEX.sortKey },
      ExpressionAttributeValues: { ':owner': ownerId, ':after': position.after },
      ScanIndexForward: true,
      Limit: limit + 1,
    },
    limit,
  );
  const last = items.at(-1)?.[FEED_INDEX.sortKey] as string | undefined;
  // More now: continue exactly after the last key, in the same run.
  if (more && last) return { changes: items.map(changeOf), next: { kind: 'feed', after: last, origin }, hasMore: true };
  // The run's last page: the next pull re-reads from the run's first read minus the overlap, so
  // a change that was not yet visible to any page of this run is read then.
  const floor = new Date(Date.parse(origin) - FEED_OVERLAP_MS).toISOString();
  const reached = last ?? position.after;
  return { changes: items.map(changeOf), next: { kind: 'feed', after: reached < floor ? reached : floor, origin: null }, hasMore: false };
}

async function query(
  source: FeedSource,
  input: ConstructorParameters<typeof QueryCommand>[0],
  limit: number,
): Promise<{ items: Record<string, unknown>[]; more: boolean }> {
  const { Items = [], LastEvaluatedKey } = await source.documentClient.send(new QueryCommand(input));
  // More items than the page holds, or DynamoDB stopped early (its 1 MB page cap).
  return { items: Items.slice(0, limit), more: Items.length > limit || LastEvaluatedKey !== undefined };
}

function changeOf(item: Record<string, unknown>): MemoChangeRecord {
  const deleted = isTombstone(item);
  const memo = deleted ? null : fromItem(item);
  // Items written before the feed existed carry no changedAt: their last change is their update.
  const changedAt = (item[CHANGED_AT_ATTRIBUTE] ?? item.updatedAt) as string;
  return { memoId: item.memoId as string, version: item.version as number, changedAt, deleted, memo };
}
