import type { AppSyncResolverEvent, Context } from 'aws-lambda';
import { callerOf, type Caller } from '../lib/caller.js';
import { InternalError, MemoApiError } from '../lib/errors.js';
import type { LambdaResult } from '../lib/lambdaResult.js';
import { publishInvocationMetrics } from '../lib/invocationMetrics.js';
import { handlerLogger } from '../lib/logger.js';
import type { MemoStore } from '../store/memoStore.js';
import { takeColdStart } from './coldStart.js';
import { correlationKeys } from './correlationKeys.js';
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
 * user-pool or IAM identity is Unauthorized before anything runs) and turns every error into a
 * LambdaResult. Known errors keep their type and message; anything else is logged in full and
 * reaches the client only as a generic InternalError. Each invocation writes one log line (INFO,
 * or ERROR with the error for an InternalError) and its metrics (resolvers/lib/invocationMetrics.ts):
 * correlation keys, outcome, errorType, duration and cold start, never arguments, results or headers.
 * On Lambda the store is the process's (built at the first invocation from the environment);
 * `withStore` binds another.
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
      const started = performance.now();
      const coldStart = takeColdStart();
      // Outside the try: a function without its settings fails as Lambda reports an init error, loudly.
      const store = storeOf();
      // Keys go with each line rather than onto the shared logger: the local runtime serves
      // concurrent requests from one process, and their keys must not mix.
      const keys = { ...correlationKeys(event, context), operation, memoId: findMemoId(event.arguments) };
      const [result, line] = await settle(() => {
        const caller = callerOf(event.identity, { typeName: event.info.parentTypeName, fieldName: event.info.fieldName });
        return resolve(event.arguments, { caller, event, store });
      });
      const durationMs = Math.round((performance.now() - started) * 100) / 100;
      const logged = { ...keys, ...line, memoId: keys.memoId ?? line.memoId, durationMs, coldStart };
      if (line.outcome === 'failed') handlerLogger().error('unexpected failure', logged);
      else handlerLogger().info(line.outcome === 'ok' ? 'resolved' : 'rejected', logged);
      publishInvocationMetrics({ field: keys.field, durationMs, coldStart, errorType: line.errorType, requestId: keys.requestId });
      return result;
    };
  return Object.assign(on(processStore), { withStore: (store: MemoStore) => on(() => store) });
}

/** How an invocation ended, as its log line says it. */
type InvocationLine =
  | { outcome: 'ok'; memoId?: string; errorType?: undefined }
  | { outcome: 'rejected'; errorType: string; errorInfo: Record<string, unknown> | null; memoId?: undefined }
  | { outcome: 'failed'; errorType: string; error: unknown; memoId?: undefined };

/** Runs the resolver; its result or error as a LambdaResult, with what the log line says about it. */
async function settle<TResult>(run: () => Promise<TResult>): Promise<[LambdaResult<TResult>, InvocationLine]> {
  try {
    const data = await run();
    return [{ data }, { outcome: 'ok', memoId: findMemoId(data) }];
  } catch (error) {
    const known = error instanceof MemoApiError ? error : new InternalError({ cause: error });
    const { errorType, errorInfo } = known;
    const line: InvocationLine =
      known instanceof InternalError ? { outcome: 'failed', errorType, error } : { outcome: 'rejected', errorType, errorInfo };
    return [{ error: { errorType, message: known.message, errorInfo } }, line];
  }
}

/** The memo an operation is about (from its arguments or its result), for log correlation; never the content. */
function findMemoId(args: unknown): string | undefined {
  const { memoId, input } = (args ?? {}) as { memoId?: unknown; input?: { memoId?: unknown } };
  const candidate = memoId ?? input?.memoId;
  return typeof candidate === 'string' ? candidate.slice(0, 64) : undefined;
}
