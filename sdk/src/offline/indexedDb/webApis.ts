/**
 * The browser APIs the IndexedDB storage uses, typed by what it calls: the SDK is also type-checked
 * without the DOM library (with Node's types), and tests pass in other implementations
 * (fake-indexeddb, Node's own Web Locks and BroadcastChannel).
 */

/** `indexedDB` (IDBFactory): only `open` is used. */
export interface IndexedDbFactory {
  open(name: string, version: number): IndexedDbOpenRequest;
}

/** IDBOpenDBRequest, as far as opening and upgrading need it. */
export interface IndexedDbOpenRequest {
  readonly result: unknown;
  /** A DOMException (an Error) once the open failed. */
  readonly error: Error | null;
  addEventListener(type: 'upgradeneeded', listener: (event: { readonly oldVersion: number }) => void): void;
  addEventListener(type: 'success' | 'error', listener: () => void): void;
}

/** `navigator.locks` (LockManager): an exclusive lock held while `callback`'s promise is pending. */
export interface DrainLockManager {
  request<T>(name: string, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/** The BroadcastChannel class: a channel never receives its own posts, only other channels' of the same name. */
export type ChangeChannelClass = new (name: string) => ChangeChannelPort;

export interface ChangeChannelPort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: () => void): void;
  removeEventListener(type: 'message', listener: () => void): void;
  close(): void;
}

/** The globals of this runtime, read when a storage is made (not at import, so the SDK loads anywhere). */
export function browserGlobals() {
  const scope = globalThis as {
    indexedDB?: IndexedDbFactory;
    navigator?: { locks?: DrainLockManager };
    BroadcastChannel?: ChangeChannelClass;
  };
  return { indexedDB: scope.indexedDB, locks: scope.navigator?.locks, BroadcastChannel: scope.BroadcastChannel };
}
