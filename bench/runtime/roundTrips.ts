import { CreateMemoDocument, DeleteMemoDocument, GetMemoDocument, ListMemosDocument, UpdateMemoDocument } from '@memo-api/client';
import type { GraphqlRequest } from './graphqlClient.js';
import type { MemoStore } from '../resolverSeam.js';
import type { RawOperations } from './rawOperations.js';
import { countRequests } from './requestCounter.js';

export interface RoundTrips {
  /** DynamoDB requests per call, by DynamoDB action, for each operation sent to the endpoint. */
  perOperation: Record<string, Record<string, number>>;
  /** listMemos pages, walking every page of the user's memos. */
  listPages: number;
  /** Query requests (on the owner index) behind those pages. */
  listQueries: number;
}

/**
 * Counts the DynamoDB requests behind each GraphQL operation with a middleware on the client of
 * `store`, the one the local runtime's handlers are bound to (they run in this process).
 */
export async function countRoundTrips(request: GraphqlRequest, raw: RawOperations, store: MemoStore): Promise<RoundTrips> {
  await raw.seed(250); // the user's memos, so that listing walks several full pages
  const counter = countRequests(store.documentClient);
  const counted = async (operation: () => Promise<unknown>) => {
    counter.reset();
    await operation();
    return { ...counter.calls };
  };
  try {
    const perOperation: Record<string, Record<string, number>> = {};
    let memoId = '';
    perOperation.createMemo = await counted(async () => {
      memoId = (await request(CreateMemoDocument, { input: { content: 'round trips' } })).createMemo.memoId;
    });
    perOperation.memo = await counted(() => request(GetMemoDocument, { memoId }));
    perOperation.updateMemo = await counted(() => request(UpdateMemoDocument, { input: { memoId, content: 'v2', expectedVersion: 1 } }));
    perOperation.deleteMemo = await counted(() => request(DeleteMemoDocument, { memoId, expectedVersion: 2 }));
    let listPages = 0;
    const listCalls = await counted(async () => {
      let nextToken: string | null | undefined = null;
      do {
        nextToken = (await request(ListMemosDocument, { limit: 100, nextToken })).listMemos.nextToken;
        listPages += 1;
      } while (nextToken);
    });
    perOperation.listMemos = Object.fromEntries(Object.entries(listCalls).map(([action, n]) => [action, n / listPages]));
    return { perOperation, listPages, listQueries: listCalls.Query ?? 0 };
  } finally {
    counter.stop();
  }
}
