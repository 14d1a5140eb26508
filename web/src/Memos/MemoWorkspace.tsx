import type { Conflict, ConflictChoice, Memo, OfflineMemoStore } from '@memo-api/client/offline';
import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import { describeError } from '../api/errors.js';
import { ConflictList, CONFLICTS_HEADING_ID } from '../Conflicts/ConflictList.js';
import { conflictTitle } from '../Conflicts/conflictSides.js';
import { EDITOR_TITLE_ID, MemoEditor } from '../MemoEditor/MemoEditor.js';
import type { SavedHow } from '../MemoEditor/useMemoEditor.js';
import { LIST_HEADING_ID, MemoList, memoEntryId } from '../MemoList/MemoList.js';
import { NoMatches } from '../Search/NoMatches.js';
import { SEARCH_INPUT_ID, SearchBox } from '../Search/SearchBox.js';
import { useListSearch } from '../Search/useListSearch.js';
import { useStoredMemos } from '../store/useStoredMemos.js';
import { useSyncStatus } from '../store/useSyncStatus.js';
import { DiscardDialog } from './DiscardDialog.js';
import { LIST_STEP } from './listStep.js';
import { usePendingDelete } from './usePendingDelete.js';

type Selection = { readonly memoId: string } | 'new' | undefined;
/** Where the focus goes after the next render; `ifLost`: only when it fell to the page body (its button vanished). */
type FocusRequest = { readonly id: string; readonly ifLost?: boolean } | undefined;
/** Runs `leave` once nothing unsaved or unsent is in the way (the user may keep editing instead: then never). */
export type LeaveGuard = (leave: () => void) => void;

/** The width (styles.css) below which the editor replaces the list, as on a phone. */
const PHONE_LAYOUT = '(max-width: 44rem)';
// Saved means kept on this device and queued: the sync line says when it reached the server.
const SAVED: Record<SavedHow, (memo: Memo) => string> = {
  created: () => 'Memo created.',
  updated: () => 'Saved.',
  unchanged: () => 'Nothing to save: no field changed.',
  reloaded: (memo) => `Reloaded version ${memo.version}.`,
};
const CHOSEN: Record<ConflictChoice, string> = { mine: 'your version is kept', theirs: 'the other version is kept' };
const titleOf = (memo: Memo) => memo.title?.trim() || 'Untitled';

/**
 * The list and the editor (side by side; on a phone, the editor in place of the list), both read
 * from the device's store, and the conflicts to settle. Says what happened in a status line,
 * moves the focus sensibly, asks before unsaved text is dropped, and deletes with Undo.
 */
export function MemoWorkspace({ store, leaveGuard }: { store: OfflineMemoStore; leaveGuard: MutableRefObject<LeaveGuard> }) {
  const list = useStoredMemos(store);
  const sync = useSyncStatus(store);
  // The list shows what the search finds; the open memo comes from every memo, so a search never closes it.
  const search = useListSearch(store);
  // "Load more" pages through one search's results: each change of the search starts again at one step
  // (state adjusted in the render, as React advises for state that follows a prop, so no frame shows the old count).
  const [paging, setPaging] = useState({ key: search.key, count: LIST_STEP });
  if (paging.key !== search.key) setPaging({ key: search.key, count: LIST_STEP });
  const shownCount = paging.key === search.key ? paging.count : LIST_STEP;
  const [selection, setSelection] = useState<Selection>();
  // A memo just created, until the list's live query shows it (the editor opens it at once either way).
  const [created, setCreated] = useState<Memo>();
  const [status, setStatus] = useState('');
  // Signed in (or reloaded): the focus starts at the list, not on the page body.
  const [focus, setFocus] = useState<FocusRequest>({ id: LIST_HEADING_ID, ifLost: true });
  const dirty = useRef(false);
  const [leaving, setLeaving] = useState<{ readonly leave: () => void }>();
  const deletion = usePendingDelete(store, {
    onRefused: (memo, error) => setStatus(`“${titleOf(memo)}” was not deleted: ${describeError(error)}`),
  });

  useEffect(() => {
    const target = focus && document.getElementById(focus.id);
    if (!focus || !target) return;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (!focus.ifLost || lost) target.focus();
    setFocus(undefined);
  }, [focus, list.memos]);

  const guard: LeaveGuard = (leave) => (dirty.current ? setLeaving({ leave }) : leave());
  useEffect(() => {
    // Signing out: the delete waiting for Undo is queued, and the queue sent if the server can be reached
    // (offline, the edits stay on this device for this user's next sign-in).
    leaveGuard.current = (leave) =>
      guard(() => {
        setStatus('Sending your changes…');
        void deletion
          .send()
          .then(() => store.sync())
          .catch((error: unknown) => console.warn('Not every change was sent before signing out:', error))
          .then(leave);
      });
  });
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => dirty.current && event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);
  const onDirtyChange = useCallback((now: boolean) => {
    dirty.current = now;
  }, []);

  const selectedId = selection && selection !== 'new' ? selection.memoId : undefined;
  const open = (next: Selection) => {
    const same = next === 'new' ? selection === 'new' : next?.memoId === selectedId;
    if (same) return setFocus({ id: EDITOR_TITLE_ID });
    guard(() => {
      dirty.current = false;
      setSelection(next);
      setStatus('');
      setFocus({ id: EDITOR_TITLE_ID });
      if (window.matchMedia(PHONE_LAYOUT).matches) window.scrollTo(0, 0);
    });
  };
  const close = () =>
    guard(() => {
      dirty.current = false;
      setSelection(undefined);
      setFocus({ id: selectedId !== undefined ? memoEntryId(selectedId) : LIST_HEADING_ID });
    });
  const saved = (memo: Memo, how: SavedHow) => {
    setStatus(SAVED[how](memo));
    if (how === 'created') {
      setCreated(memo);
      setSelection({ memoId: memo.memoId });
      // Unless the search hides it: then the focus stays in the editor (an entry never listed would take it later).
      setFocus({ id: search.finds(memo.memoId) ? memoEntryId(memo.memoId) : EDITOR_TITLE_ID });
    } else setFocus({ id: EDITOR_TITLE_ID, ifLost: true });
  };
  const remove = (memo: Memo) => {
    deletion.start(memo);
    dirty.current = false;
    setSelection(undefined);
    setStatus(`“${titleOf(memo)}” deleted.`);
    setFocus({ id: LIST_HEADING_ID });
  };
  const undo = () => {
    const memo = deletion.undo();
    if (!memo) return;
    setStatus(`“${titleOf(memo)}” is back.`);
    setFocus({ id: memoEntryId(memo.memoId) });
  };

  const resolve = async (conflict: Conflict, choice: ConflictChoice) => {
    try {
      await store.resolve(conflict.id, choice);
      setStatus(`“${conflictTitle(conflict)}”: ${CHOSEN[choice]}.`);
      // Its panel is gone: the focus goes to the conflicts left, or to the list after the last one.
      setFocus({ id: sync.conflicts.length > 1 ? CONFLICTS_HEADING_ID : LIST_HEADING_ID, ifLost: true });
    } catch (error) {
      setStatus(`“${conflictTitle(conflict)}” is not settled: ${describeError(error)}`);
    }
  };

  const notDeleted = (memos: readonly Memo[]) =>
    deletion.pending ? memos.filter((memo) => memo.memoId !== deletion.pending?.memoId) : memos;
  const shown = notDeleted(search.found ?? list.memos);
  const listed = selectedId === undefined ? undefined : notDeleted(list.memos).find((memo) => memo.memoId === selectedId);
  const openMemo = listed ?? (created?.memoId === selectedId ? created : undefined);
  useEffect(() => {
    if (created && list.memos.some((memo) => memo.memoId === created.memoId)) setCreated(undefined);
  }, [created, list.memos]);
  const clearSearch = () => {
    search.controls.clear();
    setFocus({ id: SEARCH_INPUT_ID });
  };
  const editorProps = { store, onSaved: saved, onDelete: remove, onStatus: setStatus, onClose: close, onDirtyChange };
  return (
    <main className={selection ? 'workspace editing' : 'workspace'}>
      <MemoList
        memos={shown.slice(0, shownCount)}
        selectedId={selectedId}
        loading={!list.ready}
        updating={sync.syncing}
        error={list.error === undefined ? undefined : `Your memos on this device cannot be opened: ${list.error}`}
        hasMore={shown.length > shownCount}
        onLoadMore={() => setPaging({ key: search.key, count: shownCount + LIST_STEP })}
        onOpen={(memoId) => open({ memoId })}
        onNew={() => open('new')}
        searchBox={<SearchBox controls={search.controls} found={search.found && list.ready ? shown.length : undefined} />}
        noMatches={search.found && <NoMatches search={search.controls.search} onClear={clearSearch} />}
        highlight={search.highlight}
        onTag={search.controls.addTag}
      />
      <div className="editor-pane">
        <ConflictList conflicts={sync.conflicts} onResolve={resolve} />
        {selection === 'new' && <MemoEditor key="new" memo={undefined} live={undefined} {...editorProps} />}
        {selectedId !== undefined && <MemoEditor key={selectedId} memo={openMemo} live={openMemo} {...editorProps} />}
        {selection === undefined && <p className="empty">Open a memo from the list, or create a new one.</p>}
        <div className="status-bar">
          <p role="status" className="status">
            {status}
          </p>
          {deletion.pending && (
            <button type="button" className="secondary" onClick={undo}>
              Undo
            </button>
          )}
        </div>
      </div>
      {leaving && (
        <DiscardDialog
          onKeepEditing={() => {
            setLeaving(undefined);
            setFocus({ id: EDITOR_TITLE_ID });
          }}
          onDiscard={() => {
            setLeaving(undefined);
            dirty.current = false;
            leaving.leave();
          }}
        />
      )}
    </main>
  );
}
