/**
 * The errors clients can see. Each carries the `errorType` AppSync reports; the APPSYNC_JS
 * resolver (resolvers/appsync/invokeLambda.ts) turns them into GraphQL errors with util.error.
 */
import { INTERNAL_ERROR_MESSAGE } from './lambdaResult.js';

export type ErrorType = 'ValidationError' | 'MemoNotFound' | 'VersionConflict' | 'MemoAlreadyExists' | 'InternalError';

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
 * fields differ, or it has been updated since. Carries the version the memo is at now.
 */
export class MemoAlreadyExists extends MemoApiError {
  readonly errorType = 'MemoAlreadyExists';
  override readonly errorInfo: { memoId: string; currentVersion: number };

  constructor(memoId: string, currentVersion: number) {
    super(`Memo ${memoId} already exists (at version ${currentVersion}) with other content; choose a new memoId`);
    this.name = 'MemoAlreadyExists';
    this.errorInfo = { memoId, currentVersion };
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
