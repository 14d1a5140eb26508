import { CreateMemoDocument, DeleteMemoDocument, GetMemoDocument } from '../../../generated/sdk.js';
import { createMemoClient, errorTypeOf } from './apolloClient.js';

const client = createMemoClient(process.env.URL ?? 'http://127.0.0.1:4000/graphql', process.env.API_KEY!);
const { data: created } = await client.mutate({ mutation: CreateMemoDocument, variables: { input: { content: 'Hello' } } });
const { memoId } = created!.createMemo;
const { data } = await client.query({ query: GetMemoDocument, variables: { memoId } });
console.log(data?.memo?.content); // Hello
await client.mutate({ mutation: DeleteMemoDocument, variables: { memoId } });
const again = await client.mutate({ mutation: DeleteMemoDocument, variables: { memoId } }).catch((error: unknown) => error);
console.log(errorTypeOf(again)); // MemoNotFound
