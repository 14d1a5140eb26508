import { Client, CombinedError, fetchExchange } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { MemoApiRequestError, toMemoApiError } from '../../sdk/src/errors.js';
import { GetMemoDocument, OnUpdateMemoDocument, UpdateMemoDocument } from '../../sdk/src/generated/operations.js';
import { SubscriptionRefusedError } from '../../sdk/src/realtime/subscriptionRefusedError.js';
import { createUrqlClient, memoSubscriptionExchange } from '../../sdk/src/urql.js';
import { CONFIG, fakeMemoClient, MEMO, TOKEN, UNAUTHORIZED, until, VERSION_CONFLICT } from './helpers/fakeMemoClient.js';

const REFUSED = [{ errorType: 'Unauthorized', message: 'Not Authorized to access onUpdateMemo on type Subscription' }];

describe('createUrqlClient', () => {
  it("POSTs queries to the config's graphqlUrl through client.fetch, which adds the token", async () => {
    const { client, requests, subscriptions } = fakeMemoClient(() => ({ body: { data: { memo: MEMO } } }));
    const result = await createUrqlClient(client).query(GetMemoDocument, { memoId: 'm-1' }).toPromise();
    expect(result.data?.memo?.content).toBe('Hello');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      url: CONFIG.graphqlUrl,
      method: 'POST',
      body: { operationName: 'GetMemo', variables: { memoId: 'm-1' } },
    });
    expect(requests[0]!.headers.get('authorization')).toBe(TOKEN);
    expect(subscriptions).toEqual([]);
  });

  it("keeps the caller's options and exchanges", async () => {
    const { client, requests } = fakeMemoClient(() => ({ body: { data: { memo: MEMO } } }));
    const urql = createUrqlClient(client, { requestPolicy: 'network-only', exchanges: [fetchExchange] });
    await urql.query(GetMemoDocument, { memoId: 'm-1' }).toPromise();
    await urql.query(GetMemoDocument, { memoId: 'm-1' }).toPromise();
    expect(requests).toHaveLength(2); // no cacheExchange: both went out
  });
});

describe('memoSubscriptionExchange', () => {
  it('forwards a subscription to client.realtime (query text, variables, operation name) and stops it on unsubscribe', async () => {
    const { client, requests, subscriptions } = fakeMemoClient();
    const urql = new Client({ url: CONFIG.graphqlUrl, fetch: client.fetch, exchanges: [fetchExchange, memoSubscriptionExchange(client)] });
    const versions: number[] = [];
    const live = urql
      .subscription(OnUpdateMemoDocument, { memoId: 'm-1' })
      .subscribe(({ data }) => data?.onUpdateMemo && versions.push(data.onUpdateMemo.version));
    await until(() => subscriptions.length === 1);
    const [started] = subscriptions;
    expect(started!.payload).toMatchObject({ operationName: 'OnUpdateMemo', variables: { memoId: 'm-1' } });
    expect(started!.payload.query).toMatch(/subscription OnUpdateMemo\(\$memoId: ID\)[^]*fragment MemoFields on Memo/);
    started!.sink.next({ data: { onUpdateMemo: { ...MEMO, version: 2 } } });
    started!.sink.next({ data: { onUpdateMemo: { ...MEMO, version: 3 } } });
    await until(() => versions.length === 2);
    expect(versions).toEqual([2, 3]);
    live.unsubscribe();
    expect(started!.stopped).toBe(true);
    expect(requests).toEqual([]);
  });
});

describe('typed errors through urql (toMemoApiError on CombinedError)', () => {
  it('reads a VersionConflict with its errorInfo', async () => {
    const { client } = fakeMemoClient(() => VERSION_CONFLICT);
    const { error } = await createUrqlClient(client)
      .mutation(UpdateMemoDocument, { input: { memoId: 'm-1', content: 'x', expectedVersion: 7 } })
      .toPromise();
    expect(error).toBeInstanceOf(CombinedError);
    const memoError = toMemoApiError(error);
    expect(memoError).toMatchObject({
      errorType: 'VersionConflict',
      errorInfo: { memoId: 'm-1', expectedVersion: 7, currentVersion: 1 },
      path: ['updateMemo'],
    });
  });

  it('reads an HTTP 401 as UnauthorizedException', async () => {
    const { client } = fakeMemoClient(() => UNAUTHORIZED);
    const { error } = await createUrqlClient(client).query(GetMemoDocument, { memoId: 'm-1' }).toPromise();
    expect(toMemoApiError(error)?.errorType).toBe('UnauthorizedException');
  });

  it.each([
    [
      'a SubscriptionRefusedError (what the real-time client reports)',
      new SubscriptionRefusedError('Not Authorized', { errorType: 'Unauthorized', status: 0, errors: REFUSED }),
    ],
    ['a list of AppSync errors (as graphql-ws clients report)', REFUSED],
  ])('delivers a refused subscription, given %s, as GraphQL errors typed Unauthorized', async (_kind, refusal) => {
    const error = await refusedThroughUrql(refusal);
    expect(error.networkError).toBeUndefined();
    expect(error.graphQLErrors.map(({ originalError }) => originalError)).toEqual(REFUSED);
    expect(toMemoApiError(error)).toMatchObject({ errorType: 'Unauthorized', errorInfo: null });
  });

  it('delivers a connection that failed for good as a network error', async () => {
    const failure = new MemoApiRequestError('The real-time connection closed (1006), after 3 reconnect attempts', {
      errorType: 'NetworkError',
      status: 0,
    });
    const error = await refusedThroughUrql(failure);
    expect(error.networkError).toBe(failure);
    expect(error.graphQLErrors).toEqual([]);
    expect(toMemoApiError(error)).toBeUndefined();
  });
});

/** What an urql subscription's result carries after its sink got `error(failure)`. */
async function refusedThroughUrql(failure: unknown): Promise<CombinedError> {
  const { client, subscriptions } = fakeMemoClient();
  const errors: CombinedError[] = [];
  createUrqlClient(client)
    .subscription(OnUpdateMemoDocument, { memoId: 'm-1' })
    .subscribe(({ error }) => error && errors.push(error));
  await until(() => subscriptions.length === 1);
  subscriptions[0]!.sink.error(failure);
  await until(() => errors.length === 1);
  return errors[0]!;
}
