import type { Memo } from '@memo-api/client/offline';

interface MemoListItemProps {
  readonly memo: Memo;
  readonly id: string;
  readonly current: boolean;
  readonly onOpen: (memoId: string) => void;
}

/**
 * One memo of the list: a button named by its title; its start, tags and dates as the
 * description: "Created …", the date the list is sorted by, and "edited …" once it was.
 */
export function MemoListItem({ memo, id, current, onOpen }: MemoListItemProps) {
  const title = memo.title?.trim() || 'Untitled';
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
        <span className="memo-title">{title}</span>
      </button>
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
