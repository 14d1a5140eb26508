import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { createApolloClient, createMemoLink } from '../../sdk/src/apollo.js';
import { MemoApiRequestError, toMemoApiError } from '../../sdk/src/errors.js';
import { SubscriptionRefusedError } from '../../sdk/src/realtime/subscriptionRefusedError.js';
import { GetMemoDocument, OnUpdateMemoDocument, UpdateMemoDocument } from '../../sdk/src/generated/operations.js';
import { CONFIG, fakeMemoClient, MEMO, TOKEN, UNAUTHORIZED, until, VERSION_CONFLICT } from './helpers/fakeMemoClient.js';

const REFUSED = [{ errorType: 'Unauthorized', message: 'Not Authorized to access onUpdateMemo on type Subscription' }];

describe('createApolloClient / createMemoLink', () => {
  it("POSTs queries to the config's graphqlUrl through client.fetch, which adds the token", async () => {
    const { client, requests, subscriptions } = fakeMemoClient(() => ({ body: { data: { memo: MEMO } } }));
    const { data } = await createApolloClient(client).query({ query: GetMemoDocument, variables: { memoId: 'm-1' } });
    expect(data?.memo?.content).toBe('Hello');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      url: CONFIG.graphqlUrl,
      method: 'POST',
      body: { operationName: 'GetMemo', variables: { memoId: 'm-1' } },
    });
    expect(requests[0]!.headers.get('authorization')).toBe(TOKEN);
    expect(subscriptions).toEqual([]);
  });

  it('sends subscriptions over client.realtime (query text, variables, operation name) and stops them on unsubscribe', async () => {
    const { client, requests, subscriptions } = fakeMemoClient();
    const versions: number[] = [];
    const live = createApolloClient(client)
      .subscribe({ query: OnUpdateMemoDocument, variables: { memoId: 'm-1' } })
      .subscribe(({ data }) => data?.onUpdateMemo && versions.push(data.onUpdateMemo.version));
    await until(() => subscriptions.length === 1);
    const [started] = subscriptions;
    expect(started!.payload).toMatchObject({ operationName: 'OnUpdateMemo', variables: { memoId: 'm-1' } });
    expect(started!.payload.query).toMatch(/subscription OnUpdateMemo\(\$memoId: ID\)[^]*fragment MemoFields on Memo/);
    started!.sink.next({ data: { onUpdateMemo: { ...MEMO, version: 2 } } });
    await until(() => versions.length === 1);
    expect(versions).toEqual([2]);
    live.unsubscribe();
    expect(started!.stopped).toBe(true);
    expect(requests).toEqual([]);
  });

  it('is one link, usable in an ApolloClient the caller builds', () => {
    const { client } = fakeMemoClient();
    expect(createMemoLink(client)).toHaveProperty('split', expect.any(Function));
  });
});

describe('typed errors through Apollo (toMemoApiError on what Apollo throws)', () => {
  it('reads a VersionConflict from CombinedGraphQLErrors', async () => {
    const { client } = fakeMemoClient(() => VERSION_CONFLICT);
    const thrown = await createApolloClient(client)
      .mutate({ mutation: UpdateMemoDocument, variables: { input: { memoId: 'm-1', content: 'x', expectedVersion: 7 } } })
      .catch((error: unknown) => error);
    expect(CombinedGraphQLErrors.is(thrown)).toBe(true);
    expect(toMemoApiError(thrown)).toMatchObject({
      errorType: 'VersionConflict',
      errorInfo: { memoId: 'm-1', expectedVersion: 7, currentVersion: 1 },
    });
  });

  it('reads an HTTP 401 (ServerError) as UnauthorizedException', async () => {
    const { client } = fakeMemoClient(() => UNAUTHORIZED);
    const thrown = await createApolloClient(client)
      .query({ query: GetMemoDocument, variables: { memoId: 'm-1' } })
      .catch((error: unknown) => error);
    expect(ServerError.is(thrown)).toBe(true);
    expect(toMemoApiError(thrown)?.errorType).toBe('UnauthorizedException');
  });

  it.each([
    [
      'a SubscriptionRefusedError (what the real-time client reports)',
      new SubscriptionRefusedError('Not Authorized', { errorType: 'Unauthorized', status: 0, errors: REFUSED }),
    ],
    ['a list of AppSync errors (as graphql-ws clients report)', REFUSED],
  ])('delivers a refused subscription, given %s, as CombinedGraphQLErrors typed Unauthorized', async (_kind, refusal) => {
    const error = await failedThroughApollo(refusal);
    expect(CombinedGraphQLErrors.is(error)).toBe(true);
    expect((error as CombinedGraphQLErrors).errors).toEqual(REFUSED);
    expect(toMemoApiError(error)).toMatchObject({ errorType: 'Unauthorized', errorInfo: null });
  });

  it('passes on a connection that failed for good as its Error (not GraphQL errors)', async () => {
    const failure = new MemoApiRequestError('The real-time connection closed (1006), after 3 reconnect attempts', {
      errorType: 'NetworkError',
      status: 0,
    });
    const error = await failedThroughApollo(failure);
    expect(error).toBe(failure);
    expect(toMemoApiError(error)).toBeUndefined();
  });
});

/** What an Apollo subscription reports after its sink got `error(failure)`. */
async function failedThroughApollo(failure: unknown): Promise<unknown> {
  const { client, subscriptions } = fakeMemoClient();
  const errors: unknown[] = [];
  createApolloClient(client)
    .subscribe({ query: OnUpdateMemoDocument, variables: { memoId: 'm-1' } })
    .subscribe({ next: ({ error }) => error && errors.push(error), error: (error: unknown) => errors.push(error) });
  await until(() => subscriptions.length === 1);
  subscriptions[0]!.sink.error(failure);
  await until(() => errors.length === 1);
  return errors[0];
}
