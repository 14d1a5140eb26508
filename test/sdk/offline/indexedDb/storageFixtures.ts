import { vi } from 'vitest';
import type { Conflict, Memo, OfflineStorage, OutboxEntry } from '../../../../sdk/src/offline/types.js';

// The stored state's parts, built as the store builds them, for the storage tests.

export function memo(memoId: string, version = 1): Memo {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toISOString();
  return {
    memoId,
    ownerId: 'alice-sub',
    title: `title of ${memoId}`,
    content: `v${version}`,
    tags: ['x'],
    createdAt: at,
    updatedAt: at,
    version,
  };
}

const queuedAt = '2026-01-02T00:00:00.000Z';

export const createEntry = (seq: number, memoId: string): OutboxEntry => ({
  seq,
  kind: 'create',
  memoId,
  input: { title: 'new', content: 'made offline', tags: ['offline'] },
  queuedAt,
});

export const updateEntry = (seq: number, base: Memo): OutboxEntry => ({
  seq,
  kind: 'update',
  memoId: base.memoId,
  changes: { content: 'edited offline', title: null },
  base,
  queuedAt,
});

export const deleteEntry = (seq: number, base: Memo): OutboxEntry => ({ seq, kind: 'delete', memoId: base.memoId, base, queuedAt });

export const conflict = (id: string, mine: OutboxEntry): Conflict => ({
  id,
  kind: 'changed',
  memoId: mine.memoId,
  mine,
  theirs: memo(mine.memoId, 5),
  error: {
    errorType: 'VersionConflict',
    message: 'The memo changed',
    errorInfo: { memoId: mine.memoId, expectedVersion: 1, currentVersion: 5 },
    path: ['updateMemo'],
  },
  detectedAt: queuedAt,
});

/**
 * The storage's cross-tab notices as a queue: `next()` resolves at the next notice not yet awaited
 * (at once if it came already), so a test waits for a delivery instead of a time.
 */
export function nextChange(storage: OfflineStorage, onNotice: () => void) {
  let heard = 0;
  let awaited = 0;
  let wake: (() => void) | undefined;
  storage.onExternalChange!(() => {
    heard++;
    onNotice();
    wake?.();
  });
  return {
    async next() {
      awaited++;
      while (heard < awaited) await new Promise<void>((resolve) => (wake = resolve));
    },
  };
}

interface FakeObjectStore {
  put: (...args: unknown[]) => unknown;
  /** fake-indexeddb's internal queue of a transaction's requests. */
  transaction: { _execRequestAsync(request: { source: unknown; operation: () => unknown }): unknown; _abort(errorName: string): void };
}

/**
 * Makes the second object-store put from now on meet QuotaExceededError, a fault no real part
 * produces on demand, in each way a browser may report it: thrown by the put; as the request's error,
 * which aborts the transaction with it; or (`commit`) after the request succeeded, as the
 * transaction's error (Chromium checks the quota when a transaction commits). fake-indexeddb's
 * internals (`_execRequestAsync`, `_abort`) fail the request or transaction as its own errors do.
 * Undone by vi.restoreAllMocks.
 */
export function quotaExceeded(IDBObjectStore: { prototype: unknown }, how: 'throw' | 'request' | 'commit') {
  const fault = { injected: 0 };
  const prototype = IDBObjectStore.prototype as FakeObjectStore;
  const { put } = prototype;
  let calls = 0;
  vi.spyOn(prototype, 'put').mockImplementation(function (this: FakeObjectStore, ...args: unknown[]) {
    if (++calls !== 2) return put.apply(this, args);
    fault.injected++;
    const error = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    if (how === 'throw') throw error;
    if (how === 'commit') {
      const request = put.apply(this, args) as { addEventListener(type: 'success', listener: () => void): void };
      request.addEventListener('success', () => this.transaction._abort(error.name));
      return request;
    }
    return this.transaction._execRequestAsync({
      source: this,
      operation: () => {
        throw error;
      },
    });
  });
  return fault;
}
