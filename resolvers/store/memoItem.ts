import type { Memo } from '../../generated/schemaTypes.js';
import { OWNER_INDEX } from './memoTableSchema.js';

/** A memo as the API returns it (title is null, not absent, when unset). */
export type MemoRecord = Required<Omit<Memo, '__typename'>>;

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

export function toItem(memo: MemoRecord): Record<string, unknown> {
  const { title, ...rest } = memo;
  return { ...(title === null ? rest : { ...rest, title }), [OWNER_INDEX.sortKey]: createdAtIdOf(memo) };
}

export function fromItem(item: Record<string, unknown>): MemoRecord {
  return {
    memoId: item.memoId as string,
    ownerId: item.ownerId as string,
    title: (item.title as string | undefined) ?? null,
    content: item.content as string,
    tags: (item.tags as string[] | undefined) ?? [],
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    version: item.version as number,
  };
}

export function ownerIndexKeyOf(item: Record<string, unknown>): OwnerIndexKey {
  return { memoId: item.memoId as string, ownerId: item.ownerId as string, createdAtId: item[OWNER_INDEX.sortKey] as string };
}
