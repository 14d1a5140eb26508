import type { EditableField, Memo, MemoChanges, MemoDraft } from './types.js';

/** Every editable field: a field added to the schema fails the type-check here until it is listed (and `stored` knows it). */
const EVERY_EDITABLE_FIELD: Record<EditableField, true> = { title: true, content: true, tags: true };
/** The fields an edit may set, in the order they are compared. */
export const EDITABLE_FIELDS = Object.keys(EVERY_EDITABLE_FIELD) as EditableField[];

/** The value a memo holds after the server stores `value` for `field` (title null and absent tags read as null and []). */
function stored(field: EditableField, value: MemoChanges[EditableField]): Memo[EditableField] {
  if (field === 'title') return (value as string | null | undefined) ?? null;
  if (field === 'tags') return (value as string[] | null | undefined) ?? [];
  return value as string;
}

export function sameValue(a: Memo[EditableField], b: Memo[EditableField]): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((tag, i) => tag === b[i]);
  return a === b;
}

/** The fields `changes` sets (undefined means "not sent"). */
export function fieldsOf(changes: MemoChanges): EditableField[] {
  return EDITABLE_FIELDS.filter((field) => changes[field] !== undefined);
}

/** `memo` with `changes` applied, as the server would store them. */
export function withChanges(memo: Memo, changes: MemoChanges, updatedAt: string): Memo {
  const next: { -readonly [K in keyof Memo]: Memo[K] } = { ...memo, updatedAt };
  for (const field of fieldsOf(changes)) (next as Record<EditableField, unknown>)[field] = stored(field, changes[field]);
  return next;
}

/** The memo a create shows before the server answers: version 1, the device's clock. */
export function optimisticMemo(memoId: string, ownerId: string, draft: MemoDraft, queuedAt: string): Memo {
  return {
    memoId,
    ownerId,
    title: draft.title ?? null,
    content: draft.content,
    tags: draft.tags ?? [],
    createdAt: queuedAt,
    updatedAt: queuedAt,
    version: 1,
  };
}

/** The fields where `memo` differs from `base`. */
export function changedFields(base: Memo, memo: Memo): EditableField[] {
  return EDITABLE_FIELDS.filter((field) => !sameValue(base[field], memo[field]));
}

/** The draft that creates a memo like `memo` (a `deleted` conflict kept as mine). */
export function draftOf(memo: Memo): MemoDraft {
  return { title: memo.title, content: memo.content, tags: [...memo.tags] };
}

/** Only the entries of `changes` that differ from `memo` (what is left to send). */
export function changesAgainst(memo: Memo, changes: MemoChanges): MemoChanges {
  const left: MemoChanges = {};
  for (const field of fieldsOf(changes)) {
    if (!sameValue(memo[field], stored(field, changes[field]))) (left as Record<EditableField, unknown>)[field] = changes[field];
  }
  return left;
}

/** Newest first by createdAt, ties by memoId: listMemos' order. */
export function newestFirst(a: Memo, b: Memo): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.memoId < b.memoId ? 1 : a.memoId > b.memoId ? -1 : 0;
}
