import type { OfflineMemoStore, SyncStatus } from '@memo-api/client/offline';
import { useEffect, useState } from 'react';

/** The store's sync status (online, edits waiting, conflicts, syncing), as it changes. */
export function useSyncStatus(store: OfflineMemoStore): SyncStatus {
  const [status, setStatus] = useState(() => store.status());
  useEffect(() => store.onStatus(setStatus), [store]);
  return status;
}
