import { CreateMemoDocument, UpdateMemoDocument } from '../../../sdk/src/generated/operations.js';
import { signIn } from './signIn.js';
import { createMemoClient, errorTypeOf } from './urqlClient.js';

const url = process.env.URL ?? 'http://127.0.0.1:4000/graphql';
const idToken = await signIn(url);
const client = createMemoClient(url, () => idToken);
const { data } = await client.mutation(CreateMemoDocument, { input: { content: 'Hello' } }).toPromise();
console.log(data!.createMemo.version); // 1
const stale = await client
  .mutation(UpdateMemoDocument, { input: { memoId: data!.createMemo.memoId, content: 'x', expectedVersion: 7 } })
  .toPromise();
console.log(errorTypeOf(stale.error)); // VersionConflict
