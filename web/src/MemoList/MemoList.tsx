import { useEffect, useRef, type ReactNode } from 'react';
import type { Memo } from '@memo-api/client/offline';
import type { TextRange } from '../Search/highlightSegments.js';
import { MemoListItem } from './MemoListItem.js';

/** The id of the list's heading: the page moves the focus there after a delete. */
export const LIST_HEADING_ID = 'memo-list-heading';
/** The id of a memo's entry, for moving the focus to it. */
export const memoEntryId = (memoId: string) => `memo-${memoId}`;

interface MemoListProps {
  readonly memos: readonly Memo[];
  readonly selectedId: string | undefined;
  /** The device's copy is still being read. */
  readonly loading: boolean;
  /** A sync is bringing changes in. */
  readonly updating: boolean;
  readonly error: string | undefined;
  readonly hasMore: boolean;
  readonly onLoadMore: () => void;
  readonly onOpen: (memoId: string) => void;
  readonly onNew: () => void;
  /** Above the list: the search box. */
  readonly searchBox?: ReactNode;
  /** Shown instead of "No memos yet" when a search finds nothing. */
  readonly noMatches?: ReactNode;
  /** What a search matched in a text, for the entries to mark. */
  readonly highlight?: (text: string) => readonly TextRange[];
  /** A memo's tag was chosen. */
  readonly onTag?: (tag: string) => void;
}

/**
 * My memos (or what the search above them found), newest first by date created, a step at a time
 * ("Load more"); the open one is marked current.
 */
export function MemoList(props: MemoListProps) {
  const { memos, selectedId, loading, updating, error, hasMore, onLoadMore, onOpen, onNew, searchBox, noMatches, highlight, onTag } = props;
  // After "Load more", the focus goes to the first memo of the new page (the button may be gone).
  const firstOfNextPage = useRef<number>();
  useEffect(() => {
    const index = firstOfNextPage.current;
    if (index === undefined || loading || memos.length <= index) return;
    firstOfNextPage.current = undefined;
    document.getElementById(memoEntryId(memos[index]!.memoId))?.focus();
  }, [memos, loading]);
  const loadMore = () => {
    firstOfNextPage.current = memos.length;
    onLoadMore();
  };

  return (
    <section className="memo-list" aria-labelledby={LIST_HEADING_ID} aria-busy={loading || updating}>
      <div className="list-head">
        <h2 id={LIST_HEADING_ID} tabIndex={-1}>
          My memos
        </h2>
        <button type="button" onClick={onNew}>
          New memo
        </button>
      </div>
      {searchBox}
      <p className="hint">Newest first, by date created.</p>
      {error && <p role="alert">{error}</p>}
      {memos.length === 0 && !loading && !error && (noMatches ?? <p className="empty">No memos yet. Create your first one.</p>)}
      <ul>
        {memos.map((memo) => (
          <MemoListItem
            key={memo.memoId}
            memo={memo}
            id={memoEntryId(memo.memoId)}
            current={memo.memoId === selectedId}
            onOpen={onOpen}
            highlight={highlight}
            onTag={onTag}
          />
        ))}
      </ul>
      {loading && <p className="empty">Loading…</p>}
      {hasMore && !loading && (
        <button type="button" className="secondary" onClick={loadMore}>
          Load more
        </button>
      )}
    </section>
  );
}
