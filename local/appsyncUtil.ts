import { AsyncLocalStorage } from 'node:async_hooks';
import { util } from '@aws-appsync/utils';

/**
 * AppSync supplies `util` to APPSYNC_JS resolvers at run time; the @aws-appsync/utils package
 * only ships an empty placeholder object. The local runtime fills that same object with the
 * subset our resolver code uses, so the code runs here unchanged.
 */

/** What util.error raises: AppSync ends the resolver and reports this GraphQL error. */
export class AppSyncResolverError extends Error {
  constructor(
    message: string,
    readonly errorType: string | undefined,
    readonly data: unknown,
    readonly errorInfo: unknown,
  ) {
    super(message);
    this.name = 'AppSyncResolverError';
  }
}

/** Where util.appendError puts its errors: the resolver run in progress (see collectAppendedErrors). */
const appendedErrors = new AsyncLocalStorage<AppSyncResolverError[]>();

const localUtil = {
  error(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): never {
    throw new AppSyncResolverError(message, errorType, data ?? null, errorInfo ?? null);
  },
  /** Adds an error to the response while the field keeps its value. */
  appendError(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): void {
    const errors = appendedErrors.getStore();
    if (!errors) throw new Error('util.appendError was called outside a resolver run');
    errors.push(new AppSyncResolverError(message, errorType, data ?? null, errorInfo ?? null));
  },
};

/** Runs resolver code, then hands each error it appended to `report` (also when the code threw). */
export function collectAppendedErrors<T>(run: () => T, report: (error: AppSyncResolverError) => void): T {
  const appended: AppSyncResolverError[] = [];
  try {
    return appendedErrors.run(appended, run);
  } finally {
    appended.forEach(report);
  }
}

let installed = false;

export function installAppSyncUtil(): void {
  if (installed) return;
  Object.assign(util as object, localUtil);
  installed = true;
}
