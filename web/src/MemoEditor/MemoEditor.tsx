import { useId, type FormEvent } from 'react';
import type { Memo, MemoApi } from '../api/memoApi.js';
import { ConflictNotice } from './ConflictNotice.js';
import { useMemoEditor, type EditorEvents } from './useMemoEditor.js';

/** The id of the title field: the page moves the focus there when a memo is opened. */
export const EDITOR_TITLE_ID = 'memo-editor-title';

interface MemoEditorProps extends EditorEvents {
  readonly api: MemoApi;
  /** The memo as it was when opened; undefined for a new one. Later changes elsewhere do not touch the text being edited. */
  readonly memo: Memo | undefined;
  readonly onClose: () => void;
}

/** Create or edit a memo's title, content and tags; delete it; a version conflict offers Reload or Overwrite. */
export function MemoEditor({ api, memo, onClose, ...events }: MemoEditorProps) {
  const id = useId();
  const editor = useMemoEditor(api, memo, events);
  const { base, fields, busy } = editor;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void editor.save();
  };

  return (
    <form className="editor" aria-labelledby={`${id}-heading`} onSubmit={submit}>
      <h2 id={`${id}-heading`}>{base ? 'Edit memo' : 'New memo'}</h2>
      {base && (
        <p className="meta">
          Version {base.version} · updated <time dateTime={base.updatedAt}>{new Date(base.updatedAt).toLocaleString()}</time>
        </p>
      )}
      <label htmlFor={EDITOR_TITLE_ID}>Title</label>
      <input id={EDITOR_TITLE_ID} value={fields.title} onChange={(e) => editor.setTitle(e.target.value)} autoComplete="off" />
      <label htmlFor={`${id}-content`}>Content</label>
      <textarea id={`${id}-content`} value={fields.content} onChange={(e) => editor.setContent(e.target.value)} rows={8} required />
      <label htmlFor={`${id}-tags`}>Tags</label>
      <input id={`${id}-tags`} value={fields.tags} onChange={(e) => editor.setTags(e.target.value)} aria-describedby={`${id}-tags-hint`} autoComplete="off" />
      <p id={`${id}-tags-hint`} className="hint">
        Separate tags with commas.
      </p>
      {editor.error && <p role="alert">{editor.error}</p>}
      {editor.conflict && <ConflictNotice conflict={editor.conflict} busy={busy} onReload={() => void editor.reload()} onOverwrite={() => void editor.overwrite()} />}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {base ? 'Save' : 'Create'}
        </button>
        {base && (
          <button type="button" className="danger" onClick={() => void editor.remove()} disabled={busy}>
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
