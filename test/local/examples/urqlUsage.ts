import { CreateMemoDocument, UpdateMemoDocument } from '../../../generated/sdk.js';
import { createMemoClient, errorTypeOf } from './urqlClient.js';

const client = createMemoClient(process.env.URL ?? 'http://127.0.0.1:4000/graphql', process.env.API_KEY!);
const { data } = await client.mutation(CreateMemoDocument, { input: { content: 'Hello' } }).toPromise();
console.log(data!.createMemo.version); // 1
const stale = await client.mutation(UpdateMemoDocument, { input: { memoId: data!.createMemo.memoId, content: 'x', expectedVersion: 7 } }).toPromise();
console.log(errorTypeOf(stale.error)); // VersionConflict
