import type { CreateMemoInput, UpdateMemoInput } from '../../generated/schemaTypes.js';

/** A field a client writes: CreateMemoInput's, less the memo's id and its owner (schema.graphql). */
export type WritableField = Exclude<keyof CreateMemoInput, 'memoId' | 'ownerId'>;

/**
 * Every writable field, once. What compares a retried create with the stored memo iterates it, so
 * a field added to the schema's input is compared as soon as it is listed, and it must be listed:
 * the checks below fail the type-check until it is (after `npm run codegen`).
 */
export const WRITABLE_FIELDS = ['title', 'content', 'tags'] as const satisfies readonly WritableField[];

type Unlisted = Exclude<WritableField, (typeof WRITABLE_FIELDS)[number]>;
type UpdatableOnly = Exclude<Exclude<keyof UpdateMemoInput, 'memoId' | 'expectedVersion'>, WritableField>;
/** Fails to compile while the schema's CreateMemoInput has a field the list leaves out. */
export const EVERY_WRITABLE_FIELD_LISTED: [Unlisted] extends [never] ? true : { unlisted: Unlisted } = true;
/** Fails to compile while UpdateMemoInput can change a field a create cannot write. */
export const UPDATE_WRITES_THE_SAME_FIELDS: [UpdatableOnly] extends [never] ? true : { updatableOnly: UpdatableOnly } = true;

/** Whether two stored values of a writable field are the same (lists element by element). */
export function sameFieldValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameFieldValue(item, b[index]));
  return a === b;
}
