import { useEffect, useRef, useState } from 'react';
import type { SessionKeeper } from '../auth/session.js';
import type { AppConfig } from '../config.js';
import { openMemoStore, type OpenedMemoStore } from '../store/openMemoStore.js';
import { useSyncStatus } from '../store/useSyncStatus.js';
import { MemoWorkspace, type LeaveGuard } from './MemoWorkspace.js';
import { SyncLine } from './SyncLine.js';

interface MemosPageProps {
  readonly config: AppConfig;
  readonly keeper: SessionKeeper;
  readonly username: string;
}

/** Signed in: who, "Sign out", where the edits are, and the user's memos from this device's store of this sign-in. */
export function MemosPage({ config, keeper, username }: MemosPageProps) {
  const [opened, setOpened] = useState<OpenedMemoStore>();
  const [live, setLive] = useState(false);
  // The workspace's: sign-out waits for unsaved text to be saved or given up, and for a delete waiting for Undo to be queued.
  const leaveGuard = useRef<LeaveGuard>((leave) => leave());
  useEffect(() => {
    // Opened in the effect, closed by its cleanup: syncing and the real-time connection end with the sign-in.
    const store = openMemoStore(config, keeper, setLive);
    setOpened(store);
    return () => void store.close().catch((error: unknown) => console.warn('The memo store did not close cleanly:', error));
  }, [config, keeper]);

  return (
    <>
      <header className="topbar">
        <h1>Memos</h1>
        {/* Read when the connection comes or goes (a re-render): offline, the SDK keeps trying and the sync line counts what waits. */}
        <p className={live ? 'live on' : 'live'}>{live ? 'Live' : navigator.onLine ? 'Connecting…' : 'Offline'}</p>
        <p className="who">
          Signed in as <strong>{username}</strong>
        </p>
        <button type="button" className="secondary" onClick={() => leaveGuard.current(() => void keeper.signOut())}>
          Sign out
        </button>
      </header>
      {opened && <StoreSyncLine store={opened.store} />}
      {opened && <MemoWorkspace store={opened.store} leaveGuard={leaveGuard} />}
    </>
  );
}

function StoreSyncLine({ store }: { store: OpenedMemoStore['store'] }) {
  return <SyncLine status={useSyncStatus(store)} />;
}
