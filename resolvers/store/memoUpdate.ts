import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { MemoChanges } from '../lib/writableFields.js';
import { changedAtIdOf } from './memoItem.js';
import { CHANGED_AT_ATTRIBUTE, FEED_INDEX } from './memoTableSchema.js';
import { guardCondition, guardNames, guardValues, type WriteGuard } from './writeGuard.js';

/**
 * The one conditional UpdateItem of an update: sets the fields sent, removes those sent as null,
 * bumps the version and moves updatedAt, and with it changedAt and the feed index's key (the
 * change feed orders by them). The memo must exist, be live and meet the guard; ALL_NEW answers.
 */
export function memoUpdate(
  tableName: string,
  memoId: string,
  changes: MemoChanges,
  updatedAt: string,
  guard: WriteGuard,
): UpdateCommandInput {
  const names: Record<string, string> = {
    '#version': 'version',
    '#updatedAt': 'updatedAt',
    '#changedAt': CHANGED_AT_ATTRIBUTE,
    '#changedAtId': FEED_INDEX.sortKey,
    ...guardNames(guard),
  };
  const values: Record<string, unknown> = {
    ':one': 1,
    ':updatedAt': updatedAt,
    ':changedAtId': changedAtIdOf(updatedAt, memoId),
    ...guardValues(guard),
  };
  const sets = ['#version = #version + :one', '#updatedAt = :updatedAt', '#changedAt = :updatedAt', '#changedAtId = :changedAtId'];
  const removes: string[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    if (value === null) {
      removes.push(`#${field}`);
    } else {
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
  }
  return {
    TableName: tableName,
    Key: { memoId },
    UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: guardCondition(guard),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'ALL_NEW',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
}
