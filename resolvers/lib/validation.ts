import { validate as isUuid } from 'uuid';
import type { CreateMemoInput, UpdateMemoInput } from '../../generated/schemaTypes.js';
import type { MemoChanges } from '../store/memoStore.js';
import { ValidationError } from './errors.js';

/** The limits of a memo, in one place so docs, errors and tests agree. */
export const MEMO_LIMITS = {
  titleMaxChars: 200,
  contentMaxBytes: 64 * 1024,
  tagsMax: 20,
  tagMaxChars: 50,
  listLimitMin: 1,
  listLimitMax: 100,
  listLimitDefault: 20,
} as const;

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
  const title = requireString(value, field);
  if (countChars(title) > MEMO_LIMITS.titleMaxChars) {
    throw new ValidationError(field, `must be at most ${MEMO_LIMITS.titleMaxChars} characters`);
  }
  return title;
}

function parseContent(value: unknown, field = 'input.content'): string {
  const content = requireString(value, field);
  if (content.trim() === '') throw new ValidationError(field, 'must not be blank');
  if (Buffer.byteLength(content, 'utf8') > MEMO_LIMITS.contentMaxBytes) {
    throw new ValidationError(field, `must be at most ${MEMO_LIMITS.contentMaxBytes} bytes in UTF-8`);
  }
  return content;
}

/** Tags keep their first-seen order; duplicates are dropped before the count is checked. */
function parseTags(value: unknown, field = 'input.tags'): string[] {
  if (!Array.isArray(value)) throw new ValidationError(field, 'must be a list of strings');
  const tags = [...new Set(value.map((tag, index) => parseTag(tag, `${field}[${index}]`)))];
  if (tags.length > MEMO_LIMITS.tagsMax) {
    throw new ValidationError(field, `must hold at most ${MEMO_LIMITS.tagsMax} distinct tags`);
  }
  return tags;
}

function parseTag(value: unknown, field: string): string {
  const tag = requireString(value, field);
  if (tag.trim() === '') throw new ValidationError(field, 'must not be blank');
  if (countChars(tag) > MEMO_LIMITS.tagMaxChars) {
    throw new ValidationError(field, `must be at most ${MEMO_LIMITS.tagMaxChars} characters`);
  }
  return tag;
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

/** Characters as users count them: Unicode code points, not UTF-16 units. */
function countChars(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
