import { changedFields, changesAgainst, fieldsOf, sameValue, withChanges } from './memoFields.js';
import type { Memo, MemoChanges } from './types.js';

/**
 * What becomes of a queued update that met VersionConflict, given the memo it was made on
 * (`base`) and the server's memo now (`theirs`) — docs/offline.md, "The conflict rule":
 * - `applied`: theirs already holds every value mine sets (mine reached the server and its
 *   answer was lost, or both devices made the same edit): nothing left to send;
 * - `merge`: the fields mine changed and the fields theirs changed (each against base) do not
 *   overlap, or overlap only where both set the same value: mine is sent again on theirs'
 *   version with what is left of it, no user action;
 * - `conflict`: both changed a field to different values: the user decides.
 */
export type UpdateVerdict =
  | { readonly kind: 'applied' }
  | { readonly kind: 'merge'; readonly changes: MemoChanges }
  | { readonly kind: 'conflict'; readonly fields: readonly string[] };

export function judgeUpdate(base: Memo, changes: MemoChanges, theirs: Memo): UpdateVerdict {
  const left = changesAgainst(theirs, changes);
  if (fieldsOf(left).length === 0) return { kind: 'applied' };
  const mine = withChanges(base, changes, base.updatedAt);
  const theirsChanged = new Set(changedFields(base, theirs));
  const clashing = changedFields(base, mine).filter((field) => theirsChanged.has(field) && !sameValue(mine[field], theirs[field]));
  return clashing.length === 0 ? { kind: 'merge', changes: left } : { kind: 'conflict', fields: clashing };
}
