import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Amplify } from 'aws-amplify';
import { CONNECTION_STATE_CHANGE, ConnectionState, generateClient, type GraphQLResult, type GraphQLSubscription } from 'aws-amplify/api';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { ConsoleLogger, Hub, sharedInMemoryStorage } from 'aws-amplify/utils';
import { print } from 'graphql';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import {
  CreateMemoDocument,
  DeleteMemoDocument,
  GetMemoDocument,
  ListMemosDocument,
  OnCreateMemoDocument,
  type OnCreateMemoSubscription,
  UpdateMemoDocument,
} from '../../sdk/src/generated/operations.js';
import { TEST_USERS } from '../helpers/localCredentials.js';
import { postGraphQL, useLocalApiProcess } from './helpers/localApiProcess.js';

// Amplify warns at every configure that names a custom userPoolEndpoint, which is the point here.
ConsoleLogger.LOG_LEVEL = 'ERROR';

// Amplify JS v6, configured as an app configures it for AppSync with Cognito user pools: Auth
// signs in against the runtime's pool, the GraphQL client sends the user's access token.
const localApi = useLocalApiProcess();
const signInAlice = () => signIn({ username: 'alice', password: TEST_USERS.alice, options: { authFlowType: 'USER_PASSWORD_AUTH' } });

beforeAll(async () => {
  const { graphqlUrl, region, userPoolId, userPoolClientId, userPoolEndpoint } = await localApi().config();
  Amplify.configure({
    Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint } },
    API: { GraphQL: { endpoint: graphqlUrl, region, defaultAuthMode: 'userPool' } },
  });
  // Node has no localStorage; Amplify would fall back to memory anyway, this makes it explicit.
  cognitoUserPoolsTokenProvider.setKeyValueStorage(sharedInMemoryStorage);
  await signInAlice();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const client = generateClient();

/**
 * client.graphql with a generated document, sent as text: Amplify bundles graphql 15, whose
 * DocumentNode type our graphql 16 documents do not satisfy (at run time either works), and it
 * types the result from a type argument, not from the document.
 */
function run<Result, Variables>(
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
  authToken?: string,
): Promise<GraphQLResult<Result>> {
  return client.graphql<unknown>({ query: print(document), variables, ...(authToken ? { authToken } : {}) }) as Promise<
    GraphQLResult<Result>
  >;
}

/** Amplify rejects with the GraphQL result, `{ data, errors }`, not with an Error. */
async function rejectionOf(promise: Promise<unknown>): Promise<{ data: unknown; errors: any[] }> {
  const outcome = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (outcome === undefined) throw new Error('Expected Amplify to reject');
  return outcome as { data: unknown; errors: any[] };
}

describe('Amplify JS v6 queries and mutations, signed in with Amplify Auth', () => {
  it('creates, gets, updates, lists (newest first) and deletes a memo of the signed-in user', async () => {
    const { userSub } = await fetchAuthSession();
    const { data: older } = await run(CreateMemoDocument, { input: { content: 'older' } });
    const { data: created } = await run(CreateMemoDocument, { input: { title: 'amplify', content: 'first', tags: ['a'] } });
    const memo = created.createMemo;
    expect(memo).toMatchObject({ ownerId: userSub, title: 'amplify', content: 'first', tags: ['a'], version: 1 });

    expect((await run(GetMemoDocument, { memoId: memo.memoId })).data.memo).toEqual(memo);

    const { data: updated } = await run(UpdateMemoDocument, { input: { memoId: memo.memoId, content: 'second', expectedVersion: 1 } });
    expect(updated.updateMemo).toMatchObject({ content: 'second', version: 2, createdAt: memo.createdAt });

    const { data: listed } = await run(ListMemosDocument, { limit: 2 });
    expect(listed.listMemos.items.map((item) => item.memoId)).toEqual([memo.memoId, older.createMemo.memoId]);

    const { data: deleted } = await run(DeleteMemoDocument, { memoId: memo.memoId, expectedVersion: 2 });
    expect(deleted.deleteMemo).toMatchObject({ memoId: memo.memoId, version: 2 });
    expect((await run(GetMemoDocument, { memoId: memo.memoId })).data.memo).toBeNull();
  });

  it('rejects a stale version with the errorType and errorInfo AppSync sends', async () => {
    const { memoId } = (await run(CreateMemoDocument, { input: { content: 'versioned' } })).data.createMemo;

    const { data, errors } = await rejectionOf(run(UpdateMemoDocument, { input: { memoId, content: 'x', expectedVersion: 7 } }));

    expect(data).toBeNull();
    expect(errors).toEqual([
      expect.objectContaining({
        errorType: 'VersionConflict',
        errorInfo: { memoId, expectedVersion: 7, currentVersion: 1 },
        path: ['updateMemo'],
        message: expect.stringContaining('version 1'),
      }),
    ]);
  });

  it('names a forged token UnauthorizedException, from the x-amzn-ErrorType header', async () => {
    // `authToken` replaces the session's token in Authorization (InternalGraphQLAPI._graphql).
    const { tokens } = await fetchAuthSession();
    const token = tokens!.accessToken.toString();
    const forged = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;

    const { errors } = await rejectionOf(run(ListMemosDocument, { limit: 1 }, forged));

    // Amplify wraps the HTTP error: originalError.name comes from x-amzn-ErrorType (without it,
    // "UnknownError"), and a name starting with UnauthorizedException makes the message "Unauthorized".
    expect(errors).toHaveLength(1);
    expect(errors[0].originalError.name).toBe('UnauthorizedException');
    expect(errors[0].originalError.$metadata.httpStatusCode).toBe(401);
    expect(errors[0].message).toBe('Unauthorized');
    expect(errors[0].recoverySuggestion).toContain('authMode');
  });

  it('sends nothing once signed out: Amplify itself throws NoValidAuthTokens', async () => {
    await signOut();
    try {
      // Thrown before any request (graphqlAuth.ts headerBasedAuth), as an Error, not a GraphQL result.
      await expect(run(ListMemosDocument, { limit: 1 })).rejects.toMatchObject({ name: 'NoValidAuthTokens', message: 'No federated jwt' });
    } finally {
      await signInAlice();
    }
  });
});

describe('Amplify JS v6 subscriptions', () => {
  it('dials wss:// for any endpoint, and receives its own events only once its WebSocket dials ws:// (Node)', async () => {
    // Node 20 has no global WebSocket, so Amplify in Node needs one supplied; this one records the
    // URL Amplify asks for and connects to the plain ws:// endpoint instead. In a browser, Amplify uses
    // the page's own WebSocket, so this would mean patching window.WebSocket: not a setup to recommend.
    const requested: string[] = [];
    vi.stubGlobal(
      'WebSocket',
      class extends WebSocket {
        constructor(url: string, protocols: string[]) {
          requested.push(url);
          super(url.replace(/^wss:/, 'ws:'), protocols);
        }
      },
    );
    const connected = new Promise<void>((resolve) => {
      const stop = Hub.listen('api', ({ payload }) => {
        if (
          payload.event === CONNECTION_STATE_CHANGE &&
          (payload.data as { connectionState?: string }).connectionState === ConnectionState.Connected
        ) {
          stop();
          resolve();
        }
      });
    });
    const events: OnCreateMemoSubscription[] = [];
    const subscription = client
      .graphql<GraphQLSubscription<OnCreateMemoSubscription>>({ query: print(OnCreateMemoDocument) })
      .subscribe({ next: ({ data }) => events.push(data) });
    try {
      await connected;
      expect(requested).toEqual([`wss://${new URL(localApi().url).host}/graphql/realtime`]);

      // The SDK's mutation selects MemoFields, ownerId included: the owner filter needs it.
      const bobs = await postGraphQL(
        localApi().url,
        { query: print(CreateMemoDocument), variables: { input: { content: "bob's" } } },
        await localApi().authHeaders('bob'),
      );
      const { memoId } = (await run(CreateMemoDocument, { input: { content: 'live' } })).data.createMemo;
      await vi.waitFor(() => expect(events.map((event) => event.onCreateMemo?.memoId)).toContain(memoId));
      expect(events.map((event) => event.onCreateMemo?.memoId)).not.toContain(bobs.body.data.createMemo.memoId);
    } finally {
      subscription.unsubscribe();
    }
  });
});
