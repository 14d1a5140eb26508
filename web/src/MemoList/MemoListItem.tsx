import type { Memo } from '@memo-api/client/offline';
import { Highlighted } from '../Search/Highlighted.js';
import { previewOf, type TextRange } from '../Search/highlightSegments.js';

/** How much of a memo's content its entry shows. */
const PREVIEW_LENGTH = 80;

interface MemoListItemProps {
  readonly memo: Memo;
  readonly id: string;
  readonly current: boolean;
  readonly onOpen: (memoId: string) => void;
  /** What a search matched in a text, to mark (undefined: nothing is searched). */
  readonly highlight?: (text: string) => readonly TextRange[];
  /** A tag of the memo was chosen: the list is narrowed to it. */
  readonly onTag?: (tag: string) => void;
}

/**
 * One memo of the list: a button named by its title; its start, tags and dates as the
 * description: "Created …", the date the list is sorted by, and "edited …" once it was. During a
 * search, what matched is marked in the title and the preview (which then starts at the first
 * match), and each tag is a button that narrows the search to it.
 */
export function MemoListItem({ memo, id, current, onOpen, highlight, onTag }: MemoListItemProps) {
  const title = memo.title?.trim() || 'Untitled';
  const titleRanges = memo.title?.trim() ? highlight?.(title) : undefined;
  const preview = previewOf(memo.content, highlight?.(memo.content) ?? [], PREVIEW_LENGTH);
  return (
    <li className={current ? 'memo-item current' : 'memo-item'}>
      {/* The button holds the title only, so what is seen is what is heard (its name); it covers the whole item (styles.css). */}
      <button
        type="button"
        id={id}
        className="memo-entry"
        aria-current={current || undefined}
        aria-describedby={`${id}-details`}
        onClick={() => onOpen(memo.memoId)}
      >
        <span className="memo-title">
          <Highlighted text={title} ranges={titleRanges} />
        </span>
      </button>
      <span id={`${id}-details`} className="memo-details">
        <span className="snippet">
          <Highlighted text={preview.text} ranges={preview.ranges} />
        </span>
        {memo.tags.length > 0 && (
          <span className="tags">
            {memo.tags.map((tag) =>
              onTag ? (
                <button key={tag} type="button" className="tag" title={`Show only memos tagged ${tag}`} onClick={() => onTag(tag)}>
                  {tag}
                </button>
              ) : (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ),
            )}
          </span>
        )}
        <span className="dates">
          Created <time dateTime={memo.createdAt}>{new Date(memo.createdAt).toLocaleString()}</time>
          {memo.version > 1 && (
            <>
              {' '}
              · edited <time dateTime={memo.updatedAt}>{new Date(memo.updatedAt).toLocaleString()}</time>
            </>
          )}
        </span>
      </span>
    </li>
  );
}
