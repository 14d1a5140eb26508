import { CreateMemoDocument, OnCreateMemoDocument, toMemoApiError, UpdateMemoDocument } from '@memo-api/client';
import { createUrqlClient } from '@memo-api/client/urql';
import { memo } from './configure.js';

const urql = createUrqlClient(memo, { requestPolicy: 'network-only' });
const created = await urql.mutation(CreateMemoDocument, { input: { content: 'Hello' } }).toPromise();
const { memoId, version } = created.data!.createMemo;
console.log(version); // 1
const stale = await urql.mutation(UpdateMemoDocument, { input: { memoId, content: 'Hi', expectedVersion: 7 } }).toPromise();
const error = toMemoApiError(stale.error);
if (error?.errorType === 'VersionConflict') console.log(error.errorInfo.currentVersion); // 1

// AppSync delivers events once it has acknowledged the subscription, a moment after subscribe:
// a memo created before then goes unheard, so this script creates one until it hears it.
let heard: string | undefined;
const live = urql.subscription(OnCreateMemoDocument, {}).subscribe(({ data }) => (heard ??= data?.onCreateMemo?.content));
for (let attempt = 0; heard === undefined && attempt < 40; attempt++) {
  await urql.mutation(CreateMemoDocument, { input: { content: 'Live' } }).toPromise();
  await new Promise((resolve) => setTimeout(resolve, 250));
}
live.unsubscribe();
console.log(heard); // Live
memo.close();
