import { useEffect, useId, useRef } from 'react';

interface DiscardDialogProps {
  readonly onKeepEditing: () => void;
  readonly onDiscard: () => void;
}

/**
 * Asked before unsaved edits would be dropped (another memo opened, Close, Escape, sign-out): a
 * modal dialog, so the page behind it is inert; Escape is "Keep editing", which has the focus.
 */
export function DiscardDialog({ onKeepEditing, onDiscard }: DiscardDialogProps) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="confirm"
      aria-labelledby={`${id}-heading`}
      aria-describedby={`${id}-text`}
      onCancel={(event) => {
        event.preventDefault();
        onKeepEditing();
      }}
    >
      <h2 id={`${id}-heading`}>Discard unsaved changes?</h2>
      <p id={`${id}-text`}>Your changes to this memo have not been saved. Discarding them cannot be undone.</p>
      <div className="actions">
        <button type="button" onClick={onKeepEditing} autoFocus>
          Keep editing
        </button>
        <button type="button" className="danger" onClick={onDiscard}>
          Discard
        </button>
      </div>
    </dialog>
  );
}
