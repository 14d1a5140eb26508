import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { WRITABLE_FIELD_NAMES } from '../lib/writableFields.js';
import { changedAtIdOf } from './memoItem.js';
import { CHANGED_AT_ATTRIBUTE, FEED_INDEX, OWNER_INDEX, TOMBSTONE_ATTRIBUTES } from './memoTableSchema.js';
import { guardCondition, guardNames, guardValues, type WriteGuard } from './writeGuard.js';

const SECONDS_PER_DAY = 86_400;

/**
 * The one conditional UpdateItem that deletes a memo: the item stays as a tombstone, so the change
 * feed can tell clients the memo is gone, and its id is never taken again while it lasts. Every
 * writable field goes (no content outlives the delete), and so does the list index's sort key,
 * so the sparse owner index never holds a tombstone and list pages stay full. The version moves
 * on, `deletedAt`/`changedAt` say when (and move it in the feed index), and `expiresAt` lets DynamoDB's TTL remove the item after
 * `retentionDays`. ALL_OLD: the answer is the memo as it was.
 */
export function tombstoneUpdate(
  tableName: string,
  memoId: string,
  deletedAt: string,
  retentionDays: number,
  guard: WriteGuard,
): UpdateCommandInput {
  const removed = [...WRITABLE_FIELD_NAMES, OWNER_INDEX.sortKey];
  const removedNames = Object.fromEntries(removed.map((name) => [`#${name}`, name]));
  const expiresAt = Math.floor(Date.parse(deletedAt) / 1000) + retentionDays * SECONDS_PER_DAY;
  return {
    TableName: tableName,
    Key: { memoId },
    UpdateExpression:
      'SET #version = #version + :one, #deletedAt = :deletedAt, #changedAt = :deletedAt, #changedAtId = :changedAtId, #expiresAt = :expiresAt ' +
      `REMOVE ${Object.keys(removedNames).join(', ')}`,
    ConditionExpression: guardCondition(guard),
    ExpressionAttributeNames: {
      ...guardNames(guard),
      '#version': 'version',
      '#changedAt': CHANGED_AT_ATTRIBUTE,
      '#changedAtId': FEED_INDEX.sortKey,
      '#expiresAt': TOMBSTONE_ATTRIBUTES.expiresAt,
      ...removedNames,
    },
    ExpressionAttributeValues: {
      ...guardValues(guard),
      ':one': 1,
      ':deletedAt': deletedAt,
      ':changedAtId': changedAtIdOf(deletedAt, memoId),
      ':expiresAt': expiresAt,
    },
    ReturnValues: 'ALL_OLD',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
}
