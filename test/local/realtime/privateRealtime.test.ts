import { randomUUID } from 'node:crypto';
import { print, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateMemoDocument,
  DeleteMemoDocument,
  MemoFieldsFragmentDoc,
  OnCreateMemoDocument,
  OnDeleteMemoDocument,
  OnUpdateMemoDocument,
  UpdateMemoDocument,
} from '../../../sdk/src/generated/operations.js';
import { AppSyncRealtimeClient, iamAuth, tokenAuth, type RealtimeAuth } from '../helpers/appSyncRealtimeClient.js';
import { postGraphQL, useLocalApiProcess, type GraphQLResponseBody } from '../helpers/localApiProcess.js';

type Username = 'alice' | 'bob';
type Field = 'onCreateMemo' | 'onUpdateMemo' | 'onDeleteMemo';
type Memo = { memoId: string; ownerId: string } & Record<string, unknown>;

const localApi = useLocalApiProcess();
const clients: AppSyncRealtimeClient[] = [];
afterAll(() => Promise.all(clients.map((client) => client.close())));

const FRAGMENT = print(MemoFieldsFragmentDoc);
/** The SDK's subscription of each field (…MemoFields, optional $memoId). */
const SUBSCRIPTIONS: Record<Field, DocumentNode> = {
  onCreateMemo: OnCreateMemoDocument,
  onUpdateMemo: OnUpdateMemoDocument,
  onDeleteMemo: OnDeleteMemoDocument,
};

/** The `sub` of a token (the runtime verified it; here it is only read). */
const subOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string }).sub;
const idToken = async (username: Username) => (await localApi().tokens(username)).idToken;
/** A start's `payload.extensions.authorization` as a user-pool client sends it. */
const startAuthorization = (token: string) => ({ host: new URL(localApi().realtimeUrl).host, Authorization: token });

async function graphql(
  username: Username,
  document: DocumentNode | string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponseBody> {
  const query = typeof document === 'string' ? document : print(document);
  const { status, body } = await postGraphQL(localApi().url, { query, variables }, await localApi().authHeaders(username));
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data;
}

/** The event of `field` that `username` causes: a new memo, or an update or deletion of theirs. */
async function cause(field: Field, username: Username, memoId?: string): Promise<Memo> {
  if (field === 'onCreateMemo')
    return (await graphql(username, CreateMemoDocument, { input: { content: `${username}'s memo` } })).createMemo;
  if (field === 'onUpdateMemo')
    return (await graphql(username, UpdateMemoDocument, { input: { memoId, content: `${username} was here` } })).updateMemo;
  return (await graphql(username, DeleteMemoDocument, { memoId })).deleteMemo;
}

async function connected(auth: RealtimeAuth): Promise<AppSyncRealtimeClient> {
  const client = await AppSyncRealtimeClient.connect(localApi().realtimeUrl, auth);
  clients.push(client);
  await client.next((message) => message.type === 'connection_ack');
  return client;
}

const asUser = async (username: Username) => connected(tokenAuth(localApi().realtimeUrl, await idToken(username)));

/** Starts a subscription and waits for its start_ack. */
async function started(
  client: AppSyncRealtimeClient,
  document: DocumentNode | string,
  variables: Record<string, unknown> = {},
  authorization?: Record<string, string>,
): Promise<string> {
  const id = await client.start(document, variables, authorization);
  const answer = await client.next((message) => message.id === id);
  expect(answer, JSON.stringify(answer.payload)).toMatchObject({ type: 'start_ack' });
  return id;
}

const event = (client: AppSyncRealtimeClient, id: string) => client.next((message) => message.type === 'data' && message.id === id);

interface Attempt {
  readonly name: string;
  readonly field: Field;
  /** Bob's subscription, given alice's memo (undefined for creates) and sub. */
  subscription(alice: { memoId?: string; sub: string }): { document: DocumentNode | string; variables?: Record<string, unknown> };
  /** Whose token authorizes the connection carrying bob's start (default bob's). */
  readonly connectionOf?: Username;
  /** Which of bob's tokens authorizes the start (default his ID token). */
  readonly bobToken?: 'id' | 'access';
}

const sdk = (field: Field) => () => ({ document: SUBSCRIPTIONS[field] });
const withMemoId =
  (field: Field, transform = (id: string) => id) =>
  ({ memoId }: { memoId?: string }) => ({ document: SUBSCRIPTIONS[field], variables: { memoId: transform(memoId!) } });

/** Every way bob might watch alice's memos with a subscription AppSync accepts. */
const LISTENING_ATTEMPTS: Attempt[] = [
  { name: 'onCreateMemo without arguments', field: 'onCreateMemo', subscription: sdk('onCreateMemo') },
  { name: 'onUpdateMemo without arguments', field: 'onUpdateMemo', subscription: sdk('onUpdateMemo') },
  { name: 'onDeleteMemo without arguments', field: 'onDeleteMemo', subscription: sdk('onDeleteMemo') },
  { name: "onUpdateMemo(memoId: alice's memo)", field: 'onUpdateMemo', subscription: withMemoId('onUpdateMemo') },
  { name: "onDeleteMemo(memoId: alice's memo)", field: 'onDeleteMemo', subscription: withMemoId('onDeleteMemo') },
  {
    name: "onUpdateMemo(memoId: alice's memo in upper case)",
    field: 'onUpdateMemo',
    subscription: withMemoId('onUpdateMemo', (id) => id.toUpperCase()),
  },
  {
    name: "onDeleteMemo(memoId: alice's memo in upper case)",
    field: 'onDeleteMemo',
    subscription: withMemoId('onDeleteMemo', (id) => id.toUpperCase()),
  },
  {
    name: 'onUpdateMemo(memoId: null), inline',
    field: 'onUpdateMemo',
    subscription: () => ({ document: `subscription { onUpdateMemo(memoId: null) { ...MemoFields } } ${FRAGMENT}` }),
  },
  {
    name: "onDeleteMemo with alice's memo id inline, under an alias, selecting no ownerId",
    field: 'onDeleteMemo',
    subscription: ({ memoId }) => ({ document: `subscription { watched: onDeleteMemo(memoId: "${memoId}") { memoId content } }` }),
  },
  {
    name: "onCreateMemo with alice's sub and a memoId as undeclared variables",
    field: 'onCreateMemo',
    subscription: ({ sub }) => ({ document: SUBSCRIPTIONS.onCreateMemo, variables: { ownerId: sub, memoId: sub } }),
  },
  {
    name: 'onUpdateMemo without arguments, started with his access token',
    field: 'onUpdateMemo',
    subscription: sdk('onUpdateMemo'),
    bobToken: 'access',
  },
  {
    name: 'onCreateMemo started as bob on a connection authorized as alice',
    field: 'onCreateMemo',
    subscription: sdk('onCreateMemo'),
    connectionOf: 'alice',
  },
  {
    name: "onUpdateMemo(memoId: alice's memo) started as bob on a connection authorized as alice",
    field: 'onUpdateMemo',
    subscription: withMemoId('onUpdateMemo'),
    connectionOf: 'alice',
  },
];

/** Starts AppSync refuses before any event could flow. */
const REFUSED_ATTEMPTS: [
  name: string,
  start: (client: AppSyncRealtimeClient, alice: { sub: string; token: string; bobToken: string }) => Promise<string>,
  errorType: string,
][] = [
  ['a start without extensions.authorization', (client) => Promise.resolve(sendStart(client, undefined)), 'UnauthorizedException'],
  ['a start with an empty authorization object', (client) => client.start(OnCreateMemoDocument, {}, {}), 'UnauthorizedException'],
  [
    'a start with a garbage token',
    (client) => client.start(OnCreateMemoDocument, {}, startAuthorization('garbage')),
    'UnauthorizedException',
  ],
  [
    "a start with bob's token rewritten to carry alice's sub",
    (client, { sub, bobToken }) => client.start(OnCreateMemoDocument, {}, startAuthorization(withSub(bobToken, sub))),
    'UnauthorizedException',
  ],
  [
    "an unsigned (alg none) token with alice's sub",
    (client, { sub, token }) => client.start(OnCreateMemoDocument, {}, startAuthorization(unsigned(withSub(token, sub)))),
    'UnauthorizedException',
  ],
  [
    'a made-up SigV4 Authorization',
    (client) =>
      client.start(
        OnCreateMemoDocument,
        {},
        startAuthorization(
          'AWS4-HMAC-SHA256 Credential=AKIAFAKE/20250101/us-east-1/appsync/aws4_request, SignedHeaders=host, Signature=00',
        ),
      ),
    'UnauthorizedException',
  ],
  [
    "onCreateMemo(ownerId: alice's sub), an argument the schema does not have",
    (client, { sub }) => client.start(`subscription { onCreateMemo(ownerId: "${sub}") { memoId } }`),
    '',
  ],
];
const TOTAL = LISTENING_ATTEMPTS.length + REFUSED_ATTEMPTS.length;

function sendStart(client: AppSyncRealtimeClient, extensions: object | undefined): string {
  const id = randomUUID();
  client.send({
    id,
    type: 'start',
    payload: { data: JSON.stringify({ query: print(OnCreateMemoDocument), variables: {} }), ...(extensions ? { extensions } : {}) },
  });
  return id;
}
function withSub(token: string, sub: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')), sub };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}
function unsigned(token: string): string {
  const [, payload] = token.split('.');
  return `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
}

let aliceSub: string;
beforeAll(async () => {
  aliceSub = subOf(await idToken('alice'));
});

describe("private subscriptions: bob never receives alice's memos", () => {
  it.each(LISTENING_ATTEMPTS.map((attempt, index) => [`${index + 1}/${TOTAL}`, attempt.name, attempt] as const))(
    "attempt %s: bob's %s receives nothing of alice's, while her own subscriber gets the event",
    async (_number, _name, attempt) => {
      const { field } = attempt;
      const alicesMemo = field === 'onCreateMemo' ? undefined : await cause('onCreateMemo', 'alice');
      const bobsMemo = field === 'onCreateMemo' ? undefined : await cause('onCreateMemo', 'bob');
      const bobTokens = await localApi().tokens('bob');
      const bobStart = startAuthorization(attempt.bobToken === 'access' ? bobTokens.accessToken : bobTokens.idToken);
      const bob = await asUser(attempt.connectionOf ?? 'bob');
      const { document, variables } = attempt.subscription({ memoId: alicesMemo?.memoId, sub: aliceSub });
      const attemptId = await started(bob, document, variables, bobStart);
      // Bob's canary on the same connection: his own event, caused after alice's, must arrive.
      const canaryId = await started(bob, SUBSCRIPTIONS[field], {}, bobStart);
      const alice = await asUser('alice');
      const witnessId = await started(alice, SUBSCRIPTIONS[field], alicesMemo ? { memoId: alicesMemo.memoId } : {});

      const alicesEvent = await cause(field, 'alice', alicesMemo?.memoId);
      expect((await event(alice, witnessId)).payload).toEqual({ data: { [field]: alicesEvent } });
      const bobsEvent = await cause(field, 'bob', bobsMemo?.memoId);
      expect((await event(bob, canaryId)).payload).toEqual({ data: { [field]: bobsEvent } });

      // Messages on one connection keep their order: alice's event would have come before bob's.
      expect(JSON.stringify(bob.messages)).not.toContain(alicesEvent.memoId);
      expect(JSON.stringify(bob.messages)).not.toContain(aliceSub);
      for (const payload of bob.dataOf(attemptId) as { data: Record<string, Memo> }[])
        expect(Object.values(payload.data)[0]?.memoId).toBe(bobsEvent.memoId);
    },
  );

  it.each(
    REFUSED_ATTEMPTS.map(
      ([name, start, errorType], index) => [`${LISTENING_ATTEMPTS.length + index + 1}/${TOTAL}`, name, start, errorType] as const,
    ),
  )('attempt %s: %s is refused with an error for that id', async (_number, _name, start, errorType) => {
    const client = await asUser('bob');
    const id = await start(client, { sub: aliceSub, token: await idToken('alice'), bobToken: await idToken('bob') });
    const answer = await client.next((message) => message.id === id);
    expect(answer.type).toBe('error');
    if (errorType)
      expect(answer.payload.errors).toEqual([expect.objectContaining({ errorType, message: 'You are not authorized to make this call.' })]);
    else expect(answer.payload.errors[0].message).toContain('ownerId');
  });

  it("counts the start's identity, not the connection's: alice's start on bob's connection receives her events", async () => {
    const client = await asUser('bob');
    const id = await started(client, OnCreateMemoDocument, {}, startAuthorization(await idToken('alice')));
    const memo = await cause('onCreateMemo', 'alice');
    expect((await event(client, id)).payload).toEqual({ data: { onCreateMemo: memo } });
  });
});

describe('IAM subscribers and events without ownerId', () => {
  it("an IAM subscriber receives every user's creates, updates and deletes", async () => {
    const iam = await connected(iamAuth(localApi().realtimeUrl));
    const ids = { onCreateMemo: '', onUpdateMemo: '', onDeleteMemo: '' } satisfies Record<Field, string>;
    for (const field of Object.keys(ids) as Field[]) ids[field] = await started(iam, SUBSCRIPTIONS[field]);
    const expected: Record<Field, Memo[]> = { onCreateMemo: [], onUpdateMemo: [], onDeleteMemo: [] };
    for (const username of ['alice', 'bob'] as const) {
      const memo = await cause('onCreateMemo', username);
      expected.onCreateMemo.push(memo);
      expected.onUpdateMemo.push(await cause('onUpdateMemo', username, memo.memoId));
      expected.onDeleteMemo.push(await cause('onDeleteMemo', username, memo.memoId));
    }
    await iam.next((message) => message.id === ids.onDeleteMemo && iam.dataOf(ids.onDeleteMemo).length === 2);
    for (const field of Object.keys(ids) as Field[])
      expect(iam.dataOf(ids[field])).toEqual(expected[field].map((memo) => ({ data: { [field]: memo } })));
    expect(expected.onCreateMemo.map((memo) => memo.ownerId)).toEqual([aliceSub, subOf(await idToken('bob'))]);
  });

  it("a create that did not select ownerId reaches none of alice's own subscribers, but an IAM subscriber without memoId", async () => {
    const alice = await asUser('alice');
    const own = await started(alice, OnCreateMemoDocument);
    const iam = await connected(iamAuth(localApi().realtimeUrl));
    const all = await started(iam, 'subscription { onCreateMemo { memoId content } }');

    const bare = (await graphql('alice', 'mutation { createMemo(input: { content: "x" }) { memoId content } }')).createMemo;
    expect((await event(iam, all)).payload).toEqual({ data: { onCreateMemo: bare } });
    const canary = await cause('onCreateMemo', 'alice');
    await event(alice, own);
    expect(alice.dataOf(own)).toEqual([{ data: { onCreateMemo: canary } }]);
  });

  it("an update that did not select ownerId reaches not even alice's onUpdateMemo(memoId), but IAM's onUpdateMemo(memoId)", async () => {
    const memo = await cause('onCreateMemo', 'alice');
    const alice = await asUser('alice');
    const own = await started(alice, OnUpdateMemoDocument, { memoId: memo.memoId });
    const iam = await connected(iamAuth(localApi().realtimeUrl));
    const watched = await started(iam, 'subscription ($memoId: ID) { onUpdateMemo(memoId: $memoId) { memoId content } }', {
      memoId: memo.memoId,
    });

    const bare = (
      await graphql('alice', 'mutation ($memoId: ID!) { updateMemo(input: { memoId: $memoId, content: "y" }) { memoId content } }', {
        memoId: memo.memoId,
      })
    ).updateMemo;
    expect((await event(iam, watched)).payload).toEqual({ data: { onUpdateMemo: bare } });
    const canary = await cause('onUpdateMemo', 'alice', memo.memoId);
    await event(alice, own);
    expect(alice.dataOf(own)).toEqual([{ data: { onUpdateMemo: canary } }]);
  });
});
