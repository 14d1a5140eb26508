/**
 * The device has no room left for the offline store's state (IndexedDB's QuotaExceededError, a
 * full disk): the edit that hit it was not kept, and the call that made it rejects with this, so
 * nothing is lost without the app knowing.
 */
export class OfflineStorageFullError extends Error {
  override readonly name = 'OfflineStorageFullError';

  constructor(options?: { cause?: unknown }) {
    super('This device has no room left to keep the change: free some space and try again.', options);
  }
}
