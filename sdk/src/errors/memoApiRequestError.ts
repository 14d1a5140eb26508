import type { AppSyncGraphQLError } from './memoApiError.js';

/**
 * A request that failed below GraphQL: the network (`errorType` `NetworkError`, `status` 0), an
 * HTTP error status (`errorType` from `x-amzn-ErrorType`, e.g. `UnauthorizedException` with
 * `status` 401), a response that is not GraphQL, or a real-time refusal (`status` is then
 * AppSync's `errorCode`, or 0). `errors` holds the AppSync errors of the reply, when it had any.
 *
 * @example
 * try {
 *   await client.request(GetMemoDocument, { memoId });
 * } catch (error) {
 *   if (error instanceof MemoApiRequestError && error.status === 401) await signInAgain();
 * }
 */
export class MemoApiRequestError extends Error {
  readonly errorType: string;
  readonly status: number;
  readonly errorInfo: unknown;
  readonly errors: readonly AppSyncGraphQLError[];

  constructor(
    message: string,
    details: {
      readonly errorType: string;
      readonly status: number;
      readonly errorInfo?: unknown;
      readonly errors?: readonly AppSyncGraphQLError[];
      readonly cause?: unknown;
    },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'MemoApiRequestError';
    this.errorType = details.errorType;
    this.status = details.status;
    this.errorInfo = details.errorInfo ?? null;
    this.errors = details.errors ?? [];
  }
}
