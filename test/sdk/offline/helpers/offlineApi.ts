import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { WebSocket } from 'ws';
import { startLocalApi, type LocalApi } from '../../../../local/server.js';
import { createMemoClient, type MemoClient } from '../../../../sdk/src/core/client.js';
import { parseMemoClientConfig, type MemoClientConfig } from '../../../../sdk/src/core/config.js';
import { userPoolOf } from '../../../../sdk/src/auth/userPool/userPool.js';
import { UserPoolSession, type SignedInUser } from '../../../../sdk/src/auth/userPool/userPoolSession.js';
import { signInWithPassword } from '../../../../sdk/src/auth/userPool/userPoolSignIn.js';
import { ListMemosDocument, type MemoFieldsFragment } from '../../../../sdk/src/generated/operations.js';
import { createMemoStore, type MemoStoreOptions } from '../../../../sdk/src/offline/createMemoStore.js';
import type { OfflineMemoStore, OfflineStorage } from '../../../../sdk/src/offline/types.js';
import type { TestUsername } from '../../../helpers/localCredentials.js';
import { deleteTestTable } from '../../../helpers/testStore.js';

/** What a test file gets: the real local runtime on a table of the run's store (MEMO_TEST_STORE), and ways to reach it. */
export interface OfflineApi {
  readonly api: LocalApi;
  readonly config: MemoClientConfig;
  /** A signed-in session of the user (its ID token refreshed by the session, as apps do). */
  readonly session: (username: TestUsername, stored?: SignedInUser) => Promise<UserPoolSession>;
  /** A client of `session`'s user whose every request goes through `fetch` (default: the real one). */
  readonly client: (session: UserPoolSession, fetch?: typeof globalThis.fetch) => MemoClient;
  /** A store over `storage` for the client, closed after the file; fast retries so tests never wait long. */
  readonly store: (client: MemoClient, storage: OfflineStorage, options?: Partial<MemoStoreOptions>) => OfflineMemoStore;
  /** Every live memo the server holds for the user, read with a client of its own. */
  readonly serverMemos: (username: TestUsername) => Promise<MemoFieldsFragment[]>;
}

/** `dataDir`: where the runtime keeps its user pool's signing key (null: in memory), for tests that forge tokens. */
export function useOfflineApi({ dataDir }: { dataDir?: () => string | null } = {}): () => OfflineApi {
  const tableName = `memoTable-offline-${randomUUID()}`;
  const closers: (() => unknown)[] = [];
  let offlineApi: OfflineApi | undefined;
  beforeAll(async () => {
    const api = await startLocalApi({ dynamodbEndpoint: inject('dynamodbEndpoint'), tableName, dataDir: dataDir?.() ?? null });
    const config = parseMemoClientConfig(api.clientConfig);
    const sessions = new Map<TestUsername, UserPoolSession>();
    // One sign-in per user and file: every device of a test starts from that user's tokens, in a session of its own.
    const signedInUsers = new Map<TestUsername, Promise<SignedInUser>>();
    const signedInUser = (username: TestUsername) => {
      const password = api.clientConfig.users.find((user) => user.username === username)!.password;
      const signingIn =
        signedInUsers.get(username) ??
        signInWithPassword(userPoolOf(config), username, password).then((tokens) => ({ username, ...tokens }));
      signedInUsers.set(username, signingIn);
      return signingIn;
    };
    const session = async (username: TestUsername, stored?: SignedInUser) => {
      const user = stored ?? (await signedInUser(username));
      return new UserPoolSession(userPoolOf(config), { store: { load: () => user, save: () => {} } });
    };
    const client = (signedIn: UserPoolSession, fetch?: typeof globalThis.fetch) => {
      const memoClient = createMemoClient(config, { auth: signedIn.auth, WebSocket, ...(fetch ? { fetch } : {}) });
      closers.push(() => memoClient.close());
      return memoClient;
    };
    offlineApi = {
      api,
      config,
      session,
      client,
      store: (memoClient, storage, options = {}) => {
        const store = createMemoStore({ client: memoClient, storage, backoff: () => 50, requestTimeoutMs: 5_000, ...options });
        closers.push(() => store.close());
        return store;
      },
      serverMemos: async (username) => {
        const signedIn = sessions.get(username) ?? (await session(username));
        sessions.set(username, signedIn);
        const reader = client(signedIn);
        const memos: MemoFieldsFragment[] = [];
        let nextToken: string | null | undefined;
        do {
          const { data, errors } = await reader.request(ListMemosDocument, { limit: 100, nextToken });
          if (errors) throw new Error(JSON.stringify(errors));
          memos.push(...data!.listMemos.items);
          nextToken = data!.listMemos.nextToken;
        } while (nextToken);
        return memos;
      },
    };
    closers.push(
      () => api.close(),
      () => deleteTestTable(tableName),
    );
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });
  return () => {
    if (!offlineApi) throw new Error('The local API is not running (used outside a test?)');
    return offlineApi;
  };
}
