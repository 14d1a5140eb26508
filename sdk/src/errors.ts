// The memo API's errors as clients see them: the typed union, the request error, and the function
// that finds one inside whatever a client library threw.
export {
  EVERY_SERVER_ERROR_TYPE_COVERED,
  type AppSyncGraphQLError,
  type MemoApiError,
  type MemoApiErrorType,
  type UnrecognizedMemoApiError,
} from './errors/memoApiError.js';
export { MemoApiRequestError } from './errors/memoApiRequestError.js';
export { toMemoApiError } from './errors/toMemoApiError.js';
