/**
 * The errors clients can see. Each carries the `errorType` AppSync reports; the APPSYNC_JS
 * resolver (resolvers/appsync/invokeLambda.ts) turns them into GraphQL errors with util.error.
 */
import type { MemoErrorType } from '../../generated/schemaTypes.js';
import { INTERNAL_ERROR_MESSAGE } from './lambdaResult.js';

/** schema.graphql's MemoErrorType: the SDK's typed errors come from the same enum. */
export type ErrorType = MemoErrorType;

export abstract class MemoApiError extends Error {
  abstract readonly errorType: ErrorType;
  /** Machine-readable detail for clients (AppSync `errorInfo`). */
  readonly errorInfo: Record<string, unknown> | null = null;
}

/** The request is malformed; `field` names the argument at fault. */
export class ValidationError extends MemoApiError {
  readonly errorType = 'ValidationError';
  override readonly errorInfo: { field: string };

  constructor(field: string, problem: string) {
    super(`${field} ${problem}`);
    this.name = 'ValidationError';
    this.errorInfo = { field };
  }
}

export class MemoNotFound extends MemoApiError {
  readonly errorType = 'MemoNotFound';
  override readonly errorInfo: { memoId: string };

  constructor(memoId: string) {
    super(`Memo ${memoId} does not exist`);
    this.name = 'MemoNotFound';
    this.errorInfo = { memoId };
  }
}

/** An optimistic-locking check failed; carries the version the memo is at now. */
export class VersionConflict extends MemoApiError {
  readonly errorType = 'VersionConflict';
  override readonly errorInfo: { memoId: string; expectedVersion: number; currentVersion: number };

  constructor(memoId: string, expectedVersion: number, currentVersion: number) {
    super(`Memo ${memoId} is at version ${currentVersion}, not the expected version ${expectedVersion}`);
    this.name = 'VersionConflict';
    this.errorInfo = { memoId, expectedVersion, currentVersion };
  }
}

/**
 * createMemo was given a memoId that is taken by a memo this request cannot be a retry of: its
 * fields differ, or it has been updated since. `currentVersion` is the version the memo is at
 * now when the caller may see that memo, and null when it is somebody else's.
 */
export class MemoAlreadyExists extends MemoApiError {
  readonly errorType = 'MemoAlreadyExists';
  override readonly errorInfo: { memoId: string; currentVersion: number | null };

  constructor(memoId: string, currentVersion: number | null) {
    super(
      currentVersion === null
        ? `Memo id ${memoId} is taken; choose a new memoId`
        : `Memo ${memoId} already exists (at version ${currentVersion}) with other content; choose a new memoId`,
    );
    this.name = 'MemoAlreadyExists';
    this.errorInfo = { memoId, currentVersion };
  }
}

/**
 * A memoChanges cursor points before the tombstone retention: deletes since then may be gone
 * from the table, so the feed cannot promise them. The client syncs again without a cursor.
 */
export class SyncExpired extends MemoApiError {
  readonly errorType = 'SyncExpired';
  override readonly errorInfo: { retentionDays: number };

  constructor(retentionDays: number) {
    super(`The cursor is older than the ${retentionDays}-day retention of deleted memos: sync again without a cursor`);
    this.name = 'SyncExpired';
    this.errorInfo = { retentionDays };
  }
}

/**
 * The caller may not do this at all, whatever the memo (AppSync's errorType for a denial inside a
 * resolver, as `util.unauthorized()` raises it). Never used to say "this memo is someone else's":
 * that is MemoNotFound, or null, exactly as for a memo that does not exist.
 */
export class Unauthorized extends MemoApiError {
  readonly errorType = 'Unauthorized';

  constructor(typeName: string, fieldName: string, reason: string) {
    super(`Not Authorized to access ${fieldName} on type ${typeName}: ${reason}`);
    this.name = 'Unauthorized';
  }
}

/** Anything unexpected. The message is generic on purpose: details go to the log only. */
export class InternalError extends MemoApiError {
  readonly errorType = 'InternalError';

  constructor(options?: { cause?: unknown }) {
    super(INTERNAL_ERROR_MESSAGE, options);
    this.name = 'InternalError';
  }
}
