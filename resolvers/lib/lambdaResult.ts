import type { MemoErrorType } from '../../generated/schemaTypes.js';

/**
 * What every memo Lambda returns to AppSync. A thrown error would reach clients as
 * `Lambda:Unhandled`; returning the error as data lets the APPSYNC_JS resolver
 * (resolvers/appsync/invokeLambda.ts) raise it with its own `errorType`.
 */
export type LambdaResult<T> = { data: T; error?: undefined } | { data?: undefined; error: LambdaError };

export interface LambdaError {
  errorType: MemoErrorType;
  message: string;
  errorInfo: Record<string, unknown> | null;
}

/** What clients see of anything unexpected; the details go to the log only. */
export const INTERNAL_ERROR_MESSAGE = 'An internal error occurred; it has been logged';
