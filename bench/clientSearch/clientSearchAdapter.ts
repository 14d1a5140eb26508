/**
 * The one shape every client search library is measured behind (bench section 10): what the
 * offline store would ask of it. Each adapter applies the shared rules (searchMatch.ts) as far as
 * its library can express them; nothing confirms its answers, so the bench counts where they differ.
 */

/** A memo as the replica holds it, for indexing. */
export interface IndexedMemo {
  readonly id: string;
  readonly title: string | null;
  readonly content: string;
  readonly tags: readonly string[];
  /** ISO 8601; newest first is by this. */
  readonly createdAt: string;
}

/** One search as the search box sends it: the text typed so far and the tag chips chosen. */
export interface SearchRequest {
  readonly query: string;
  readonly tags: readonly string[];
}

export interface ClientSearchAdapter {
  /** Indexes every memo, replacing anything indexed before. */
  build(memos: readonly IndexedMemo[]): void;
  /** Ids of the memos found, newest first. */
  search(request: SearchRequest): string[] | Promise<string[]>;
  /** Re-indexes a memo already indexed (an edit). */
  replace(memo: IndexedMemo): void | Promise<void>;
  remove(id: string): void | Promise<void>;
}

/** What each adapter bundle exports: the page imports it by this name. */
export type CreateAdapter = () => ClientSearchAdapter;

/** Newest first, as the server orders: later createdAt first, then the larger id (never equal in practice). */
export function newestFirst(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
