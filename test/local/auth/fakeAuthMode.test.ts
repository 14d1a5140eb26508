import { print, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthModeVerifier } from '../../../local/auth/authModeVerifier.js';
import { headerValue } from '../../../local/auth/headerValue.js';
import { startLocalApi, type LocalApi } from '../../../local/server.js';
import { CreateMemoDocument, ListMemosDocument, OnCreateMemoDocument } from '../../../sdk/src/generated/operations.js';
import { signIn } from '../../helpers/localCredentials.js';
import { AppSyncRealtimeClient, tokenAuth } from '../helpers/appSyncRealtimeClient.js';
import type { GraphQLResponseBody } from '../helpers/localApiProcess.js';

/**
 * A third auth mode added the way the table makes it one entry (local/auth/apiAuthModes.ts): a
 * Lambda authorizer that believes whatever `fake <username>` says, even a real user's name. The
 * API has no rule for the mode (no @aws_lambda in the schema, no owner-filter rule in
 * resolvers/appsync/ownerSubscriptionFilter.ts), so it must fail closed: without a verifier it
 * admits nobody; with one, its callers get nobody's memos and nobody's events.
 */
const FAKE = 'fake ';
const fakeIdentity = (authorization: string | undefined) => {
  if (!authorization?.startsWith(FAKE)) return Promise.reject(new Error('not a fake credential'));
  const username = authorization.slice(FAKE.length);
  return Promise.resolve({ username, sub: users.get(username) ?? username, resolverContext: { username } });
};
const fakeLambdaAuthorizer: AuthModeVerifier = {
  recognizes: (authorization) => authorization.startsWith(FAKE),
  http: (request) => fakeIdentity(request.headers.authorization),
  realtimeConnect: (header) => fakeIdentity(headerValue(header, 'authorization')),
  realtimeStart: (authorization) => fakeIdentity(headerValue(authorization, 'authorization')),
};
/** username → sub, so the fake caller claims a real user's identity down to the `sub`. */
const users = new Map<string, string>();

const clients: AppSyncRealtimeClient[] = [];
afterAll(() => Promise.all(clients.map((client) => client.close())));

async function post(api: LocalApi, authorization: string, document: DocumentNode, variables: Record<string, unknown> = {}) {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return {
    status: response.status,
    errorType: response.headers.get('x-amzn-errortype'),
    body: (await response.json()) as GraphQLResponseBody,
  };
}

async function connect(api: LocalApi, authorization: string): Promise<AppSyncRealtimeClient> {
  const client = await AppSyncRealtimeClient.connect(api.realtimeUrl, tokenAuth(api.realtimeUrl, authorization));
  clients.push(client);
  await client.next((message) => message.type === 'connection_ack' || message.type === 'connection_error');
  return client;
}

async function aliceToken(api: LocalApi): Promise<string> {
  const alice = api.clientConfig.users.find(({ username }) => username === 'alice')!;
  const { idToken } = await signIn(api.clientConfig.userPoolEndpoint, api.clientConfig.userPoolClientId, alice.username, alice.password);
  users.set('alice', (JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string }).sub);
  return idToken;
}

describe('an auth mode the API has no verifier for', () => {
  let api: LocalApi;
  beforeAll(async () => {
    api = await startLocalApi();
    await aliceToken(api);
  });
  afterAll(() => api?.close());

  it('is refused over HTTP with 401 UnauthorizedException, nothing run', async () => {
    const { status, errorType, body } = await post(api, 'fake alice', ListMemosDocument);
    expect({ status, errorType }).toEqual({ status: 401, errorType: 'UnauthorizedException' });
    expect(body).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: expect.any(String) }] });
  });

  it('is refused on real-time connect with connection_error', async () => {
    const client = await connect(api, 'fake alice');
    expect(client.messages[0]).toMatchObject({ type: 'connection_error', payload: { errors: [{ errorType: 'UnauthorizedException' }] } });
    expect(client.messages.some((message) => message.type === 'connection_ack')).toBe(false);
  });
});

describe('an auth mode with a verifier but no rules (a fake Lambda authorizer claiming to be alice)', () => {
  let api: LocalApi;
  let token: string;
  beforeAll(async () => {
    api = await startLocalApi({ additionalAuthModes: { AWS_LAMBDA: fakeLambdaAuthorizer } });
    token = await aliceToken(api);
  });
  afterAll(() => api?.close());

  it('gets in, but reads no memo: every field refuses a mode the schema does not name', async () => {
    await post(api, token, CreateMemoDocument, { input: { content: 'alice, private' } });
    const { status, body } = await post(api, 'fake alice', ListMemosDocument);
    expect(status).toBe(200);
    // listMemos is non-null, so its refusal nulls the whole data.
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({ errorType: 'Unauthorized', message: 'Not Authorized to access listMemos on type Query' }),
    ]);
    expect(JSON.stringify(body)).not.toContain('alice, private');
  });

  it("is refused a subscription, and receives none of the events alice's own subscription receives", async () => {
    const faker = await connect(api, 'fake alice');
    expect(faker.messages[0]).toMatchObject({ type: 'connection_ack' });
    const refusedId = await faker.start(OnCreateMemoDocument);
    const refusal = await faker.next((message) => message.id === refusedId);
    expect(refusal).toMatchObject({
      type: 'error',
      payload: { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onCreateMemo on type Subscription' }] },
    });

    const alice = await connect(api, token);
    const aliceId = await alice.start(OnCreateMemoDocument);
    await alice.next((message) => message.id === aliceId && message.type === 'start_ack');
    const created = await post(api, token, CreateMemoDocument, { input: { content: 'alice, watched' } });
    const memoId = created.body.data.createMemo.memoId as string;
    await alice.next((message) => message.id === aliceId && message.type === 'data');
    expect(alice.dataOf(aliceId)).toEqual([{ data: { onCreateMemo: expect.objectContaining({ memoId }) } }]);
    expect(faker.messages.filter((message) => message.type === 'data')).toEqual([]);
  });
});
