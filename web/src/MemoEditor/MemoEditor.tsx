import { useEffect, useId, type FormEvent, type KeyboardEvent } from 'react';
import type { Memo, OfflineMemoStore } from '@memo-api/client/offline';
import { ConflictNotice } from './ConflictNotice.js';
import { EditorNotice } from './EditorNotice.js';
import { FIELD_ORDER, type FieldName } from './memoForm.js';
import { MemoFields } from './MemoFields.js';
import { useMemoEditor, type EditorEvents } from './useMemoEditor.js';

/** The id of the title field: the page moves the focus there when a memo is opened. */
export const EDITOR_TITLE_ID = 'memo-editor-title';

interface MemoEditorProps extends EditorEvents {
  readonly store: OfflineMemoStore;
  /** The memo as it was when opened; undefined for a new one. Later changes elsewhere do not touch the text being edited. */
  readonly memo: Memo | undefined;
  /** The memo as the device has it now; undefined once it was deleted elsewhere. */
  readonly live: Memo | undefined;
  readonly onClose: () => void;
  /** Whether the text differs from the memo's, for the page to ask before it drops the editor. */
  readonly onDirtyChange: (dirty: boolean) => void;
}

/**
 * Create or edit a memo's title, content and tags; delete it. Escape closes, Ctrl/Cmd+Enter saves.
 * A change elsewhere is announced before Save; a save over it offers Reload or Overwrite; a memo
 * deleted elsewhere keeps its text here, to be saved as a new memo.
 */
export function MemoEditor({ store, memo, live, onClose, onDirtyChange, ...events }: MemoEditorProps) {
  const id = useId();
  const editor = useMemoEditor(store, memo, live, events);
  const { base, busy, dirty, deletedElsewhere } = editor;
  useEffect(() => {
    onDirtyChange(dirty);
  }, [dirty, onDirtyChange]);
  const fieldIds: Record<FieldName, string> = { title: EDITOR_TITLE_ID, content: `${id}-content`, tags: `${id}-tags` };
  // A refused field takes the focus (the first one, in the form's order), so its error is read out.
  const firstInvalid = FIELD_ORDER.find((name) => editor.fieldErrors[name]);
  useEffect(() => {
    if (firstInvalid) document.getElementById(fieldIds[firstInvalid])?.focus();
  }, [editor.fieldErrors]); // on a new set of errors only: not on every keystroke

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) editor.save();
  };
  const keys = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.requestSubmit();
    }
  };
  const saveLabel = deletedElsewhere ? 'Save as new memo' : base ? 'Save' : 'Create';

  return (
    <form className="editor" aria-labelledby={`${id}-heading`} onSubmit={submit} onKeyDown={keys} noValidate>
      <div className="editor-head">
        <button type="button" className="link back" onClick={onClose}>
          Back to the list
        </button>
        <h2 id={`${id}-heading`}>{base ? 'Edit memo' : 'New memo'}</h2>
      </div>
      {base && (
        <p className="meta">
          Version {base.version} · created <time dateTime={base.createdAt}>{new Date(base.createdAt).toLocaleString()}</time>
          {base.version > 1 && (
            <>
              {' '}
              · edited <time dateTime={base.updatedAt}>{new Date(base.updatedAt).toLocaleString()}</time>
            </>
          )}
        </p>
      )}
      {deletedElsewhere && (
        <EditorNotice>
          <strong>This memo was deleted elsewhere.</strong> Your text is still here: “Save as new memo” keeps it as a new memo.
        </EditorNotice>
      )}
      {editor.newerVersion !== undefined && (
        <EditorNotice
          actions={[
            { label: 'Reload', onClick: editor.reload },
            { label: 'Keep my changes', onClick: editor.keepMyChanges },
          ]}
        >
          <strong>This memo was changed elsewhere (now version {editor.newerVersion}).</strong> Reload shows that version (your changes here
          are dropped); if you keep your changes, Save writes them over it.
        </EditorNotice>
      )}
      <MemoFields ids={fieldIds} fields={editor.fields} errors={editor.fieldErrors} onChange={editor.setField} />
      {editor.error && <p role="alert">{editor.error}</p>}
      {editor.conflict && <ConflictNotice conflict={editor.conflict} busy={busy} onReload={editor.reload} onOverwrite={editor.overwrite} />}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {saveLabel}
        </button>
        {base && !deletedElsewhere && (
          <button type="button" className="danger" onClick={editor.remove} disabled={busy}>
            Delete
          </button>
        )}
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
