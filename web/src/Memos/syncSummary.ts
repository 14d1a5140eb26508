import type { SyncStatus } from '@memo-api/client/offline';

/** Whether the last sync failed for want of an answer (no network, a timeout) rather than a refusal. */
function unreachable({ lastError }: SyncStatus): boolean {
  if (!lastError) return true;
  const type = lastError.errorType === 'Unrecognized' ? lastError.errorInfo.errorType : lastError.errorType;
  return type === 'NetworkError';
}

/**
 * The status in words: "offline · 2 changes waiting", "2 changes waiting", "syncing…", "synced",
 * and the conflicts to settle. A server that answers but refuses to sync (a session no longer
 * valid, an outage) is said as such, not as "offline".
 */
export function syncSummary(status: SyncStatus): string {
  const waiting = status.pending === 1 ? '1 change waiting' : `${status.pending} changes waiting`;
  const stopped = unreachable(status) ? 'offline' : `not synced: ${status.lastError?.message}`;
  const state = !status.online
    ? status.pending > 0
      ? `${stopped} · ${waiting}`
      : stopped
    : status.syncing
      ? 'syncing…'
      : status.pending > 0
        ? waiting
        : 'synced';
  const conflicts = status.conflicts.length;
  return conflicts === 0 ? state : `${state} · ${conflicts === 1 ? '1 conflict' : `${conflicts} conflicts`} to settle`;
}
