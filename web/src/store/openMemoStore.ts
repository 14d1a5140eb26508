import { createMemoClient, type MemoClientConfig, type UserPoolSession } from '@memo-api/client';
import { createMemoStore, indexedDbStorage, type OfflineMemoStore } from '@memo-api/client/offline';
import { userSubOf } from './userSub.js';

/** The signed-in user's memos on this device, and how to let go of them. */
export interface OpenedMemoStore {
  readonly store: OfflineMemoStore;
  /** Stops syncing, closes the database and the real-time connection. */
  close(): Promise<void>;
}

/** The IndexedDB database of one user's replica and outbox: named by their `sub`, so each user has their own. */
export const memoDatabaseName = (sub: string) => `memo-app:${sub}`;

/**
 * The offline memo store of the signed-in user (the SDK's createMemoStore over IndexedDB), through
 * a client authorized by the session (its ID token read afresh, refreshed when due). `onLive`
 * hears the real-time connection come up and go down.
 */
export function openMemoStore(config: MemoClientConfig, session: UserPoolSession, onLive: (live: boolean) => void): OpenedMemoStore {
  const user = session.current();
  if (!user) throw new Error('Not signed in');
  const realtime = { on: { connected: () => onLive(true), closed: () => onLive(false) } };
  const client = createMemoClient(config, { auth: session.auth, realtime });
  const store = createMemoStore({ client, storage: indexedDbStorage({ name: memoDatabaseName(userSubOf(user.idToken)) }) });
  return {
    store,
    close: async () => {
      try {
        await store.close();
      } finally {
        client.close();
      }
    },
  };
}
