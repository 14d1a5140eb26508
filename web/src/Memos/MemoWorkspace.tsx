import { toMemoApiError } from '@memo-api/client';
import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import { describeError } from '../api/errors.js';
import type { Memo, MemoApi } from '../api/memoApi.js';
import { useMemoList } from '../api/useMemoList.js';
import { EDITOR_TITLE_ID, MemoEditor } from '../MemoEditor/MemoEditor.js';
import type { SavedHow } from '../MemoEditor/useMemoEditor.js';
import { LIST_HEADING_ID, MemoList, memoEntryId } from '../MemoList/MemoList.js';
import { DiscardDialog } from './DiscardDialog.js';
import { usePendingDelete } from './usePendingDelete.js';

type Selection = { readonly memoId: string } | 'new' | undefined;
/** Where the focus goes after the next render; `ifLost`: only when it fell to the page body (its button vanished). */
type FocusRequest = { readonly id: string; readonly ifLost?: boolean } | undefined;
/** Runs `leave` once nothing unsaved or unsent is in the way (the user may keep editing instead: then never). */
export type LeaveGuard = (leave: () => void) => void;

/** The width (styles.css) below which the editor replaces the list, as on a phone. */
const PHONE_LAYOUT = '(max-width: 44rem)';
const SAVED: Record<SavedHow, (memo: Memo) => string> = {
  created: () => 'Memo created.',
  updated: (memo) => `Saved (version ${memo.version}).`,
  reloaded: (memo) => `Reloaded version ${memo.version}.`,
};
const titleOf = (memo: Memo) => memo.title?.trim() || 'Untitled';

/**
 * The list and the editor (side by side; on a phone, the editor in place of the list). Says what
 * happened in a status line, moves the focus sensibly, asks before unsaved text is dropped, and
 * deletes with Undo.
 */
export function MemoWorkspace({ api, leaveGuard }: { api: MemoApi; leaveGuard: MutableRefObject<LeaveGuard> }) {
  const list = useMemoList(api);
  const [selection, setSelection] = useState<Selection>();
  const [status, setStatus] = useState('');
  // Signed in (or reloaded): the focus starts at the list, not on the page body.
  const [focus, setFocus] = useState<FocusRequest>({ id: LIST_HEADING_ID, ifLost: true });
  const dirty = useRef(false);
  const [leaving, setLeaving] = useState<{ readonly leave: () => void }>();
  const deletion = usePendingDelete(api, {
    onDeleted: (memo) => list.remove(memo.memoId),
    onRefused: (memo, error) =>
      setStatus(
        `“${titleOf(memo)}” was not deleted: ${toMemoApiError(error)?.errorType === 'VersionConflict' ? 'it was changed elsewhere in the meantime.' : describeError(error)}`,
      ),
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
    leaveGuard.current = (leave) => guard(() => void deletion.send().then(leave));
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
    list.upsert(memo);
    setStatus(SAVED[how](memo));
    if (how === 'created') {
      setSelection({ memoId: memo.memoId });
      setFocus({ id: memoEntryId(memo.memoId) });
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

  const shown = deletion.pending ? list.memos.filter((memo) => memo.memoId !== deletion.pending?.memoId) : list.memos;
  const openMemo = selectedId === undefined ? undefined : shown.find((memo) => memo.memoId === selectedId);
  const editorProps = { api, onSaved: saved, onDelete: remove, onStatus: setStatus, onClose: close, onDirtyChange };
  return (
    <main className={selection ? 'workspace editing' : 'workspace'}>
      <MemoList
        memos={shown}
        selectedId={selectedId}
        loading={list.loading}
        error={list.error}
        hasMore={list.nextToken !== null}
        onLoadMore={list.loadMore}
        onOpen={(memoId) => open({ memoId })}
        onNew={() => open('new')}
      />
      <div className="editor-pane">
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
