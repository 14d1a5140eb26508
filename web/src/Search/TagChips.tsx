interface TagChipsProps {
  readonly tags: readonly string[];
  readonly onRemove: (tag: string) => void;
}

/** The tags the search is narrowed to, each a button that removes it. */
export function TagChips({ tags, onRemove }: TagChipsProps) {
  if (tags.length === 0) return null;
  return (
    <ul className="tag-chips" aria-label="Tag filters">
      {tags.map((tag) => (
        <li key={tag}>
          <button type="button" className="tag-chip" onClick={() => onRemove(tag)}>
            <span className="visually-hidden">Stop filtering by tag </span>
            {tag}
            <span aria-hidden="true"> ×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
