import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Memo } from '../../generated/schemaTypes.js';
import { MemoAlreadyExists, MemoNotFound, VersionConflict } from '../lib/errors.js';
import { decodePageToken, encodePageToken } from '../lib/pageToken.js';
import { documentClient, storeConfig } from './dynamoClient.js';

/** A memo as the API returns it (title is null, not absent, when unset). */
export type MemoRecord = Required<Omit<Memo, '__typename'>>;

/** The fields an update may change; an absent key is left as it is, `title: null` removes it. */
export interface MemoChanges {
  title?: string | null;
  content?: string;
  tags?: string[];
}

export interface MemoPage {
  items: MemoRecord[];
  /** An opaque, signed token for the next page; null when the scan is complete. */
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
    throw new MemoAlreadyExists(memo.memoId, stored.version);
  }
}

/** Whether `stored` is what `attempt` would have written, untouched since (timestamps aside). */
function isRetryOf(stored: MemoRecord, attempt: MemoRecord): boolean {
  return (
    stored.version === 1 &&
    stored.title === attempt.title &&
    stored.content === attempt.content &&
    stored.tags.length === attempt.tags.length &&
    stored.tags.every((tag, index) => tag === attempt.tags[index])
  );
}

export async function getMemo(memoId: string): Promise<MemoRecord | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName, Key: { memoId } }));
  return Item ? fromItem(Item) : undefined;
}

/**
 * Applies `changes` in one conditional UpdateItem: the memo must exist (never an upsert) and,
 * when `expectedVersion` is given, still be at that version. Bumps version, sets updatedAt.
 */
export async function updateMemo(
  memoId: string,
  changes: MemoChanges,
  updatedAt: string,
  expectedVersion?: number,
): Promise<MemoRecord> {
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':one': 1, ':updatedAt': updatedAt };
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
  if (expectedVersion !== undefined) values[':expectedVersion'] = expectedVersion;

  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName,
        Key: { memoId },
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: guard(expectedVersion),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return fromItem(Attributes!);
  } catch (error) {
    throw await explainConditionFailure(error, memoId, expectedVersion);
  }
}

/** Deletes the memo under the same guard as updateMemo and returns it as it was. */
export async function deleteMemo(memoId: string, expectedVersion?: number): Promise<MemoRecord> {
  try {
    const { Attributes } = await documentClient.send(
      new DeleteCommand({
        TableName,
        Key: { memoId },
        ConditionExpression: guard(expectedVersion),
        ExpressionAttributeNames: expectedVersion === undefined ? undefined : { '#version': 'version' },
        ExpressionAttributeValues: expectedVersion === undefined ? undefined : { ':expectedVersion': expectedVersion },
        ReturnValues: 'ALL_OLD',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return fromItem(Attributes!);
  } catch (error) {
    throw await explainConditionFailure(error, memoId, expectedVersion);
  }
}

/**
 * One Scan request: at most `limit` memos, after the page `nextToken` ends.
 * @throws {ValidationError} when `nextToken` is not one this store issued
 */
export async function scanMemos(limit: number, nextToken?: string | null): Promise<MemoPage> {
  const startAfter = decodePageToken(nextToken, storeConfig.pageTokenKey);
  const { Items = [], LastEvaluatedKey } = await documentClient.send(
    new ScanCommand({ TableName, Limit: limit, ExclusiveStartKey: startAfter === undefined ? undefined : { memoId: startAfter } }),
  );
  const lastMemoId = LastEvaluatedKey?.memoId as string | undefined;
  return { items: Items.map(fromItem), nextToken: lastMemoId ? encodePageToken(lastMemoId, storeConfig.pageTokenKey) : null };
}

function guard(expectedVersion: number | undefined): string {
  return expectedVersion === undefined
    ? 'attribute_exists(memoId)'
    : 'attribute_exists(memoId) AND #version = :expectedVersion';
}

/**
 * Turns a failed guard into MemoNotFound or VersionConflict. Without expectedVersion only the
 * existence check can have failed. With it, DynamoDB returns the item as it was
 * (ReturnValuesOnConditionCheckFailure) when the memo exists; no item means a missing memo, or an
 * emulator (dynalite) that ignores the option: one GetItem, on this failure path only, tells.
 */
async function explainConditionFailure(error: unknown, memoId: string, expectedVersion?: number): Promise<unknown> {
  if (!(error instanceof ConditionalCheckFailedException)) return error;
  if (expectedVersion === undefined) return new MemoNotFound(memoId);
  const current = error.Item ? fromItem(unmarshall(error.Item)) : await getMemo(memoId);
  return current ? new VersionConflict(memoId, expectedVersion, current.version) : new MemoNotFound(memoId);
}

function toItem(memo: MemoRecord): Record<string, unknown> {
  const { title, ...rest } = memo;
  return title === null ? rest : { ...rest, title };
}

function fromItem(item: Record<string, unknown>): MemoRecord {
  return {
    memoId: item.memoId as string,
    title: (item.title as string | undefined) ?? null,
    content: item.content as string,
    tags: (item.tags as string[] | undefined) ?? [],
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    version: item.version as number,
  };
}
