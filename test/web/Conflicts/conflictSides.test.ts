import { describe, expect, it } from 'vitest';
import { conflictSummary, conflictTitle, mineOf, theirsOf } from '../../../web/src/Conflicts/conflictSides.js';
import { aConflict, aMemo } from '../helpers/memoFactory.js';

const queuedAt = '2026-12-02T09:00:00.000Z';
const base = aMemo({ title: 'Plan', content: 'as it was', tags: ['work'] });

describe('the sides of a conflict', () => {
  it("shows an edit as the memo it would leave: the base with this device's changes", () => {
    const conflict = aConflict(
      { seq: 1, kind: 'update', memoId: base.memoId, changes: { content: 'mine' }, base, queuedAt },
      { ...base, content: 'theirs', version: 2 },
    );
    expect(mineOf(conflict)).toEqual({ deleted: false, title: 'Plan', content: 'mine', tags: ['work'] });
    expect(theirsOf(conflict)).toEqual({ deleted: false, title: 'Plan', content: 'theirs', tags: ['work'] });
    expect(conflictSummary(conflict)).toBe('You edited it here while it was changed on another device.');
  });

  it('shows a delete here and a memo deleted there as deleted', () => {
    const deletedHere = aConflict({ seq: 1, kind: 'delete', memoId: base.memoId, base, queuedAt }, { ...base, version: 2 });
    expect(mineOf(deletedHere)).toEqual({ deleted: true });
    expect(conflictSummary(deletedHere)).toBe('You deleted it here while it was changed on another device.');
    const deletedThere = aConflict({ seq: 1, kind: 'update', memoId: base.memoId, changes: { title: null }, base, queuedAt }, null, {
      kind: 'deleted',
    });
    expect(theirsOf(deletedThere)).toEqual({ deleted: true });
    // The title this device removed: the panel is named by the title the memo had.
    expect(conflictTitle(deletedThere)).toBe('Plan');
  });

  it("words a refused create's ValidationError as the form does, naming the tag by its text", () => {
    const input = { title: null, content: 'words', tags: ['misc', 'work'] };
    const conflict = aConflict({ seq: 1, kind: 'create', memoId: 'new-1', input, queuedAt }, null, {
      kind: 'rejected',
      error: {
        errorType: 'ValidationError',
        message: 'input.tags[1] must be at most 50 characters',
        errorInfo: { field: 'input.tags[1]' },
      },
    });
    expect(conflictTitle(conflict)).toBe('Untitled');
    expect(conflictSummary(conflict)).toBe('The server refused the new memo made here: The tag "work" must be at most 50 characters.');
  });
});
