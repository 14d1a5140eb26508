import type { MemoRecord } from '../lib/memoRecord.js';
import { storedFields } from '../lib/writableFields.js';
import { CHANGED_AT_ATTRIBUTE, FEED_INDEX, OWNER_INDEX, TOMBSTONE_ATTRIBUTES } from './memoTableSchema.js';

export type { MemoRecord } from '../lib/memoRecord.js';

/** The index keys of one memo's item: what a listMemos page continues after. */
export interface OwnerIndexKey {
  memoId: string;
  ownerId: string;
  createdAtId: string;
}

/**
 * The owner index's sort key: creation time, then the id as a tie-break, so memos created in the
 * same millisecond still have one fixed order (ISO-8601 UTC strings sort as times do).
 */
export function createdAtIdOf(memo: Pick<MemoRecord, 'createdAt' | 'memoId'>): string {
  return `${memo.createdAt}#${memo.memoId}`;
}

/** The feed index's sort key: when the memo last changed, then the id as a tie-break. */
export function changedAtIdOf(changedAt: string, memoId: string): string {
  return `${changedAt}#${memoId}`;
}

/**
 * A memo as an item: a null field is left out (it reads back as its `absent`), plus the owner
 * index's sort key and when it changed (a new memo's last change is its creation) with the feed
 * index's sort key.
 */
export function toItem(memo: MemoRecord): Record<string, unknown> {
  const kept = Object.entries(memo).filter(([, value]) => value !== null);
  return {
    ...Object.fromEntries(kept),
    [OWNER_INDEX.sortKey]: createdAtIdOf(memo),
    [CHANGED_AT_ATTRIBUTE]: memo.updatedAt,
    [FEED_INDEX.sortKey]: changedAtIdOf(memo.updatedAt, memo.memoId),
  };
}

export function fromItem(item: Record<string, unknown>): MemoRecord {
  return {
    memoId: item.memoId as string,
    ownerId: item.ownerId as string,
    ...storedFields(item),
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    version: item.version as number,
  };
}

/** Whether an item is a deleted memo's tombstone. */
export function isTombstone(item: Record<string, unknown>): boolean {
  return item[TOMBSTONE_ATTRIBUTES.deletedAt] !== undefined;
}

/** The memo an item holds; undefined for a tombstone, which every read treats as missing. */
export function liveMemoOf(item: Record<string, unknown>): MemoRecord | undefined {
  return isTombstone(item) ? undefined : fromItem(item);
}

export function ownerIndexKeyOf(item: Record<string, unknown>): OwnerIndexKey {
  return { memoId: item.memoId as string, ownerId: item.ownerId as string, createdAtId: item[OWNER_INDEX.sortKey] as string };
}
