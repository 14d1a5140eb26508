import type { MemoErrorType } from './generated/operations.js';

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

/** The `errorInfo` of each errorType the schema names (its enum MemoErrorType), plus the HTTP refusal. */
interface ErrorInfoOf {
  ValidationError: { readonly field: string };
  MemoNotFound: { readonly memoId: string };
  VersionConflict: { readonly memoId: string; readonly expectedVersion: number; readonly currentVersion: number };
  MemoAlreadyExists: { readonly memoId: string; readonly currentVersion: number | null };
  Unauthorized: null;
  InternalError: null;
  UnauthorizedException: null;
}

/**
 * Fails to compile while schema.graphql's MemoErrorType has a type this SDK has no entry for
 * (after `npm run codegen`): a new server error can never reach clients untyped.
 */
type UncoveredErrorTypes = Exclude<MemoErrorType, keyof ErrorInfoOf>;
export const EVERY_SERVER_ERROR_TYPE_COVERED: [UncoveredErrorTypes] extends [never] ? true : { uncovered: UncoveredErrorTypes } = true;

/**
 * An errorType this SDK does not know (a newer server's), or a known one whose errorInfo does not
 * have its shape: `errorInfo` keeps what the server sent, so nothing is lost.
 */
export type UnrecognizedMemoApiError = MemoApiErrorOf<'Unrecognized', { readonly errorType: string; readonly errorInfo: unknown }>;

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
 * - `Unrecognized`: an errorType this SDK does not know, kept in `errorInfo` with the server's errorInfo.
 *
 * @example
 * const error = toMemoApiError(result.errors?.[0]);
 * if (error?.errorType === 'VersionConflict') retryFrom(error.errorInfo.currentVersion);
 */
export type MemoApiError = { [TType in keyof ErrorInfoOf]: MemoApiErrorOf<TType, ErrorInfoOf[TType]> }[keyof ErrorInfoOf] | UnrecognizedMemoApiError;

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
  if (typeof candidate.errorType === 'string' && !(value instanceof MemoApiRequestError && !Object.hasOwn(KNOWN, candidate.errorType))) {
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

/** Ours, typed by `errorType` when its `errorInfo` has that type's shape, else Unrecognized (never dropped). */
function fromAppSyncError(error: Record<string, unknown>): MemoApiError {
  const message = typeof error.message === 'string' ? error.message : '';
  const path = Array.isArray(error.path) ? { path: error.path as readonly (string | number)[] } : {};
  const info = isRecord(error.errorInfo) ? error.errorInfo : undefined;
  const typed = knownError(String(error.errorType), info);
  if (typed) return { ...typed, message, ...path } as MemoApiError;
  return { errorType: 'Unrecognized', message, errorInfo: { errorType: String(error.errorType), errorInfo: error.errorInfo ?? null }, ...path };
}

/** Each known errorType's errorInfo, checked; one entry per type (a new one fails the type-check above). */
const KNOWN: { [TType in keyof ErrorInfoOf]: (info: Record<string, unknown> | undefined) => ErrorInfoOf[TType] | undefined } = {
  ValidationError: (info) => (info && typeof info.field === 'string' ? { field: info.field } : undefined),
  MemoNotFound: (info) => (info && typeof info.memoId === 'string' ? { memoId: info.memoId } : undefined),
  VersionConflict: (info) =>
    info && typeof info.memoId === 'string' && typeof info.expectedVersion === 'number' && typeof info.currentVersion === 'number'
      ? { memoId: info.memoId, expectedVersion: info.expectedVersion, currentVersion: info.currentVersion }
      : undefined,
  MemoAlreadyExists: (info) =>
    info && typeof info.memoId === 'string' && (typeof info.currentVersion === 'number' || info.currentVersion === null) ? { memoId: info.memoId, currentVersion: info.currentVersion } : undefined,
  Unauthorized: () => null,
  InternalError: () => null,
  UnauthorizedException: () => null,
};

function knownError(errorType: string, info: Record<string, unknown> | undefined): { errorType: keyof ErrorInfoOf; errorInfo: unknown } | undefined {
  if (!Object.hasOwn(KNOWN, errorType)) return undefined;
  const errorInfo = KNOWN[errorType as keyof ErrorInfoOf](info);
  return errorInfo === undefined ? undefined : { errorType: errorType as keyof ErrorInfoOf, errorInfo };
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
