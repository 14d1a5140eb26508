import { useId, useRef, type KeyboardEvent } from 'react';
import { resultsText } from './describeSearch.js';
import { TagChips } from './TagChips.js';
import { useSearchShortcut } from './useSearchShortcut.js';
import type { SearchControls } from './useSearchState.js';

/** The id of the search's input: the page moves the focus there when the search is cleared from the list. */
export const SEARCH_INPUT_ID = 'memo-search';

interface SearchBoxProps {
  readonly controls: SearchControls;
  /** How many memos the search finds (undefined: nothing is searched). */
  readonly found: number | undefined;
}

/**
 * The search of the memo list: filters as one types (no submit), the chosen tags as removable
 * chips, and a polite line with the number found. "/" elsewhere focuses it; Escape clears the words
 * and the tags and keeps the focus here, and in an empty search leaves it (blur).
 */
export function SearchBox({ controls, found }: SearchBoxProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  useSearchShortcut(input);
  const { search, searching } = controls;

  const keys = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    if (searching || search.query !== '') {
      controls.clear();
      input.current?.focus();
    } else input.current?.blur();
  };
  const remove = (tag: string) => {
    controls.removeTag(tag);
    input.current?.focus(); // its chip is gone
  };

  return (
    <div role="search" className="memo-search" aria-label="Memos" onKeyDown={keys}>
      <label htmlFor={SEARCH_INPUT_ID}>Search</label>
      <input
        ref={input}
        id={SEARCH_INPUT_ID}
        type="search"
        value={search.query}
        onChange={(event) => controls.setQuery(event.target.value)}
        aria-describedby={`${id}-hint`}
        autoComplete="off"
        spellCheck={false}
      />
      <TagChips tags={search.tags} onRemove={remove} />
      <p id={`${id}-hint`} className="hint">
        Words in titles and content; a memo&apos;s tag narrows to that tag. Press / to search, Escape to clear.
      </p>
      <p className="search-results" aria-live="polite">
        {found === undefined ? '' : resultsText(found, search)}
      </p>
    </div>
  );
}
