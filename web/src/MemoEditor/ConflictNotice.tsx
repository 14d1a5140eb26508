import type { Conflict } from './useMemoEditor.js';

interface ConflictNoticeProps {
  readonly conflict: Conflict;
  readonly busy: boolean;
  readonly onReload: () => void;
  readonly onOverwrite: () => void;
}

/**
 * A save held back because it would write over a change made elsewhere to the same field, said as
 * such, with the two ways out. It is an alert (announced at once) and takes the focus, since the
 * save the user asked for did not happen.
 */
export function ConflictNotice({ conflict, busy, onReload, onOverwrite }: ConflictNoticeProps) {
  return (
    <div className="conflict" role="alert">
      <p>
        <strong>This memo changed since you opened it (now version {conflict.currentVersion}).</strong>
      </p>
      <p>Reload shows the current memo (your changes here are dropped); Overwrite saves your text over it.</p>
      <div className="actions">
        <button type="button" onClick={onReload} disabled={busy} autoFocus>
          Reload
        </button>
        <button type="button" className="danger" onClick={onOverwrite} disabled={busy}>
          Overwrite
        </button>
      </div>
    </div>
  );
}
