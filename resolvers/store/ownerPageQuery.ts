import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { OwnerIndexKey } from './memoItem.js';
import { OWNER_INDEX } from './memoTableSchema.js';

/**
 * The one Query behind a listMemos page: an owner's memos on the owner index, newest first,
 * one item more than the page holds (so a page is never empty while a token promises more).
 * Shared with the benchmark's raw baseline, so both send exactly the same request.
 */
export function ownerPageQuery(tableName: string, ownerId: string, limit: number, startAfter?: OwnerIndexKey): QueryCommandInput {
  return {
    TableName: tableName,
    IndexName: OWNER_INDEX.name,
    KeyConditionExpression: '#owner = :owner',
    ExpressionAttributeNames: { '#owner': OWNER_INDEX.partitionKey },
    ExpressionAttributeValues: { ':owner': ownerId },
    ScanIndexForward: false,
    Limit: limit + 1,
    ExclusiveStartKey: startAfter,
  };
}
