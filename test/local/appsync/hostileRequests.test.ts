import { afterAll, describe, expect, it } from 'vitest';
import { AppSyncRealtimeClient, tokenAuth } from '../helpers/appSyncRealtimeClient.js';
import { expectServing, postGraphQL, useLocalApiProcess } from '../helpers/localApiProcess.js';
import { doublingFragmentsQuery, doublingInlineFragmentsQuery, inputWithExtraKeys } from './hostileDocuments.js';

// The security report's requests, sent to the real runtime: each is answered at once in
// AppSync's shape (HTTP 200, data null, a typed error), and the server goes on serving.
const localApi = useLocalApiProcess();
const clients: AppSyncRealtimeClient[] = [];
afterAll(() => Promise.all(clients.map((client) => client.close())));

const CREATE = 'mutation M($input: CreateMemoInput!) { createMemo(input: $input) { memoId } }';
const asAlice = async (body: unknown) => postGraphQL(localApi().url, body, await localApi().authHeaders('alice'));

const expectServerUp = () => expectServing(localApi());

describe('hostile requests over HTTP', () => {
  it('answers the 24-fragment query of the report (980 bytes) with the memos', async () => {
    await asAlice({ query: 'mutation { createMemo(input: { content: "fragments" }) { memoId } }' });
    const { status, body } = await asAlice({ query: doublingFragmentsQuery(24) });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.listMemos.items.length).toBeGreaterThan(0);
  });

  it.each([
    ['fragments that expand past 20,000 selections', { query: doublingInlineFragmentsQuery(24) }, 'expandedSelections'],
    [
      'selection sets nested 3,000 deep',
      { query: `{ listMemos { ${'... on MemoConnection { '.repeat(3000)} nextToken ${'}'.repeat(3000)} } }` },
      'nestingDepth',
    ],
    [
      'list literals nested 3,000 deep',
      { query: `mutation { createMemo(input: { content: "x", tags: ${'['.repeat(3000)}${']'.repeat(3000)} }) { memoId } }` },
      'nestingDepth',
    ],
    // Written out by hand: JSON.stringify itself runs out of stack on such a value.
    [
      'variables nested 100,000 deep',
      `{"query":${JSON.stringify(CREATE)},"variables":{"input":{"content":"x","tags":${'['.repeat(100_000)}${']'.repeat(100_000)}}}}`,
      'nestingDepth',
    ],
    [
      'the 1 MB input of the report (70,000 unknown keys)',
      { query: CREATE, variables: { input: inputWithExtraKeys(70_000) } },
      'unknownInputFields',
    ],
  ])('refuses %s with one short RequestLimitExceeded error and stays up', async (_case, request, limit) => {
    const { status, body } = await asAlice(request);
    expect(status).toBe(200);
    expect(body).toMatchObject({ data: null, errors: [{ errorType: 'RequestLimitExceeded', errorInfo: { limit } }] });
    expect(body.errors).toHaveLength(1);
    expect(JSON.stringify(body).length).toBeLessThan(1000);
    await expectServerUp();
  });
});

describe('hostile subscription starts', () => {
  async function acknowledged(): Promise<AppSyncRealtimeClient> {
    const client = await AppSyncRealtimeClient.connect(
      localApi().realtimeUrl,
      tokenAuth(localApi().realtimeUrl, (await localApi().tokens('alice')).idToken),
    );
    clients.push(client);
    await client.next((message) => message.type === 'connection_ack');
    return client;
  }
  const onCreate = (query: string) =>
    query.replace('query Q { listMemos { items {', 'subscription S { onCreateMemo {').replace('} } }', '} }');

  it('starts the 24-fragment subscription of the report', async () => {
    const client = await acknowledged();
    const id = await client.start(onCreate(doublingFragmentsQuery(24)));
    expect((await client.next((message) => message.id === id)).type).toBe('start_ack');
  });

  it('refuses a start with fragments that expand past 20,000 selections with a typed error for that id, and stays up', async () => {
    const client = await acknowledged();
    const id = await client.start(onCreate(doublingInlineFragmentsQuery(24)));
    const answer = await client.next((message) => message.id === id);
    expect(answer).toMatchObject({
      type: 'error',
      payload: { errors: [{ errorType: 'RequestLimitExceeded', errorInfo: { limit: 'expandedSelections' } }] },
    });
    await expectServerUp();
  });

  it('refuses a start with variables nested 100,000 deep with a typed error for that id, and stays up', async () => {
    const client = await acknowledged();
    // Written out by hand: JSON.stringify itself runs out of stack on such a value.
    const query = JSON.stringify('subscription S($id: ID) { onUpdateMemo(memoId: $id) { memoId } }');
    const data = `{"query":${query},"variables":{"id":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    const authorization = { host: new URL(localApi().url).host, Authorization: (await localApi().tokens('alice')).idToken };
    client.send({ id: 'deep', type: 'start', payload: { data, extensions: { authorization } } });
    const answer = await client.next((message) => message.id === 'deep');
    expect(answer).toMatchObject({
      type: 'error',
      payload: { errors: [{ errorType: 'RequestLimitExceeded', errorInfo: { limit: 'nestingDepth' } }] },
    });
    await expectServerUp();
  });
});
