import { changedFields, changesAgainst, type Memo, type MemoChanges } from '@memo-api/client/offline';
import type { MemoDraft } from './memoForm.js';

/** The fields the user changed: only these are sent, so a change made elsewhere to another field is kept (a field-wise merge). */
export const draftChanges = (base: Memo, draft: MemoDraft): MemoChanges => changesAgainst(base, draft);

/** Whether `changes` sets a field that `now` no longer holds as `base` did: saving them would write over a change made elsewhere. */
export const overwritesChange = (base: Memo, now: Memo, changes: MemoChanges): boolean =>
  changedFields(base, now).some((field) => changes[field] !== undefined);

/** Whether two versions of a memo read the same (their versions aside). */
export const sameFields = (a: Memo, b: Memo) => changedFields(a, b).length === 0;
