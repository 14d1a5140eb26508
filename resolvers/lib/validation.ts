import { validate as isUuid } from 'uuid';
import type { CreateMemoInput, UpdateMemoInput } from '../../generated/schemaTypes.js';
import type { MemoChanges } from '../store/memoStore.js';
import { ValidationError } from './errors.js';
import { contentProblem, MEMO_LIMITS, normaliseTags, tagProblem, tagsProblem, titleProblem, type MemoFieldProblem } from './memoRules.js';

export { MEMO_LIMITS };

export interface NewMemoFields {
  title: string | null;
  content: string;
  tags: string[];
}

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
    fields: {
      title: parseTitle(fields.title),
      content: parseContent(fields.content),
      tags: fields.tags == null ? [] : parseTags(fields.tags),
    },
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
  const changes: MemoChanges = {};
  if (fields.title !== undefined) changes.title = parseTitle(fields.title, 'input.title');
  if (fields.content !== undefined) changes.content = parseContent(fields.content, 'input.content');
  if (fields.tags !== undefined) changes.tags = parseTags(fields.tags, 'input.tags');
  if (Object.keys(changes).length === 0) {
    throw new ValidationError('input', 'must change at least one of title, content or tags');
  }
  return {
    memoId,
    changes,
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

function parseTitle(value: unknown, field = 'input.title'): string | null {
  if (value == null) return null;
  return check(requireString(value, field), titleProblem, field);
}

function parseContent(value: unknown, field = 'input.content'): string {
  return check(requireString(value, field), contentProblem, field);
}

/** Tags are trimmed and kept in first-seen order; duplicates ignoring case are dropped (the first spelling stays) before the count is checked. */
function parseTags(value: unknown, field = 'input.tags'): string[] {
  if (!Array.isArray(value)) throw new ValidationError(field, 'must be a list of strings');
  const tags = normaliseTags(value.map((tag, index) => check(requireString(tag, `${field}[${index}]`), tagProblem, `${field}[${index}]`)));
  return check(tags, tagsProblem, field);
}

/** The value, or the field's ValidationError worded for API clients (these messages are part of the API). */
function check<T>(value: T, problemOf: (value: T) => MemoFieldProblem | undefined, field: string): T {
  const problem = problemOf(value);
  if (!problem) return value;
  switch (problem.kind) {
    case 'blank':
      throw new ValidationError(field, 'must not be blank');
    case 'tooLong':
      throw new ValidationError(field, `must be at most ${problem.max} ${problem.unit === 'bytes' ? 'bytes in UTF-8' : 'characters'}`);
    case 'tooManyTags':
      throw new ValidationError(field, `must hold at most ${problem.max} distinct tags`);
  }
}

/** A string that is well-formed Unicode: a lone surrogate would not survive UTF-8 storage. */
function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new ValidationError(field, 'must be a string');
  if (!value.isWellFormed()) throw new ValidationError(field, 'must be valid Unicode (no lone surrogates)');
  return value;
}

function requireObject<T extends object>(value: T | null | undefined, field: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(field, 'must be an object');
  }
  return value;
}
