import { describe, expect, it } from 'vitest';
import { judgeUpdate, type UpdateVerdict } from '../../../sdk/src/offline/conflictRule.js';
import type { Memo, MemoChanges } from '../../../sdk/src/offline/types.js';

// The rule docs/offline.md states, case by case: what a queued update that met VersionConflict becomes.
const base: Memo = {
  memoId: '8d0f5a8e-6a43-4a1e-9d6c-0c8f8f5b8a11',
  ownerId: 'owner',
  title: 'title',
  content: 'content',
  tags: ['a'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};
const theirsWith = (changes: Partial<Memo>): Memo => ({ ...base, ...changes, version: 2, updatedAt: '2026-01-02T00:00:00.000Z' });

const cases: [string, MemoChanges, Partial<Memo>, UpdateVerdict][] = [
  [
    'different fields merge, with what is left of mine',
    { content: 'mine' },
    { title: 'theirs' },
    { kind: 'merge', changes: { content: 'mine' } },
  ],
  ['tags against title merge', { tags: ['b'] }, { title: 'theirs' }, { kind: 'merge', changes: { tags: ['b'] } }],
  [
    'the same field to different values is a conflict',
    { content: 'mine' },
    { content: 'theirs' },
    { kind: 'conflict', fields: ['content'] },
  ],
  ['tags in another order are another value', { tags: ['b', 'a'] }, { tags: ['a', 'b'] }, { kind: 'conflict', fields: ['tags'] }],
  ['removing a title theirs changed is a conflict', { title: null }, { title: 'theirs' }, { kind: 'conflict', fields: ['title'] }],
  ['the same value on both sides is already applied', { content: 'same' }, { content: 'same' }, { kind: 'applied' }],
  ['a lost answer (theirs is mine) is already applied', { content: 'mine', tags: [] }, { content: 'mine', tags: [] }, { kind: 'applied' }],
  [
    'an overlap with equal values merges the rest',
    { content: 'same', title: 'mine' },
    { content: 'same' },
    { kind: 'merge', changes: { title: 'mine' } },
  ],
  [
    'one clashing field of two is a conflict',
    { content: 'mine', title: 'mine' },
    { title: 'theirs' },
    { kind: 'conflict', fields: ['title'] },
  ],
];

describe('judgeUpdate', () => {
  it.each(cases)('%s', (_, mine, theirs, verdict) => {
    expect(judgeUpdate(base, mine, theirsWith(theirs))).toEqual(verdict);
  });
});
