import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { MemoNotFound, VersionConflict } from '../lib/errors.js';
import { liveMemoOf, type MemoRecord } from './memoItem.js';
import { TOMBSTONE_ATTRIBUTES } from './memoTableSchema.js';

/** What a write to an existing memo requires of it, checked inside the write's own condition. */
export interface WriteGuard {
  /** The memo must still be at this version (optimistic locking). */
  expectedVersion?: number;
  /** The memo must belong to this owner; another owner's memo fails like a missing one. */
  ownerId?: string;
}

/** The memo must exist and not be a tombstone (a deleted memo is missing to every write), then meet the guard. */
export function guardCondition({ expectedVersion, ownerId }: WriteGuard): string {
  return [
    'attribute_exists(memoId)',
    'attribute_not_exists(#deletedAt)',
    ...(ownerId === undefined ? [] : ['#ownerId = :ownerId']),
    ...(expectedVersion === undefined ? [] : ['#version = :expectedVersion']),
  ].join(' AND ');
}

export function guardNames({ expectedVersion, ownerId }: WriteGuard): Record<string, string> {
  return {
    '#deletedAt': TOMBSTONE_ATTRIBUTES.deletedAt,
    ...(ownerId === undefined ? {} : { '#ownerId': 'ownerId' }),
    ...(expectedVersion === undefined ? {} : { '#version': 'version' }),
  };
}

export function guardValues({ expectedVersion, ownerId }: WriteGuard): Record<string, unknown> {
  return {
    ...(ownerId === undefined ? {} : { ':ownerId': ownerId }),
    ...(expectedVersion === undefined ? {} : { ':expectedVersion': expectedVersion }),
  };
}

/**
 * Turns a failed guard into MemoNotFound or VersionConflict. Without expectedVersion only
 * existence (and ownership) can have failed: MemoNotFound, no read. With it, DynamoDB returns the
 * item as it was (ReturnValuesOnConditionCheckFailure) when the memo exists; no item means a
 * missing memo, or an emulator (dynalite) that ignores the option: one GetItem (`getMemo`), on
 * this failure path only, tells. Another owner's memo, and a tombstone, are MemoNotFound, exactly
 * like a missing one.
 */
export async function explainConditionFailure(
  error: unknown,
  memoId: string,
  guard: WriteGuard,
  getMemo: (memoId: string) => Promise<MemoRecord | undefined>,
): Promise<unknown> {
  if (!(error instanceof ConditionalCheckFailedException)) return error;
  if (guard.expectedVersion === undefined) return new MemoNotFound(memoId);
  const current = error.Item ? liveMemoOf(unmarshall(error.Item)) : await getMemo(memoId);
  if (!current || (guard.ownerId !== undefined && current.ownerId !== guard.ownerId)) return new MemoNotFound(memoId);
  return new VersionConflict(memoId, guard.expectedVersion, current.version);
}
