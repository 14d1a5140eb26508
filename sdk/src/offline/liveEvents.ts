import type { MemoClient } from '../core/client.js';
import { OnCreateMemoDocument, OnDeleteMemoDocument, OnUpdateMemoDocument } from '../generated/operations.js';
import type { Memo } from './types.js';

/** A live event: a memo as a create or update left it, or as it was before a delete. */
export type LiveEvent = { readonly kind: 'upsert' | 'delete'; readonly memo: Memo };

export interface LiveHandlers {
  /** AppSync acknowledged a start (the first, or after a reconnect): what happened before may have been missed. */
  readonly started: () => void;
  readonly event: (event: LiveEvent) => void;
  /** A subscription ended with an error (refused, or the connection gave up). */
  readonly failed: (error: unknown) => void;
}

/**
 * Subscribes to the caller's creates, updates and deletes (no arguments: the owner filter gives
 * the caller their own); returns the function that ends all three.
 */
export function subscribeToOwnMemos(client: MemoClient, on: LiveHandlers): () => void {
  const sink = <T>(memoOf: (data: T) => Memo | null | undefined, kind: LiveEvent['kind']) => ({
    started: on.started,
    next: ({ data }: { data: T | null }) => {
      const memo = data ? memoOf(data) : undefined;
      if (memo) on.event({ kind, memo });
    },
    error: on.failed,
    complete: () => {},
  });
  const stops = [
    client.subscribe(
      OnCreateMemoDocument,
      {},
      sink((data) => data.onCreateMemo, 'upsert'),
    ),
    client.subscribe(
      OnUpdateMemoDocument,
      {},
      sink((data) => data.onUpdateMemo, 'upsert'),
    ),
    client.subscribe(
      OnDeleteMemoDocument,
      {},
      sink((data) => data.onDeleteMemo, 'delete'),
    ),
  ];
  return () => stops.forEach((stop) => stop());
}
