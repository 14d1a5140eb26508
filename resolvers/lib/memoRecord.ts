import type { Memo } from '../../generated/schemaTypes.js';

/** A memo as the API returns it (title is null, not absent, when unset): the schema's Memo, every field present. */
export type MemoRecord = Required<Omit<Memo, '__typename'>>;
