/**
 * The memo API's errors as clients see them: AppSync puts each resolver error in the response's
 * `errors` with an `errorType` and `errorInfo`; a request with bad credentials is refused before
 * any resolver with HTTP 401 and `x-amzn-ErrorType: UnauthorizedException`.
 */

/**
 * One entry of an AppSync response's `errors` (AppSync adds `errorType` and `errorInfo` to GraphQL's shape).
 *
 * @example
 * const { errors } = await client.request(UpdateMemoDocument, { input });
 * if (errors?.[0]?.errorType === 'VersionConflict') reload();
 */
export interface AppSyncGraphQLError {
  message: string;
  errorType?: string | null;
  errorInfo?: unknown;
  path?: readonly (string | number)[] | null;
  locations?: unknown;
}

interface MemoApiErrorOf<TType extends string, TInfo> {
  readonly errorType: TType;
  readonly message: string;
  readonly errorInfo: TInfo;
  /** The response path of the field that failed (absent for a refused request). */
  readonly path?: readonly (string | number)[];
}

/**
 * An error of the memo API, discriminated by `errorType` so `errorInfo` is typed:
 *
 * - `ValidationError`: an argument is malformed; `field` names it.
 * - `MemoNotFound`: no memo with this id that the caller may touch (someone else's looks the same).
 * - `VersionConflict`: `expectedVersion` did not match; `currentVersion` is the memo's version now.
 * - `MemoAlreadyExists`: createMemo's `memoId` is taken by another memo (`currentVersion` null when not the caller's).
 * - `Unauthorized`: the caller may not do this at all (a resolver's denial, HTTP 200).
 * - `UnauthorizedException`: the credentials were missing or not valid (HTTP 401, or a real-time refusal).
 * - `InternalError`: anything unexpected (details are in the server's log only).
 *
 * @example
 * const error = toMemoApiError(result.errors?.[0]);
 * if (error?.errorType === 'VersionConflict') retryFrom(error.errorInfo.currentVersion);
 */
export type MemoApiError =
  | MemoApiErrorOf<'ValidationError', { readonly field: string }>
  | MemoApiErrorOf<'MemoNotFound', { readonly memoId: string }>
  | MemoApiErrorOf<'VersionConflict', { readonly memoId: string; readonly expectedVersion: number; readonly currentVersion: number }>
  | MemoApiErrorOf<'MemoAlreadyExists', { readonly memoId: string; readonly currentVersion: number | null }>
  | MemoApiErrorOf<'Unauthorized', null>
  | MemoApiErrorOf<'UnauthorizedException', null>
  | MemoApiErrorOf<'InternalError', null>;

/**
 * Every `errorType` of MemoApiError.
 *
 * @example
 * const retryable: MemoApiErrorType[] = ['VersionConflict', 'InternalError'];
 */
export type MemoApiErrorType = MemoApiError['errorType'];

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
    details: { readonly errorType: string; readonly status: number; readonly errorInfo?: unknown; readonly errors?: readonly AppSyncGraphQLError[]; readonly cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'MemoApiRequestError';
    this.errorType = details.errorType;
    this.status = details.status;
    this.errorInfo = details.errorInfo ?? null;
    this.errors = details.errors ?? [];
  }
}

/** How deep toMemoApiError looks through wrappers (`cause`, `originalError`, error lists). */
const MAX_DEPTH = 5;

/**
 * The memo API error inside `error`, or undefined when it holds none of ours. Accepts an AppSync
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
  return find(error, 0);
}

function find(value: unknown, depth: number): MemoApiError | undefined {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) return firstOf(value, depth);
  const candidate = value as Record<string, unknown>;
  if (typeof candidate.errorType === 'string') {
    const own = fromAppSyncError(candidate);
    if (own) return own;
  }
  for (const key of ['originalError', 'graphQLErrors', 'errors', 'networkError', 'cause'] as const) {
    const found = find(candidate[key], depth + 1);
    if (found) return found;
  }
  return fromHttpFailure(candidate, depth);
}

function firstOf(values: readonly unknown[], depth: number): MemoApiError | undefined {
  for (const value of values) {
    const found = find(value, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * An HTTP failure as a client library reports it: Apollo's `ServerError` (`statusCode`,
 * `bodyText`, `response`) or anything carrying a fetch `Response` with AppSync's error header.
 */
function fromHttpFailure(value: Record<string, unknown>, depth: number): MemoApiError | undefined {
  if (typeof value.bodyText === 'string') {
    const fromBody = find(parseJson(value.bodyText), depth + 1);
    if (fromBody) return fromBody;
  }
  const response = value.response as { headers?: { get?: (name: string) => string | null }; status?: unknown } | undefined;
  const headerType = typeof response?.headers?.get === 'function' ? response.headers.get('x-amzn-ErrorType') : null;
  const status = typeof value.statusCode === 'number' ? value.statusCode : response?.status;
  const errorType = headerType ? headerType.split(':')[0] : status === 401 ? 'UnauthorizedException' : undefined;
  if (errorType === undefined) return undefined;
  return fromAppSyncError({ errorType, message: typeof value.message === 'string' ? value.message : errorType });
}

/** Ours when `errorType` is one of the memo API's and `errorInfo` has that type's shape. */
function fromAppSyncError(error: Record<string, unknown>): MemoApiError | undefined {
  const message = typeof error.message === 'string' ? error.message : '';
  const path = Array.isArray(error.path) ? { path: error.path as readonly (string | number)[] } : {};
  const info = isRecord(error.errorInfo) ? error.errorInfo : undefined;
  switch (error.errorType) {
    case 'ValidationError':
      return info && typeof info.field === 'string' ? { errorType: 'ValidationError', message, errorInfo: { field: info.field }, ...path } : undefined;
    case 'MemoNotFound':
      return info && typeof info.memoId === 'string' ? { errorType: 'MemoNotFound', message, errorInfo: { memoId: info.memoId }, ...path } : undefined;
    case 'VersionConflict':
      return info && typeof info.memoId === 'string' && typeof info.expectedVersion === 'number' && typeof info.currentVersion === 'number'
        ? { errorType: 'VersionConflict', message, errorInfo: { memoId: info.memoId, expectedVersion: info.expectedVersion, currentVersion: info.currentVersion }, ...path }
        : undefined;
    case 'MemoAlreadyExists':
      return info && typeof info.memoId === 'string' && (typeof info.currentVersion === 'number' || info.currentVersion === null)
        ? { errorType: 'MemoAlreadyExists', message, errorInfo: { memoId: info.memoId, currentVersion: info.currentVersion }, ...path }
        : undefined;
    case 'Unauthorized':
    case 'UnauthorizedException':
    case 'InternalError':
      return { errorType: error.errorType, message, errorInfo: null, ...path };
    default:
      return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
