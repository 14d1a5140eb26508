import type { Memo } from '../api/memoApi.js';

interface MemoListItemProps {
  readonly memo: Memo;
  readonly id: string;
  readonly current: boolean;
  readonly onOpen: (memoId: string) => void;
}

/**
 * One memo of the list: a button named by its title alone (short to hear, easy to find), its
 * start, tags and last change as the description.
 */
export function MemoListItem({ memo, id, current, onOpen }: MemoListItemProps) {
  const title = memo.title?.trim() || 'Untitled';
  return (
    <li>
      <button
        type="button"
        id={id}
        className="memo-entry"
        aria-current={current || undefined}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-details`}
        onClick={() => onOpen(memo.memoId)}
      >
        <span id={`${id}-title`} className="memo-title">
          {title}
        </span>
        <span id={`${id}-details`} className="memo-details">
          <span className="snippet">{memo.content.slice(0, 80)}</span>
          {memo.tags.length > 0 && (
            <span className="tags">
              {memo.tags.map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
            </span>
          )}
          <time dateTime={memo.updatedAt}>{new Date(memo.updatedAt).toLocaleString()}</time>
        </span>
      </button>
    </li>
  );
}
