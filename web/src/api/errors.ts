import { toMemoApiError, UserPoolError } from '@memo-api/client';
import { OfflineStorageFullError } from '@memo-api/client/offline';

/** A sentence for the user about a failed call; the details go to the console. */
export function describeError(error: unknown): string {
  if (error instanceof UserPoolError || error instanceof OfflineStorageFullError) return error.message;
  console.error(error);
  const apiError = toMemoApiError(error);
  if (!apiError) {
    const offline = (error as { networkError?: unknown } | null)?.networkError !== undefined;
    return offline ? 'The memo API cannot be reached. Check your connection and try again.' : 'Something went wrong. Try again.';
  }
  switch (apiError.errorType) {
    case 'MemoNotFound':
      return 'This memo no longer exists: it was deleted elsewhere.';
    case 'ValidationError':
      return `Check ${apiError.errorInfo.field}: ${apiError.message}`;
    case 'UnauthorizedException':
      return 'Your session is no longer valid. Sign out and sign in again.';
    default:
      return apiError.message;
  }
}
