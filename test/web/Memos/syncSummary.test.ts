import { describe, expect, it } from 'vitest';
import type { MemoApiError } from '../../../sdk/src/errors.js';
import { syncSummary } from '../../../web/src/Memos/syncSummary.js';
import { aConflict, aMemo, aStatus } from '../helpers/memoFactory.js';

const noNetwork: MemoApiError = {
  errorType: 'Unrecognized',
  message: 'Failed to fetch',
  errorInfo: { errorType: 'NetworkError', errorInfo: null },
};
const refused: MemoApiError = { errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.', errorInfo: null };
const conflict = aConflict(
  { seq: 1, kind: 'delete', memoId: 'memo-1', base: aMemo(), queuedAt: '2026-12-02T09:00:00.000Z' },
  aMemo({ version: 2 }),
);

describe('syncSummary', () => {
  it.each([
    ['offline with edits waiting', aStatus({ online: false, pending: 3, lastError: noNetwork }), 'offline · 3 changes waiting'],
    ['offline with one edit waiting', aStatus({ online: false, pending: 1 }), 'offline · 1 change waiting'],
    ['offline with nothing waiting', aStatus({ online: false }), 'offline'],
    ['syncing', aStatus({ pending: 2, syncing: true }), 'syncing…'],
    ['online with edits waiting', aStatus({ pending: 2 }), '2 changes waiting'],
    ['synced', aStatus(), 'synced'],
    ['synced with a conflict', aStatus({ conflicts: [conflict] }), 'synced · 1 conflict to settle'],
    ['offline with two conflicts', aStatus({ online: false, conflicts: [conflict, conflict] }), 'offline · 2 conflicts to settle'],
    [
      'refused by a server that answers',
      aStatus({ online: false, pending: 1, lastError: refused }),
      'not synced: Valid authorization header not provided. · 1 change waiting',
    ],
  ])('says %s', (_, status, expected) => {
    expect(syncSummary(status)).toBe(expected);
  });
});
