import { useEffect, useState } from 'react';
import type { Memo, MemoApi } from '../api/memoApi.js';
import { useMemoList } from '../api/useMemoList.js';
import { EDITOR_TITLE_ID, MemoEditor } from '../MemoEditor/MemoEditor.js';
import type { SavedHow } from '../MemoEditor/useMemoEditor.js';
import { LIST_HEADING_ID, MemoList, memoEntryId } from '../MemoList/MemoList.js';

type Selection = { readonly memoId: string } | 'new' | undefined;
/** Where the focus goes after the next render; `ifLost`: only when it fell to the page body (its button vanished). */
type FocusRequest = { readonly id: string; readonly ifLost?: boolean } | undefined;

const SAVED: Record<SavedHow, (memo: Memo) => string> = {
  created: () => 'Memo created.',
  updated: (memo) => `Saved (version ${memo.version}).`,
  reloaded: (memo) => `Reloaded version ${memo.version}.`,
};

/** The list and the editor side by side; says what happened in a status line and moves the focus sensibly. */
export function MemoWorkspace({ api }: { api: MemoApi }) {
  const list = useMemoList(api);
  const [selection, setSelection] = useState<Selection>();
  const [status, setStatus] = useState('');
  const [focus, setFocus] = useState<FocusRequest>();
  useEffect(() => {
    const target = focus && document.getElementById(focus.id);
    if (!focus || !target) return;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (!focus.ifLost || lost) target.focus();
    setFocus(undefined);
  }, [focus, list.memos]);

  const open = (next: Selection) => {
    setSelection(next);
    setStatus('');
    setFocus({ id: EDITOR_TITLE_ID });
  };
  const saved = (memo: Memo, how: SavedHow) => {
    list.upsert(memo);
    setStatus(SAVED[how](memo));
    if (how === 'created') {
      setSelection({ memoId: memo.memoId });
      setFocus({ id: memoEntryId(memo.memoId) });
    } else setFocus({ id: EDITOR_TITLE_ID, ifLost: true });
  };
  const deleted = (memoId: string) => {
    list.remove(memoId);
    setSelection(undefined);
    setStatus('Memo deleted.');
    setFocus({ id: LIST_HEADING_ID });
  };
  const close = () => {
    setSelection(undefined);
    setFocus({ id: selection && selection !== 'new' ? memoEntryId(selection.memoId) : LIST_HEADING_ID });
  };

  const selectedId = selection && selection !== 'new' ? selection.memoId : undefined;
  const openMemo = selectedId === undefined ? undefined : list.memos.find((memo) => memo.memoId === selectedId);
  return (
    <main className="workspace">
      <MemoList
        memos={list.memos}
        selectedId={selectedId}
        loading={list.loading}
        error={list.error}
        hasMore={list.nextToken !== null}
        onLoadMore={list.loadMore}
        onOpen={(memoId) => open({ memoId })}
        onNew={() => open('new')}
      />
      <div className="editor-pane">
        {selection === 'new' && <MemoEditor key="new" api={api} memo={undefined} onSaved={saved} onDeleted={deleted} onClose={close} />}
        {selectedId !== undefined && openMemo && <MemoEditor key={selectedId} api={api} memo={openMemo} onSaved={saved} onDeleted={deleted} onClose={close} />}
        {selectedId !== undefined && !openMemo && <p role="alert">This memo was deleted elsewhere.</p>}
        {selection === undefined && <p className="empty">Open a memo from the list, or create a new one.</p>}
        <p role="status" className="status">
          {status}
        </p>
      </div>
    </main>
  );
}
