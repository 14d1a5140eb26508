import { CreateMemoDocument, DeleteMemoDocument, OnCreateMemoDocument, toMemoApiError } from '@memo-api/client';
import { createApolloClient } from '@memo-api/client/apollo';
import { memo } from './configure.js';

const apollo = createApolloClient(memo);
const { data } = await apollo.mutate({ mutation: CreateMemoDocument, variables: { input: { content: 'Hello' } } });
const { memoId } = data!.createMemo;
const stale = await apollo.mutate({ mutation: DeleteMemoDocument, variables: { memoId, expectedVersion: 7 } }).catch((e: unknown) => e);
const error = toMemoApiError(stale); // Apollo throws CombinedGraphQLErrors
if (error?.errorType === 'VersionConflict') console.log(error.errorInfo.currentVersion); // 1

// As with urql: create until the subscription, acknowledged by AppSync, hears one.
let heard: string | undefined;
const live = apollo.subscribe({ query: OnCreateMemoDocument }).subscribe(({ data }) => (heard ??= data?.onCreateMemo?.content));
for (let attempt = 0; heard === undefined && attempt < 40; attempt++) {
  await apollo.mutate({ mutation: CreateMemoDocument, variables: { input: { content: 'Live' } } });
  await new Promise((resolve) => setTimeout(resolve, 250));
}
live.unsubscribe();
console.log(heard); // Live
memo.close();
