import type { Conflict, ConflictChoice } from '@memo-api/client/offline';
import { ConflictPanel } from './ConflictPanel.js';

/** The id of the conflicts' heading: the page moves the focus there when a conflict is settled. */
export const CONFLICTS_HEADING_ID = 'conflicts-heading';

interface ConflictListProps {
  readonly conflicts: readonly Conflict[];
  readonly onResolve: (conflict: Conflict, choice: ConflictChoice) => Promise<void>;
}

/** Every edit of this device that the server did not take as it was, one panel per memo; nothing when there is none. */
export function ConflictList({ conflicts, onResolve }: ConflictListProps) {
  if (conflicts.length === 0) return null;
  return (
    <section className="conflicts" aria-labelledby={CONFLICTS_HEADING_ID}>
      <h2 id={CONFLICTS_HEADING_ID} tabIndex={-1}>
        Conflicts
      </h2>
      <p className="hint">Edits made here that met a change made elsewhere. Nothing is lost until you choose.</p>
      {conflicts.map((conflict) => (
        <ConflictPanel key={conflict.id} conflict={conflict} onResolve={onResolve} />
      ))}
    </section>
  );
}
