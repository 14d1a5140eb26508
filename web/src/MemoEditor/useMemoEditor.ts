import type { Memo, OfflineMemoStore } from '@memo-api/client/offline';
import { useEffect, useState } from 'react';
import { describeError } from '../api/errors.js';
import { draftChanges, overwritesChange, sameFields } from './draftChanges.js';
import { checkForm, FIELD_ORDER, type FieldErrors, type FieldName, type FormFields } from './memoForm.js';

export type SavedHow = 'created' | 'updated' | 'unchanged' | 'reloaded';
export interface EditorEvents {
  onSaved(memo: Memo, how: SavedHow): void;
  /** The user asked to delete the memo (the page queues it later, and may take it back). */
  onDelete(memo: Memo): void;
  /** A line for the page's status ("" when a save failed). */
  onStatus(status: string): void;
}
/** A save held back because it would write over a change made elsewhere: the memo's version now. */
export interface Conflict {
  readonly currentVersion: number;
}

const fieldsOf = (memo: Memo | undefined): FormFields => ({
  title: memo?.title ?? '',
  content: memo?.content ?? '',
  tags: memo?.tags.join(', ') ?? '',
});

/**
 * The editor's state and writes, through the offline store: a save is kept on the device at once
 * and queued for the server. Only the fields the user changed are saved, so a change made
 * elsewhere to another field stays. `live` is the memo as the device knows it now (changes from
 * other tabs and devices arrive there): untouched text follows it; typed text is kept, a newer
 * version is announced, and a save that would write over a change to the same field asks first
 * (Reload or Overwrite). A change the device had not heard of yet is caught later by the store
 * as a conflict (the workspace's Conflicts). None (deleted elsewhere) keeps the text, and Save
 * creates it anew.
 */
export function useMemoEditor(store: OfflineMemoStore, memo: Memo | undefined, live: Memo | undefined, events: EditorEvents) {
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
  const changedElsewhere = base !== undefined && live !== undefined && live.version !== base.version && !sameFields(live, base);
  const newerVersion = changedElsewhere && dirty && live.version !== keptOver && !busy && !conflict ? live.version : undefined;

  const show = (shown: Memo) => {
    setBase(shown);
    setFields(fieldsOf(shown));
    setFieldErrors({});
  };
  // Nothing typed: the editor shows the memo as it is now (the server's answer to this save, another tab's edit).
  useEffect(() => {
    if (!dirty && base && live && live !== base && (live.version !== base.version || !sameFields(live, base))) show(live);
  }, [dirty, base, live]);

  const setField = (name: FieldName, value: string) => {
    setFields((current) => ({ ...current, [name]: value }));
    setFieldErrors((current) => ({ ...current, [name]: undefined }));
  };

  async function write(action: () => Promise<Memo | undefined>, how: SavedHow, sentFields: FormFields) {
    setBusy(true);
    setError(undefined);
    setConflict(undefined);
    try {
      const result = await action();
      if (!result) return;
      setBase(result);
      // The stored text (tags as kept), unless the user typed on while it was kept: that is not lost.
      setFields((current) => (current === sentFields ? fieldsOf(result) : current));
      events.onSaved(result, how);
    } catch (failure) {
      events.onStatus('');
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  /** Checks the form by the API's rules, then creates or updates; false when the form is refused. `overwrite`: the user chose to write over the newer version. */
  const save = (overwrite = false): boolean => {
    const { draft, errors } = checkForm(fields);
    setFieldErrors(errors);
    if (Object.values(errors).some(Boolean)) return false;
    const sentFields = fields;
    if (!base || deletedElsewhere) {
      void write(() => store.create(draft), 'created', sentFields);
      return true;
    }
    const changes = draftChanges(base, draft);
    if (Object.keys(changes).length === 0) {
      events.onSaved(base, 'unchanged');
      return true;
    }
    if (live && !overwrite && live.version !== keptOver && overwritesChange(base, live, changes)) {
      setConflict({ currentVersion: live.version });
      return true;
    }
    void write(() => store.update(base.memoId, changes), 'updated', sentFields);
    return true;
  };

  /** The memo as the device has it now, replacing this editor's text ("Reload" of a conflict or of a change elsewhere). */
  const reload = () => {
    setConflict(undefined);
    if (!live) return setError('This memo no longer exists: it was deleted elsewhere.');
    show(live);
    events.onSaved(live, 'reloaded');
  };

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
    /** The choice "Overwrite": the same save again, over the version that won. */
    overwrite: () => save(true),
  };
}
