import type { ExecutionResult, GraphQLError } from 'graphql';
import { AppSyncResolverError } from './appsyncUtil.js';
import { MAX_ERROR_MESSAGE_LENGTH } from './fixedLimits.js';
import { RequestLimitExceeded } from './requestLimitExceeded.js';

/** One error as AppSync reports it. `errorType`/`errorInfo` come from resolvers (util.error). */
export interface AppSyncError {
  path: readonly (string | number)[] | null;
  data?: unknown;
  errorType?: string | null;
  errorInfo?: unknown;
  locations: { line: number; column: number; sourceName: null }[] | null;
  message: string;
}

export interface AppSyncResponse {
  data: unknown;
  errors?: AppSyncError[];
}

/** A graphql-js result in AppSync's response shape. */
export function toAppSyncResponse(result: ExecutionResult): AppSyncResponse {
  const response: AppSyncResponse = { data: result.data ?? null };
  if (result.errors?.length) response.errors = result.errors.map(toAppSyncError);
  return response;
}

/** A GraphQL error as AppSync reports it: a resolver's `errorType`/`errorInfo` kept, other messages bounded. */
export function toAppSyncError(error: GraphQLError): AppSyncError {
  const original = error.originalError;
  const typed =
    original instanceof AppSyncResolverError
      ? { data: original.data, errorType: original.errorType ?? null, errorInfo: original.errorInfo }
      : original instanceof RequestLimitExceeded
        ? { errorType: original.errorType, errorInfo: original.errorInfo }
        : {};
  return {
    path: error.path ?? null,
    ...typed,
    locations: error.locations?.map(({ line, column }) => ({ line, column, sourceName: null })) ?? null,
    // A resolver's message is its own (util.error); GraphQL's may echo a whole refused value.
    message: original instanceof AppSyncResolverError ? error.message : shortened(error.message),
  };
}

/** The message with its middle cut when longer than MAX_ERROR_MESSAGE_LENGTH: the start names the value, the end says what is wrong. */
function shortened(message: string): string {
  if (message.length <= MAX_ERROR_MESSAGE_LENGTH) return message;
  const half = Math.floor((MAX_ERROR_MESSAGE_LENGTH - 3) / 2);
  return `${message.slice(0, half)} … ${message.slice(-half)}`;
}
