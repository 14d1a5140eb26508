import { useEffect, useRef, useState } from 'react';
import { createMemoApi, type MemoApi } from '../api/memoApi.js';
import type { SessionKeeper } from '../auth/session.js';
import type { AppConfig } from '../config.js';
import { MemoWorkspace, type LeaveGuard } from './MemoWorkspace.js';

interface MemosPageProps {
  readonly config: AppConfig;
  readonly keeper: SessionKeeper;
  readonly username: string;
}

/** Signed in: who, "Sign out", and the user's memos through an API client of this sign-in. */
export function MemosPage({ config, keeper, username }: MemosPageProps) {
  const [api, setApi] = useState<MemoApi>();
  const [live, setLive] = useState(false);
  // The workspace's: sign-out waits for unsaved text to be saved or given up, and for a delete waiting for Undo to be sent.
  const leaveGuard = useRef<LeaveGuard>((leave) => leave());
  useEffect(() => {
    // Made in the effect, closed by its cleanup: its real-time connection ends with the sign-in.
    const created = createMemoApi(config, keeper.idToken, setLive);
    setApi(created);
    return () => created.close();
  }, [config, keeper]);

  return (
    <>
      <header className="topbar">
        <h1>Memos</h1>
        <p className={live ? 'live on' : 'live'}>{live ? 'Live' : 'Connecting…'}</p>
        <p className="who">
          Signed in as <strong>{username}</strong>
        </p>
        <button type="button" className="secondary" onClick={() => leaveGuard.current(() => void keeper.signOut())}>
          Sign out
        </button>
      </header>
      {api && <MemoWorkspace api={api} leaveGuard={leaveGuard} />}
    </>
  );
}
