import { extensions, util } from '@aws-appsync/utils';
import { toSubscriptionFilter, type SubscriptionFilter } from './subscriptionFilter.js';

/**
 * AppSync supplies `util` and `extensions` to APPSYNC_JS resolvers at run time; the
 * @aws-appsync/utils package only ships empty placeholder objects. The local runtime fills those
 * same objects with the subset our resolver code uses, so the code runs here unchanged.
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

/**
 * What `util.authType()` answers, by the auth mode that admitted the request: AppSync's five. The
 * runtime admits only the modes of its table (local/auth/apiAuthModes.ts, the API's two); the
 * others exist so resolver code can be tested against a mode it has no rule for.
 */
export const AUTH_TYPE_NAMES = {
  AMAZON_COGNITO_USER_POOLS: 'User Pool Authorization',
  AWS_IAM: 'IAM Authorization',
  API_KEY: 'API Key Authorization',
  AWS_LAMBDA: 'Lambda Authorization',
  OPENID_CONNECT: 'Open ID Connect Authorization',
} as const;

export type AuthMode = keyof typeof AUTH_TYPE_NAMES;

/** The run of resolver code in progress: what util and extensions read and write. */
export interface ResolverScope {
  readonly authMode: AuthMode;
  /** The field being resolved, for util.unauthorized's message. */
  readonly field: { readonly parentTypeName: string; readonly fieldName: string };
  /** Errors added with util.appendError. */
  readonly onAppendedError: (error: AppSyncResolverError) => void;
  /** Where extensions.setSubscriptionFilter puts its filter; absent outside subscription resolvers. */
  readonly onSubscriptionFilter?: (filter: SubscriptionFilter) => void;
}

/**
 * The resolver run in progress. APPSYNC_JS handlers are synchronous (no async, no promises in
 * AppSync's runtime), so a plain variable set around each call is exact: no other run can start
 * while one is on the stack. (AsyncLocalStorage did the same job at the price of promise hooks on
 * every promise of the process, 3–4 % of the endpoint's CPU in a profile on Node 20.)
 */
let currentScope: { scope: ResolverScope; appended: AppSyncResolverError[] } | undefined;

function scope(method: string): { scope: ResolverScope; appended: AppSyncResolverError[] } {
  const running = currentScope;
  if (!running) throw new Error(`${method} was called outside a resolver run`);
  return running;
}

const localUtil = {
  error(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): never {
    throw new AppSyncResolverError(message, errorType, data ?? null, errorInfo ?? null);
  },
  /** Adds an error to the response while the field keeps its value. */
  appendError(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): void {
    scope('util.appendError').appended.push(new AppSyncResolverError(message, errorType, data ?? null, errorInfo ?? null));
  },
  /** AppSync's refusal of the field being resolved. */
  unauthorized(): never {
    const { parentTypeName, fieldName } = scope('util.unauthorized').scope.field;
    throw new AppSyncResolverError(`Not Authorized to access ${fieldName} on type ${parentTypeName}`, 'Unauthorized', null, null);
  },
  authType(): string {
    return AUTH_TYPE_NAMES[scope('util.authType').scope.authMode];
  },
  transform: { toSubscriptionFilter },
};

const localExtensions = {
  /** AppSync allows it only in a subscription resolver's response handler. */
  setSubscriptionFilter(filter: SubscriptionFilter): void {
    const { onSubscriptionFilter } = scope('extensions.setSubscriptionFilter').scope;
    if (!onSubscriptionFilter) throw new Error('extensions.setSubscriptionFilter is only allowed in a subscription resolver');
    onSubscriptionFilter(filter);
  },
};

/** Runs resolver code in a scope; hands each error it appended to the scope (also when the code threw). */
export function runInResolverScope<T>(run: () => T, resolverScope: ResolverScope): T {
  const appended: AppSyncResolverError[] = [];
  const outer = currentScope;
  currentScope = { scope: resolverScope, appended };
  try {
    const result = run();
    if (typeof (result as { then?: unknown } | null)?.then === 'function')
      throw new Error('APPSYNC_JS resolver handlers must be synchronous (AppSync runs no promises)');
    return result;
  } finally {
    currentScope = outer;
    appended.forEach(resolverScope.onAppendedError);
  }
}

let installed = false;

export function installAppSyncUtil(): void {
  if (installed) return;
  Object.assign(util as object, localUtil);
  Object.assign(extensions as object, localExtensions);
  installed = true;
}
