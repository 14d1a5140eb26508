import { fromAppSyncError, isKnownErrorType } from './fromAppSyncError.js';
import type { MemoApiError } from './memoApiError.js';
import { MemoApiRequestError } from './memoApiRequestError.js';

/** How deep toMemoApiError looks through wrappers (`cause`, `originalError`, error lists). */
const MAX_DEPTH = 5;

/**
 * The memo API error inside `error`, or undefined when it holds no AppSync error at all (an
 * errorType this SDK does not know comes back as `Unrecognized`, never undefined). Accepts an AppSync
 * error object (an entry of `errors`) or a list of them, an urql `CombinedError` or `GraphQLError`
 * (the AppSync object is its `originalError`), an Apollo `CombinedGraphQLErrors` or `ServerError`
 * (HTTP 401), a MemoApiRequestError, and errors wrapping any of those as `cause`.
 *
 * @example
 * // urql
 * const result = await urqlClient.mutation(UpdateMemoDocument, { input }).toPromise();
 * const error = toMemoApiError(result.error);
 * // Apollo
 * try { await apollo.mutate({ mutation: UpdateMemoDocument, variables: { input } }); }
 * catch (e) { const error = toMemoApiError(e); }
 */
export function toMemoApiError(error: unknown): MemoApiError | undefined {
  let unrecognized: MemoApiError | undefined;
  // A typed error anywhere inside wins; the first one this SDK does not know is the fallback.
  return find(error, 0, (found) => void (unrecognized ??= found)) ?? unrecognized;
}

type OnUnrecognized = (error: MemoApiError) => void;

function find(value: unknown, depth: number, onUnrecognized: OnUnrecognized): MemoApiError | undefined {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) return firstOf(value, depth, onUnrecognized);
  const candidate = value as Record<string, unknown>;
  // A request that failed below GraphQL (NetworkError, an HTTP status) is not an API error of its
  // own; the AppSync errors it carries may be.
  if (typeof candidate.errorType === 'string' && !(value instanceof MemoApiRequestError && !isKnownErrorType(candidate.errorType))) {
    const own = fromAppSyncError(candidate);
    if (own.errorType !== 'Unrecognized') return own;
    onUnrecognized(own);
  }
  for (const key of ['originalError', 'graphQLErrors', 'errors', 'networkError', 'cause'] as const) {
    const found = find(candidate[key], depth + 1, onUnrecognized);
    if (found) return found;
  }
  return fromHttpFailure(candidate, depth, onUnrecognized);
}

function firstOf(values: readonly unknown[], depth: number, onUnrecognized: OnUnrecognized): MemoApiError | undefined {
  for (const value of values) {
    const found = find(value, depth + 1, onUnrecognized);
    if (found) return found;
  }
  return undefined;
}

/**
 * An HTTP failure as a client library reports it: Apollo's `ServerError` (`statusCode`,
 * `bodyText`, `response`) or anything carrying a fetch `Response` with AppSync's error header.
 */
function fromHttpFailure(value: Record<string, unknown>, depth: number, onUnrecognized: OnUnrecognized): MemoApiError | undefined {
  if (typeof value.bodyText === 'string') {
    const fromBody = find(parseJson(value.bodyText), depth + 1, onUnrecognized);
    if (fromBody) return fromBody;
  }
  const response = value.response as { headers?: { get?: (name: string) => string | null }; status?: unknown } | undefined;
  const headerType = typeof response?.headers?.get === 'function' ? response.headers.get('x-amzn-ErrorType') : null;
  const status = typeof value.statusCode === 'number' ? value.statusCode : response?.status;
  const errorType = headerType ? headerType.split(':')[0] : status === 401 ? 'UnauthorizedException' : undefined;
  if (errorType === undefined) return undefined;
  const own = fromAppSyncError({ errorType, message: typeof value.message === 'string' ? value.message : errorType });
  if (own.errorType !== 'Unrecognized') return own;
  onUnrecognized(own);
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
