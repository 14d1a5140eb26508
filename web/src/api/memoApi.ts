import {
  createMemoClient,
  CreateMemoDocument,
  DeleteMemoDocument,
  GetMemoDocument,
  ListMemosDocument,
  OnCreateMemoDocument,
  OnDeleteMemoDocument,
  OnUpdateMemoDocument,
  UpdateMemoDocument,
  userPoolAuth,
  type MemoClientConfig,
  type MemoFieldsFragment,
  type UpdateMemoInput,
} from '@memo-api/client';
import { createUrqlClient } from '@memo-api/client/urql';
import type { AnyVariables, OperationResult } from '@urql/core';

export type Memo = MemoFieldsFragment;
export interface MemoDraft {
  readonly title: string | null;
  readonly content: string;
  readonly tags: string[];
}

/** How many memos a page of the list holds. */
export const PAGE_SIZE = 20;

/** What the signed-in screens need of the API; every failure rejects with urql's CombinedError (read it with toMemoApiError). */
export interface MemoApi {
  list(nextToken?: string | null): Promise<{ items: Memo[]; nextToken: string | null }>;
  get(memoId: string): Promise<Memo | null>;
  create(draft: MemoDraft): Promise<Memo>;
  update(input: UpdateMemoInput): Promise<Memo>;
  remove(memoId: string, expectedVersion: number): Promise<Memo>;
  /** The signed-in user's memos created, updated and deleted anywhere (private subscriptions); returns the stop function. */
  watch(on: { created(memo: Memo): void; updated(memo: Memo): void; deleted(memo: Memo): void }): () => void;
  /** Closes the real-time connection. */
  close(): void;
}

/**
 * The memo API for one signed-in user, through the SDK: HTTP with the user's ID token (read
 * afresh for every request) and subscriptions over AppSync's real-time protocol, both via urql.
 * `onLive` hears the real-time connection come up and go down (the SDK reconnects by itself).
 */
export function createMemoApi(config: MemoClientConfig, idToken: () => Promise<string>, onLive: (live: boolean) => void): MemoApi {
  const realtime = { on: { connected: () => onLive(true), closed: () => onLive(false) } };
  const memo = createMemoClient(config, { auth: userPoolAuth(idToken), realtime });
  // The list is kept by the app from results and events: urql's document cache would only go stale.
  const urql = createUrqlClient(memo, { requestPolicy: 'network-only' });
  return {
    list: async (nextToken) => (await dataOf(urql.query(ListMemosDocument, { limit: PAGE_SIZE, nextToken }).toPromise())).listMemos,
    get: async (memoId) => (await dataOf(urql.query(GetMemoDocument, { memoId }).toPromise())).memo,
    create: async (input) => (await dataOf(urql.mutation(CreateMemoDocument, { input }).toPromise())).createMemo,
    update: async (input) => (await dataOf(urql.mutation(UpdateMemoDocument, { input }).toPromise())).updateMemo,
    remove: async (memoId, expectedVersion) =>
      (await dataOf(urql.mutation(DeleteMemoDocument, { memoId, expectedVersion }).toPromise())).deleteMemo,
    watch(on) {
      const subscriptions = [
        urql.subscription(OnCreateMemoDocument, {}).subscribe(({ data }) => data?.onCreateMemo && on.created(data.onCreateMemo)),
        urql.subscription(OnUpdateMemoDocument, {}).subscribe(({ data }) => data?.onUpdateMemo && on.updated(data.onUpdateMemo)),
        urql.subscription(OnDeleteMemoDocument, {}).subscribe(({ data }) => data?.onDeleteMemo && on.deleted(data.onDeleteMemo)),
      ];
      return () => subscriptions.forEach((subscription) => subscription.unsubscribe());
    },
    close: () => memo.close(),
  };
}

async function dataOf<TData, TVariables extends AnyVariables>(pending: Promise<OperationResult<TData, TVariables>>): Promise<TData> {
  const { data, error } = await pending;
  if (error) throw error;
  if (!data) throw new Error('The API returned no data');
  return data;
}
