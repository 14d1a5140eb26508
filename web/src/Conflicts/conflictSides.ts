import type { Conflict } from '@memo-api/client/offline';
import { fieldErrorFromApi } from '../MemoEditor/memoForm.js';

/** One side of a conflict as the user reads it: the memo's fields, or that it is deleted. */
export type ConflictSide =
  | { readonly deleted: true }
  | { readonly deleted: false; readonly title: string | null; readonly content: string; readonly tags: readonly string[] };

const DELETED: ConflictSide = { deleted: true };

/** The memo as this device's edit would leave it. */
export function mineOf({ mine }: Conflict): ConflictSide {
  switch (mine.kind) {
    case 'create':
      return { deleted: false, title: mine.input.title ?? null, content: mine.input.content, tags: mine.input.tags ?? [] };
    case 'update': {
      const { changes, base } = mine;
      return {
        deleted: false,
        title: changes.title !== undefined ? changes.title : base.title,
        content: changes.content ?? base.content,
        tags: changes.tags ?? base.tags,
      };
    }
    case 'delete':
      return DELETED;
  }
}

/** The memo as the server holds it now. */
export const theirsOf = ({ theirs }: Conflict): ConflictSide =>
  theirs ? { deleted: false, title: theirs.title, content: theirs.content, tags: theirs.tags } : DELETED;

/** The memo's name in the panel: this device's title, else the server's, else "Untitled". */
export function conflictTitle(conflict: Conflict): string {
  const named = [mineOf(conflict), theirsOf(conflict), baseOf(conflict)].find((side) => side && !side.deleted && side.title?.trim());
  return (named && !named.deleted && named.title?.trim()) || 'Untitled';
}

const baseOf = ({ mine }: Conflict): ConflictSide | undefined => (mine.kind === 'create' ? undefined : { deleted: false, ...mine.base });

/** What happened, in a sentence. */
export function conflictSummary(conflict: Conflict): string {
  const { kind, mine } = conflict;
  if (kind === 'rejected')
    return `The server refused the ${mine.kind === 'create' ? 'new memo' : 'edit'} made here: ${refusalOf(conflict)}`;
  if (kind === 'deleted') return 'You edited it here while it was deleted on another device.';
  return mine.kind === 'delete'
    ? 'You deleted it here while it was changed on another device.'
    : 'You edited it here while it was changed on another device.';
}

/** Why the server refused an edit, worded as the form words it when it can be (a field named as the user typed it). */
function refusalOf(conflict: Conflict): string {
  const { error } = conflict;
  if (!error) return 'no reason given.';
  if (error.errorType === 'ValidationError') {
    const side = mineOf(conflict);
    const sent = side.deleted ? undefined : { title: side.title, content: side.content, tags: [...side.tags] };
    const field = sent && fieldErrorFromApi(error.errorInfo.field, error.message, sent);
    if (field) return field.message;
  }
  return error.message;
}
