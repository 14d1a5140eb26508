import { toMemoApiError } from '@memo-api/client';
import { useState } from 'react';
import { describeError } from '../api/errors.js';
import type { Memo, MemoApi, MemoDraft } from '../api/memoApi.js';
import { checkForm, FIELD_ORDER, fieldErrorFromApi, type FieldErrors, type FieldName, type FormFields } from './memoForm.js';

export type SavedHow = 'created' | 'updated' | 'reloaded';
export interface EditorEvents {
  onSaved(memo: Memo, how: SavedHow): void;
  /** The user asked to delete the memo (the page sends it later, and may take it back). */
  onDelete(memo: Memo): void;
  /** A line for the page's status: "Saving…" while a save is on its way, "" when it failed. */
  onStatus(status: string): void;
}
/** A save refused because the memo moved on: the memo's version now. */
export interface Conflict {
  readonly currentVersion: number;
}

const fieldsOf = (memo: Memo | undefined): FormFields => ({
  title: memo?.title ?? '',
  content: memo?.content ?? '',
  tags: memo?.tags.join(', ') ?? '',
});

/**
 * The editor's state and writes. Every write of an existing memo names the version the editor
 * holds (`expectedVersion`): a change made elsewhere in between is a conflict to show, never a
 * silent overwrite. Overwrite retries with the version the conflict reported. `live` is the memo
 * as the list knows it now (events from other tabs): a newer version is announced before Save;
 * none (deleted elsewhere) keeps the text, and Save creates it anew.
 */
export function useMemoEditor(api: MemoApi, memo: Memo | undefined, live: Memo | undefined, events: EditorEvents) {
  const [base, setBase] = useState(memo);
  const [fields, setFields] = useState(() => fieldsOf(memo));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState<Conflict>();
  const [keptOver, setKeptOver] = useState<number>();

  const deletedElsewhere = base !== undefined && live === undefined;
  const saved = fieldsOf(base);
  const dirty = base ? FIELD_ORDER.some((name) => fields[name] !== saved[name]) : FIELD_ORDER.some((name) => fields[name].trim() !== '');
  const newerVersion =
    base && live && live.version > base.version && live.version !== keptOver && !busy && !conflict ? live.version : undefined;

  const setField = (name: FieldName, value: string) => {
    setFields((current) => ({ ...current, [name]: value }));
    setFieldErrors((current) => ({ ...current, [name]: undefined }));
  };
  const show = (shown: Memo) => {
    setBase(shown);
    setFields(fieldsOf(shown));
    setFieldErrors({});
  };

  async function run(write: () => Promise<void>, sent?: MemoDraft) {
    setBusy(true);
    setError(undefined);
    setConflict(undefined);
    try {
      await write();
    } catch (failure) {
      events.onStatus('');
      const apiError = toMemoApiError(failure);
      const fieldError =
        apiError?.errorType === 'ValidationError' && sent ? fieldErrorFromApi(apiError.errorInfo.field, apiError.message, sent) : undefined;
      if (apiError?.errorType === 'VersionConflict') setConflict({ currentVersion: apiError.errorInfo.currentVersion });
      else if (fieldError) setFieldErrors({ [fieldError.field]: fieldError.message });
      else setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  /** Checks the form by the API's rules, then creates or updates; false when the form is refused before sending. */
  const save = (expectedVersion = base?.version): boolean => {
    const { draft, errors } = checkForm(fields);
    setFieldErrors(errors);
    if (Object.values(errors).some(Boolean)) return false;
    const existing = deletedElsewhere ? undefined : base;
    const sentFields = fields;
    events.onStatus('Saving…');
    void run(async () => {
      const result = existing ? await api.update({ memoId: existing.memoId, ...draft, expectedVersion }) : await api.create(draft);
      setBase(result);
      // The stored text (tags as kept), unless the user typed on while it was saved: that is not lost.
      setFields((current) => (current === sentFields ? fieldsOf(result) : current));
      events.onSaved(result, existing ? 'updated' : 'created');
    }, draft);
    return true;
  };

  /** The memo as it is now, replacing this editor's text ("Reload" of a conflict or of a change elsewhere). */
  const reload = () =>
    run(async () => {
      const current = base && (await api.get(base.memoId));
      if (!current) return setError('This memo no longer exists: it was deleted elsewhere.');
      show(current);
      events.onSaved(current, 'reloaded');
    });

  return {
    base,
    deletedElsewhere,
    fields,
    fieldErrors,
    setField,
    dirty,
    busy,
    error,
    conflict,
    /** The version another tab or device saved since this editor's, until Reload or "Keep my changes". */
    newerVersion,
    keepMyChanges: () => setKeptOver(newerVersion),
    save,
    remove: () => base && events.onDelete(base),
    reload,
    /** The choice "Overwrite": the same save again, against the version that won. */
    overwrite: () => save(conflict?.currentVersion),
  };
}
