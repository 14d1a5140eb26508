import type { SyncStatus } from '@memo-api/client/offline';
import { syncSummary } from './syncSummary.js';

/**
 * Where this device's edits are: a polite live region (not a `status` role: the workspace's
 * status line says what the user just did, this one what the network did).
 */
export function SyncLine({ status }: { status: SyncStatus }) {
  return (
    <p className={status.online ? 'sync-line' : 'sync-line offline'} aria-live="polite">
      {syncSummary(status)}
    </p>
  );
}
