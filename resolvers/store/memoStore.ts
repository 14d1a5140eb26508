import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { MemoAlreadyExists, MemoNotFound, VersionConflict } from '../lib/errors.js';
import { decodePageToken, encodePageToken } from '../lib/pageToken.js';
import { documentClient, storeConfig } from './dynamoClient.js';
import { fromItem, ownerIndexKeyOf, toItem, type MemoRecord } from './memoItem.js';
import { ownerPageQuery } from './ownerPageQuery.js';
import { sameFieldValue, WRITABLE_FIELDS } from '../lib/writableFields.js';

export type { MemoRecord } from './memoItem.js';

/** The fields an update may change; an absent key is left as it is, `title: null` removes it. */
export interface MemoChanges {
  title?: string | null;
  content?: string;
  tags?: string[];
}

/** What a write to an existing memo requires of it, checked inside the write's own condition. */
export interface WriteGuard {
  /** The memo must still be at this version (optimistic locking). */
  expectedVersion?: number;
  /** The memo must belong to this owner; another owner's memo fails like a missing one. */
  ownerId?: string;
}

export interface MemoPage {
  items: MemoRecord[];
  /** An opaque, signed token for the next page; null when there is none. */
  nextToken: string | null;
}

const TableName = storeConfig.tableName;

/**
 * Stores a new memo in one conditional PutItem and returns the memo as stored. When the id is
 * taken, the failure carries the stored item (ReturnValuesOnConditionCheckFailure): if it is
 * this very create, still at version 1 (a client retrying after a lost answer), the stored memo
 * is the answer; anything else is MemoAlreadyExists. Emulators that omit the item (dynalite)
 * cost one GetItem on that failure path only.
 *
 * @throws {MemoAlreadyExists} when the id belongs to a different or since-updated memo
 */
export async function putNewMemo(memo: MemoRecord): Promise<MemoRecord> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName,
        Item: toItem(memo),
        ConditionExpression: 'attribute_not_exists(memoId)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return memo;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const stored = error.Item ? fromItem(unmarshall(error.Item)) : await getMemo(memo.memoId);
    // Deleted between our write and the read (emulator path only): the id is free again.
    if (!stored) return putNewMemo(memo);
    if (isRetryOf(stored, memo)) return stored;
    // Someone else's memo: the id is taken, and that is all this caller learns.
    throw new MemoAlreadyExists(memo.memoId, stored.ownerId === memo.ownerId ? stored.version : null);
  }
}

export async function getMemo(memoId: string): Promise<MemoRecord | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName, Key: { memoId } }));
  return Item ? fromItem(Item) : undefined;
}

/**
 * Applies `changes` in one conditional UpdateItem: the memo must exist (never an upsert) and
 * meet the guard (owner, version). Bumps version, sets updatedAt.
 *
 * @throws {MemoNotFound} when the memo is missing or not the guard's owner's
 * @throws {VersionConflict} when the caller's own memo is at another version
 */
export async function updateMemo(memoId: string, changes: MemoChanges, updatedAt: string, guard: WriteGuard = {}): Promise<MemoRecord> {
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt', ...guardNames(guard) };
  const values: Record<string, unknown> = { ':one': 1, ':updatedAt': updatedAt, ...guardValues(guard) };
  const sets = ['#version = #version + :one', '#updatedAt = :updatedAt'];
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
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName,
        Key: { memoId },
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: guardCondition(guard),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return fromItem(Attributes!);
  } catch (error) {
    throw await explainConditionFailure(error, memoId, guard);
  }
}

/** Deletes the memo under the same guard as updateMemo and returns it as it was. */
export async function deleteMemo(memoId: string, guard: WriteGuard = {}): Promise<MemoRecord> {
  const names = guardNames(guard);
  const values = guardValues(guard);
  try {
    const { Attributes } = await documentClient.send(
      new DeleteCommand({
        TableName,
        Key: { memoId },
        ConditionExpression: guardCondition(guard),
        ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
        ExpressionAttributeValues: Object.keys(values).length ? values : undefined,
        ReturnValues: 'ALL_OLD',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return fromItem(Attributes!);
  } catch (error) {
    throw await explainConditionFailure(error, memoId, guard);
  }
}

/**
 * One page of an owner's memos, newest first: one Query on the owner index (ownerPageQuery).
 *
 * @throws {ValidationError} when `nextToken` is not one this store issued for this owner's list
 */
export async function listMemosOfOwner(ownerId: string, limit: number, nextToken?: string | null): Promise<MemoPage> {
  const startAfter = decodePageToken(nextToken, storeConfig.pageTokenKey, ownerId);
  const { Items = [], LastEvaluatedKey } = await documentClient.send(new QueryCommand(ownerPageQuery(TableName, ownerId, limit, startAfter)));
  const page = Items.slice(0, limit);
  // More items than the page holds, or DynamoDB stopped early (its 1 MB page cap).
  const more = Items.length > limit || LastEvaluatedKey !== undefined;
  const last = page.at(-1);
  return { items: page.map(fromItem), nextToken: more && last ? encodePageToken(ownerIndexKeyOf(last), storeConfig.pageTokenKey) : null };
}

/** Whether `stored` is what `attempt` would have written, untouched since (timestamps aside). */
/** A retried create: the same owner, and every writable field the same, while the memo is unchanged. */
function isRetryOf(stored: MemoRecord, attempt: MemoRecord): boolean {
  return stored.version === 1 && stored.ownerId === attempt.ownerId && WRITABLE_FIELDS.every((field) => sameFieldValue(stored[field], attempt[field]));
}

function guardCondition({ expectedVersion, ownerId }: WriteGuard): string {
  return [
    'attribute_exists(memoId)',
    ...(ownerId === undefined ? [] : ['#ownerId = :ownerId']),
    ...(expectedVersion === undefined ? [] : ['#version = :expectedVersion']),
  ].join(' AND ');
}

function guardNames({ expectedVersion, ownerId }: WriteGuard): Record<string, string> {
  return { ...(ownerId === undefined ? {} : { '#ownerId': 'ownerId' }), ...(expectedVersion === undefined ? {} : { '#version': 'version' }) };
}

function guardValues({ expectedVersion, ownerId }: WriteGuard): Record<string, unknown> {
  return { ...(ownerId === undefined ? {} : { ':ownerId': ownerId }), ...(expectedVersion === undefined ? {} : { ':expectedVersion': expectedVersion }) };
}

/**
 * Turns a failed guard into MemoNotFound or VersionConflict. Without expectedVersion only
 * existence (and ownership) can have failed: MemoNotFound, no read. With it, DynamoDB returns the
 * item as it was (ReturnValuesOnConditionCheckFailure) when the memo exists; no item means a
 * missing memo, or an emulator (dynalite) that ignores the option: one GetItem, on this failure
 * path only, tells. Another owner's memo is MemoNotFound, exactly like a missing one.
 */
async function explainConditionFailure(error: unknown, memoId: string, guard: WriteGuard): Promise<unknown> {
  if (!(error instanceof ConditionalCheckFailedException)) return error;
  if (guard.expectedVersion === undefined) return new MemoNotFound(memoId);
  const current = error.Item ? fromItem(unmarshall(error.Item)) : await getMemo(memoId);
  if (!current || (guard.ownerId !== undefined && current.ownerId !== guard.ownerId)) return new MemoNotFound(memoId);
  return new VersionConflict(memoId, guard.expectedVersion, current.version);
}
