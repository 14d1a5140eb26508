import type { Conflict, ConflictChoice } from '@memo-api/client/offline';
import { useId, useState } from 'react';
import { conflictSummary, conflictTitle, mineOf, theirsOf, type ConflictSide } from './conflictSides.js';

interface ConflictPanelProps {
  readonly conflict: Conflict;
  readonly onResolve: (conflict: Conflict, choice: ConflictChoice) => Promise<void>;
}

/**
 * One memo whose edit made here met another device's: what happened, the two versions side by
 * side on request, and the choice. Nothing is dropped until the user picks: "Keep mine" sends
 * this device's edit again on the server's current version, "Keep theirs" drops it.
 */
export function ConflictPanel({ conflict, onResolve }: ConflictPanelProps) {
  const id = useId();
  const [both, setBoth] = useState(false);
  const [busy, setBusy] = useState(false);
  const title = conflictTitle(conflict);
  const choose = (choice: ConflictChoice) => {
    setBusy(true);
    void onResolve(conflict, choice).finally(() => setBusy(false));
  };
  // A refused edit would be refused again: the way out is to drop it (after reading it in "See both").
  const canKeepMine = conflict.kind !== 'rejected';

  return (
    <article className="conflict-panel" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
      <h3 id={`${id}-title`}>“{title}”</h3>
      <p id={`${id}-summary`}>{conflictSummary(conflict)}</p>
      <div className="actions">
        {canKeepMine && (
          <button type="button" onClick={() => choose('mine')} disabled={busy}>
            Keep mine
          </button>
        )}
        <button type="button" className={canKeepMine ? 'secondary' : 'danger'} onClick={() => choose('theirs')} disabled={busy}>
          {canKeepMine ? 'Keep theirs' : 'Drop my edit'}
        </button>
        <button type="button" className="secondary" aria-expanded={both} aria-controls={`${id}-both`} onClick={() => setBoth(!both)}>
          {both ? 'Hide both' : 'See both'}
        </button>
      </div>
      {both && (
        <div id={`${id}-both`} className="conflict-sides">
          <Side heading="Mine (this device)" side={mineOf(conflict)} />
          <Side heading="Theirs (the server)" side={theirsOf(conflict)} />
        </div>
      )}
    </article>
  );
}

function Side({ heading, side }: { heading: string; side: ConflictSide }) {
  const id = useId();
  return (
    <section className="conflict-side" aria-labelledby={id}>
      <h4 id={id}>{heading}</h4>
      {side.deleted ? (
        <p className="deleted">Deleted</p>
      ) : (
        <dl>
          <dt>Title</dt>
          <dd>{side.title ?? <em>none</em>}</dd>
          <dt>Content</dt>
          <dd className="content">{side.content}</dd>
          <dt>Tags</dt>
          <dd>{side.tags.length > 0 ? side.tags.join(', ') : <em>none</em>}</dd>
        </dl>
      )}
    </section>
  );
}
