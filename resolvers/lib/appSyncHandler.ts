import type { AppSyncResolverEvent, Context } from 'aws-lambda';
import { callerOf, type Caller } from './caller.js';
import { InternalError, MemoApiError } from './errors.js';
import type { LambdaResult } from './lambdaResult.js';
import { logger } from './logger.js';

/** What a field's resolver gets besides its arguments. */
export interface FieldCall<TArgs> {
  /** Who is calling: established from AppSync's identity before the resolver runs. */
  readonly caller: Caller;
  readonly event: AppSyncResolverEvent<TArgs>;
}

export type FieldResolver<TArgs, TResult> = (args: TArgs, call: FieldCall<TArgs>) => Promise<TResult>;

export type MemoLambdaHandler<TArgs, TResult> = (
  event: AppSyncResolverEvent<TArgs>,
  context?: Context,
) => Promise<LambdaResult<TResult>>;

/**
 * Wraps one field's resolver as a Lambda handler: establishes the caller (a caller with no
 * user-pool or IAM identity is Unauthorized before anything runs), logs the operation, and turns every error
 * into a LambdaResult. Known errors keep their type and message; anything else is logged in
 * full and reaches the client only as a generic InternalError.
 *
 * @example
 * export const handler = appSyncHandler<QueryMemoArgs, MemoRecord | null>('memo', async ({ memoId }, { caller }) => {
 *   const memo = await getMemo(parseMemoId(memoId));
 *   return memo && mayAccess(caller, memo) ? memo : null;
 * });
 */
export function appSyncHandler<TArgs, TResult>(
  operation: string,
  resolve: FieldResolver<TArgs, TResult>,
): MemoLambdaHandler<TArgs, TResult> {
  return async (event, context) => {
    // Keys go with each line rather than onto the shared logger: the local runtime serves
    // concurrent requests from one process, and their keys must not mix.
    const keys = { operation, memoId: findMemoId(event.arguments), requestId: context?.awsRequestId };
    try {
      const caller = callerOf(event.identity, { typeName: event.info.parentTypeName, fieldName: event.info.fieldName });
      const data = await resolve(event.arguments, { caller, event });
      logger.info('resolved', { ...keys, memoId: keys.memoId ?? findMemoId(data) });
      return { data };
    } catch (error) {
      const known = error instanceof MemoApiError ? error : new InternalError({ cause: error });
      if (known instanceof InternalError) logger.error('unexpected failure', { ...keys, error });
      else logger.info('rejected', { ...keys, errorType: known.errorType, errorInfo: known.errorInfo });
      return { error: { errorType: known.errorType, message: known.message, errorInfo: known.errorInfo } };
    }
  };
}

/** The memo an operation is about (from its arguments or its result), for log correlation; never the content. */
function findMemoId(args: unknown): string | undefined {
  const { memoId, input } = (args ?? {}) as { memoId?: unknown; input?: { memoId?: unknown } };
  const candidate = memoId ?? input?.memoId;
  return typeof candidate === 'string' ? candidate.slice(0, 64) : undefined;
}
