import type { MemoErrorType } from '../generated/operations.js';

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

export interface MemoApiErrorOf<TType extends string, TInfo> {
  readonly errorType: TType;
  readonly message: string;
  readonly errorInfo: TInfo;
  /** The response path of the field that failed (absent for a refused request). */
  readonly path?: readonly (string | number)[];
}

/** The `errorInfo` of each errorType the schema names (its enum MemoErrorType), plus the HTTP refusal. */
export interface ErrorInfoOf {
  ValidationError: { readonly field: string };
  MemoNotFound: { readonly memoId: string };
  VersionConflict: { readonly memoId: string; readonly expectedVersion: number; readonly currentVersion: number };
  MemoAlreadyExists: { readonly memoId: string; readonly currentVersion: number | null };
  SyncExpired: { readonly retentionDays: number };
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
 * - `SyncExpired`: a memoChanges cursor is older than the tombstone retention: sync again without a cursor.
 * - `Unauthorized`: the caller may not do this at all (a resolver's denial, HTTP 200).
 * - `UnauthorizedException`: the credentials were missing or not valid (HTTP 401, or a real-time refusal).
 * - `InternalError`: anything unexpected (details are in the server's log only).
 * - `Unrecognized`: an errorType this SDK does not know, kept in `errorInfo` with the server's errorInfo.
 *
 * @example
 * const error = toMemoApiError(result.errors?.[0]);
 * if (error?.errorType === 'VersionConflict') retryFrom(error.errorInfo.currentVersion);
 */
export type MemoApiError =
  { [TType in keyof ErrorInfoOf]: MemoApiErrorOf<TType, ErrorInfoOf[TType]> }[keyof ErrorInfoOf] | UnrecognizedMemoApiError;

/**
 * Every `errorType` of MemoApiError.
 *
 * @example
 * const retryable: MemoApiErrorType[] = ['VersionConflict', 'InternalError'];
 */
export type MemoApiErrorType = MemoApiError['errorType'];
