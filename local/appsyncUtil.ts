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

const localUtil = {
  error(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): never {
    throw new AppSyncResolverError(message, errorType, data ?? null, errorInfo ?? null);
  },
};

let installed = false;

export function installAppSyncUtil(): void {
  if (installed) return;
  Object.assign(util as object, localUtil);
  installed = true;
}
