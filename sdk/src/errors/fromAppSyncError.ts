import type { ErrorInfoOf, MemoApiError } from './memoApiError.js';

/** Ours, typed by `errorType` when its `errorInfo` has that type's shape, else Unrecognized (never dropped). */
export function fromAppSyncError(error: Record<string, unknown>): MemoApiError {
  const message = typeof error.message === 'string' ? error.message : '';
  const path = Array.isArray(error.path) ? { path: error.path as readonly (string | number)[] } : {};
  const info = isRecord(error.errorInfo) ? error.errorInfo : undefined;
  const typed = knownError(String(error.errorType), info);
  if (typed) return { ...typed, message, ...path } as MemoApiError;
  return {
    errorType: 'Unrecognized',
    message,
    errorInfo: { errorType: String(error.errorType), errorInfo: error.errorInfo ?? null },
    ...path,
  };
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
    info && typeof info.memoId === 'string' && (typeof info.currentVersion === 'number' || info.currentVersion === null)
      ? { memoId: info.memoId, currentVersion: info.currentVersion }
      : undefined,
  SyncExpired: (info) => (info && typeof info.retentionDays === 'number' ? { retentionDays: info.retentionDays } : undefined),
  Unauthorized: () => null,
  InternalError: () => null,
  UnauthorizedException: () => null,
};

function knownError(
  errorType: string,
  info: Record<string, unknown> | undefined,
): { errorType: keyof ErrorInfoOf; errorInfo: unknown } | undefined {
  if (!Object.hasOwn(KNOWN, errorType)) return undefined;
  const errorInfo = KNOWN[errorType as keyof ErrorInfoOf](info);
  return errorInfo === undefined ? undefined : { errorType: errorType as keyof ErrorInfoOf, errorInfo };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether this SDK types `errorType` (a request error of another type is not an API error of its own). */
export function isKnownErrorType(errorType: string): boolean {
  return Object.hasOwn(KNOWN, errorType);
}
