import { toMemoApiError } from '@memo-api/client';
import { useState } from 'react';
import { describeError } from '../api/errors.js';
import type { Memo, MemoApi } from '../api/memoApi.js';

export type SavedHow = 'created' | 'updated' | 'reloaded';
export interface EditorEvents {
  onSaved(memo: Memo, how: SavedHow): void;
  onDeleted(memoId: string): void;
}
/** A write refused because the memo moved on: which write, and the memo's version now. */
export interface Conflict {
  readonly action: 'save' | 'delete';
  readonly currentVersion: number;
}

/** "a, b ,, a" → ["a", "b"]: the tags field is comma-separated. */
export const parseTags = (text: string) => [...new Set(text.split(',').map((tag) => tag.trim()).filter(Boolean))];

/**
 * The editor's state and writes. Every write of an existing memo names the version the editor
 * holds (`expectedVersion`): a change made elsewhere in between is a conflict to show, never a
 * silent overwrite. Overwrite retries with the version the conflict reported.
 */
export function useMemoEditor(api: MemoApi, memo: Memo | undefined, events: EditorEvents) {
  const [base, setBase] = useState(memo);
  const [title, setTitle] = useState(memo?.title ?? '');
  const [content, setContent] = useState(memo?.content ?? '');
  const [tags, setTags] = useState(memo?.tags.join(', ') ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState<Conflict>();

  const show = (shown: Memo) => {
    setBase(shown);
    setTitle(shown.title ?? '');
    setContent(shown.content);
    setTags(shown.tags.join(', '));
  };

  async function run(write: () => Promise<void>, action: Conflict['action']) {
    setBusy(true);
    setError(undefined);
    setConflict(undefined);
    try {
      await write();
    } catch (failure) {
      const apiError = toMemoApiError(failure);
      if (apiError?.errorType === 'VersionConflict') setConflict({ action, currentVersion: apiError.errorInfo.currentVersion });
      else if (apiError?.errorType === 'MemoNotFound' && action === 'delete' && base) events.onDeleted(base.memoId);
      else setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  const save = (expectedVersion = base?.version) =>
    run(async () => {
      const draft = { title: title.trim() || null, content, tags: parseTags(tags) };
      const saved = base ? await api.update({ memoId: base.memoId, ...draft, expectedVersion }) : await api.create(draft);
      setBase(saved);
      events.onSaved(saved, base ? 'updated' : 'created');
    }, 'save');

  const remove = (expectedVersion = base?.version) =>
    run(async () => {
      if (!base || expectedVersion === undefined) return;
      await api.remove(base.memoId, expectedVersion);
      events.onDeleted(base.memoId);
    }, 'delete');

  /** The memo as it is now, replacing this editor's text (the choice "Reload" of a conflict). */
  const reload = () =>
    run(async () => {
      const current = base && (await api.get(base.memoId));
      if (!current) return setError('This memo no longer exists: it was deleted elsewhere.');
      show(current);
      events.onSaved(current, 'reloaded');
    }, 'save');

  /** The choice "Overwrite" (or "Delete anyway"): the same write again, against the version that won. */
  const overwrite = () => (conflict?.action === 'delete' ? remove(conflict.currentVersion) : save(conflict?.currentVersion));

  return { base, fields: { title, content, tags }, setTitle, setContent, setTags, busy, error, conflict, save, remove, reload, overwrite };
}
