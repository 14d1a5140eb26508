import { validate as isUuid } from 'uuid';
import type { CreateMemoInput, UpdateMemoInput } from '../../generated/schemaTypes.js';
import { ValidationError } from './errors.js';
import { requireString } from './fieldParsers.js';
import { MEMO_LIMITS } from './memoRules.js';
import { memoChanges, newMemoFields, type MemoChanges, type NewMemoFields } from './writableFields.js';

export { MEMO_LIMITS };

export function parseMemoId(value: unknown, field = 'memoId'): string {
  const memoId = requireString(value, field);
  if (!isUuid(memoId)) throw new ValidationError(field, 'must be a UUID');
  return memoId.toLowerCase();
}

/** A user-pool `sub` (Cognito's are UUIDs), as an owner id; stored lower-case like memo ids. */
export function parseOwnerId(value: unknown, field: string): string {
  const ownerId = requireString(value, field);
  if (!isUuid(ownerId)) throw new ValidationError(field, 'must be a user-pool sub (a UUID)');
  return ownerId.toLowerCase();
}

export interface CreateRequest {
  /** The client's own id for the memo (makes retries idempotent), or undefined to have one assigned. */
  memoId: string | undefined;
  /** As sent (only IAM callers may send it; see ownerFor). */
  ownerId: unknown;
  fields: NewMemoFields;
}

export function parseCreateInput(input: CreateMemoInput | null | undefined): CreateRequest {
  const fields = requireObject(input, 'input');
  return {
    memoId: fields.memoId == null ? undefined : parseMemoId(fields.memoId, 'input.memoId'),
    ownerId: fields.ownerId,
    fields: newMemoFields(fields),
  };
}

export interface UpdateRequest {
  memoId: string;
  changes: MemoChanges;
  expectedVersion: number | undefined;
}

/** Only the fields present in the input change; at least one must be. */
export function parseUpdateInput(input: UpdateMemoInput | null | undefined): UpdateRequest {
  const fields = requireObject(input, 'input');
  const memoId = parseMemoId(fields.memoId, 'input.memoId');
  return {
    memoId,
    changes: memoChanges(fields),
    expectedVersion: parseExpectedVersion(fields.expectedVersion, 'input.expectedVersion'),
  };
}

export function parseExpectedVersion(value: unknown, field = 'expectedVersion'): number | undefined {
  if (value == null) return undefined;
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw new ValidationError(field, 'must be an integer of at least 1');
  }
  return value as number;
}

export function parseListLimit(value: unknown): number {
  if (value == null) return MEMO_LIMITS.listLimitDefault;
  const { listLimitMin: min, listLimitMax: max } = MEMO_LIMITS;
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    throw new ValidationError('limit', `must be an integer from ${min} to ${max}`);
  }
  return value as number;
}

function requireObject<T extends object>(value: T | null | undefined, field: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(field, 'must be an object');
  }
  return value;
}
