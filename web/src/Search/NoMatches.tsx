import { noMatchesText } from './describeSearch.js';
import type { SearchState } from './searchState.js';

/** The empty state of a search: what was searched, and a way back to every memo. */
export function NoMatches({ search, onClear }: { search: SearchState; onClear: () => void }) {
  return (
    <div className="no-matches">
      <p className="empty">{noMatchesText(search)}.</p>
      <button type="button" className="secondary" onClick={onClear}>
        Clear search
      </button>
    </div>
  );
}
