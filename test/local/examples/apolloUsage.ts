import { CreateMemoDocument, DeleteMemoDocument, GetMemoDocument } from '../../../sdk/src/generated/operations.js';
import { createMemoClient, errorTypeOf } from './apolloClient.js';
import { signIn } from './signIn.js';

const url = process.env.URL ?? 'http://127.0.0.1:4000/graphql';
const idToken = await signIn(url);
const client = createMemoClient(url, () => idToken);
const { data: created } = await client.mutate({ mutation: CreateMemoDocument, variables: { input: { content: 'Hello' } } });
const { memoId } = created!.createMemo;
const { data } = await client.query({ query: GetMemoDocument, variables: { memoId } });
console.log(data?.memo?.content); // Hello
await client.mutate({ mutation: DeleteMemoDocument, variables: { memoId } });
const again = await client.mutate({ mutation: DeleteMemoDocument, variables: { memoId } }).catch((error: unknown) => error);
console.log(errorTypeOf(again)); // MemoNotFound
