import type { AppSyncResolverEvent, Context } from 'aws-lambda';
import { callerOf, type Caller } from '../lib/caller.js';
import { InternalError, MemoApiError } from '../lib/errors.js';
import type { LambdaResult } from '../lib/lambdaResult.js';
import { handlerLogger } from '../lib/logger.js';
import type { MemoStore } from '../store/memoStore.js';
import { processStore } from './processStore.js';

/** What a field's resolver gets besides its arguments. */
export interface FieldCall<TArgs> {
  /** Who is calling: established from AppSync's identity before the resolver runs. */
  readonly caller: Caller;
  readonly event: AppSyncResolverEvent<TArgs>;
  /** The memos this invocation reads and writes. */
  readonly store: MemoStore;
}

export type FieldResolver<TArgs, TResult> = (args: TArgs, call: FieldCall<TArgs>) => Promise<TResult>;

export type MemoLambdaHandler<TArgs, TResult> = (event: AppSyncResolverEvent<TArgs>, context?: Context) => Promise<LambdaResult<TResult>>;

/** A Lambda handler on the process's store, which a host running several APIs can bind to another. */
export interface BindableHandler<TArgs, TResult> extends MemoLambdaHandler<TArgs, TResult> {
  /** The same handler on `store`: how the local runtime serves each of its APIs from its own table. */
  withStore(store: MemoStore): MemoLambdaHandler<TArgs, TResult>;
}

/**
 * Wraps one field's resolver as a Lambda handler: establishes the caller (a caller with no
 * user-pool or IAM identity is Unauthorized before anything runs), logs the operation, and turns
 * every error into a LambdaResult. Known errors keep their type and message; anything else is
 * logged in full and reaches the client only as a generic InternalError. On Lambda the store is
 * the process's (built at the first invocation from the environment); `withStore` binds another.
 *
 * @example
 * export const handler = appSyncHandler<QueryMemoArgs, MemoRecord | null>('memo', async ({ memoId }, { caller, store }) => {
 *   const memo = await store.getMemo(parseMemoId(memoId));
 *   return memo && mayAccess(caller, memo) ? memo : null;
 * });
 */
export function appSyncHandler<TArgs, TResult>(operation: string, resolve: FieldResolver<TArgs, TResult>): BindableHandler<TArgs, TResult> {
  const on =
    (storeOf: () => MemoStore): MemoLambdaHandler<TArgs, TResult> =>
    async (event, context) => {
      // Outside the try: a function without its settings fails as Lambda reports an init error, loudly.
      const store = storeOf();
      // Keys go with each line rather than onto the shared logger: the local runtime serves
      // concurrent requests from one process, and their keys must not mix.
      const keys = { operation, memoId: findMemoId(event.arguments), requestId: context?.awsRequestId };
      try {
        const caller = callerOf(event.identity, { typeName: event.info.parentTypeName, fieldName: event.info.fieldName });
        const data = await resolve(event.arguments, { caller, event, store });
        handlerLogger().info('resolved', { ...keys, memoId: keys.memoId ?? findMemoId(data) });
        return { data };
      } catch (error) {
        const known = error instanceof MemoApiError ? error : new InternalError({ cause: error });
        if (known instanceof InternalError) handlerLogger().error('unexpected failure', { ...keys, error });
        else handlerLogger().info('rejected', { ...keys, errorType: known.errorType, errorInfo: known.errorInfo });
        return { error: { errorType: known.errorType, message: known.message, errorInfo: known.errorInfo } };
      }
    };
  return Object.assign(on(processStore), { withStore: (store: MemoStore) => on(() => store) });
}

/** The memo an operation is about (from its arguments or its result), for log correlation; never the content. */
function findMemoId(args: unknown): string | undefined {
  const { memoId, input } = (args ?? {}) as { memoId?: unknown; input?: { memoId?: unknown } };
  const candidate = memoId ?? input?.memoId;
  return typeof candidate === 'string' ? candidate.slice(0, 64) : undefined;
}
