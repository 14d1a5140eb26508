import type { CreateMemoInput, UpdateMemoInput } from '../../generated/schemaTypes.js';
import { ValidationError } from './errors.js';
import { parseContent, parseTags, parseTitle } from './fieldParsers.js';
import type { MemoRecord } from './memoRecord.js';

/** A field a client writes: CreateMemoInput's, less the memo's id and its owner (schema.graphql). */
export type WritableField = Exclude<keyof CreateMemoInput, 'memoId' | 'ownerId'>;

/** The `absent` of a field a create must send (the schema's `String!`). */
export const REQUIRED = Symbol('required');

/** How one writable field is read from a client and what a memo without it holds. */
export interface WritableFieldRule<T> {
  /** Reads a value a client sent (not null); throws ValidationError naming `path`. */
  readonly parse: (value: unknown, path: string) => T;
  /**
   * What a create that leaves the field out (or sends null) stores, and what a stored item without
   * it reads as. A field whose `absent` is null can be cleared by an update sending null (DynamoDB
   * REMOVE); for any other field an update's null is refused by `parse`.
   */
  readonly absent: T | typeof REQUIRED;
}

/**
 * Every writable field, once: validation (create and update), the store's item mapping and the
 * retry comparison all iterate this table. A field added to the schema's CreateMemoInput (after
 * `npm run codegen`) fails the type-check here until it has a rule, so it can never be stored
 * unvalidated or left out of the comparison that tells a retried create from a different one.
 */
export const WRITABLE_FIELDS: { readonly [K in WritableField]: WritableFieldRule<MemoRecord[K]> } = {
  title: { parse: parseTitle, absent: null },
  content: { parse: parseContent, absent: REQUIRED },
  tags: { parse: parseTags, absent: [] },
};

export const WRITABLE_FIELD_NAMES = Object.keys(WRITABLE_FIELDS) as readonly WritableField[];

type UpdatableOnly = Exclude<Exclude<keyof UpdateMemoInput, 'memoId' | 'expectedVersion'>, WritableField>;
/** Fails to compile while UpdateMemoInput can change a field a create cannot write. */
export const UPDATE_WRITES_THE_SAME_FIELDS: [UpdatableOnly] extends [never] ? true : { updatableOnly: UpdatableOnly } = true;

/** The writable fields of a new memo. */
export type NewMemoFields = Pick<MemoRecord, WritableField>;

/** The fields an update changes; an absent key is left as it is, null clears a field whose `absent` is null. */
export type MemoChanges = { -readonly [K in WritableField]?: MemoRecord[K] };

/** A create's fields: each as its rule reads it, a missing one as its `absent` (a required one is refused). */
export function newMemoFields(input: Readonly<Record<string, unknown>>): NewMemoFields {
  const fields: Record<string, unknown> = {};
  for (const name of WRITABLE_FIELD_NAMES) {
    const rule: WritableFieldRule<unknown> = WRITABLE_FIELDS[name];
    const value = input[name];
    fields[name] = value != null || rule.absent === REQUIRED ? rule.parse(value, `input.${name}`) : copyOf(rule.absent);
  }
  return fields as NewMemoFields;
}

/** An update's changes: only the fields it sends, at least one. */
export function memoChanges(input: Readonly<Record<string, unknown>>): MemoChanges {
  const changes: Record<string, unknown> = {};
  for (const name of WRITABLE_FIELD_NAMES) {
    const rule: WritableFieldRule<unknown> = WRITABLE_FIELDS[name];
    const value = input[name];
    if (value === undefined) continue;
    changes[name] = value === null && rule.absent === null ? null : rule.parse(value, `input.${name}`);
  }
  if (Object.keys(changes).length === 0) {
    throw new ValidationError(
      'input',
      `must change at least one of ${WRITABLE_FIELD_NAMES.slice(0, -1).join(', ')} or ${WRITABLE_FIELD_NAMES.at(-1)}`,
    );
  }
  return changes;
}

/** The writable fields of a stored item (or of fields a program sets), a missing one (never written, or cleared) as its `absent`. */
export function storedFields(item: object): NewMemoFields {
  const values = item as Readonly<Record<string, unknown>>;
  const fields: Record<string, unknown> = {};
  for (const name of WRITABLE_FIELD_NAMES) {
    const rule: WritableFieldRule<unknown> = WRITABLE_FIELDS[name];
    fields[name] = values[name] ?? (rule.absent === REQUIRED ? values[name] : copyOf(rule.absent));
  }
  return fields as NewMemoFields;
}

/** Whether two stored values of a writable field are the same (lists element by element). */
export function sameFieldValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameFieldValue(item, b[index]));
  return a === b;
}

/** A fresh copy of a rule's `absent`, so no two memos share one list. */
function copyOf(value: unknown): unknown {
  return Array.isArray(value) ? [...(value as unknown[])] : value;
}
